#include "storage/data_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <floci/sdk/aws_error.hpp>
#include <string>
#include <utility>

namespace floci::host::storage {
namespace {

constexpr const char* kLockFileName = "LOCK";

// The pid the holder wrote into the file, for the error message; empty if unreadable.
std::string holder_pid(int fd) {
    char buffer[32] = {};
    ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    if (n <= 0) return {};
    std::string pid(buffer, static_cast<std::size_t>(n));
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return pid;
}

}  // namespace

sdk::Result<DataDirLock> DataDirLock::acquire(const std::filesystem::path& dir) {
    const std::filesystem::path file = dir / kLockFileName;
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return sdk::AwsError::internal("cannot open " + file.string() + ": " +
                                       std::strerror(errno));
    }
    DataDirLock lock(fd);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        if (err != EWOULDBLOCK) {
            return sdk::AwsError::internal("cannot lock " + file.string() + ": " +
                                           std::strerror(err));
        }
        std::string pid = holder_pid(fd);
        return sdk::AwsError::internal(
            "data folder " + dir.string() + " is in use by another floci process" +
            (pid.empty() ? "" : " (pid " + pid + ")") + ": " + file.string() + " is locked");
    }
    // Only informative (the lock is the flock, not the contents), so errors are ignored.
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] ssize_t ignored = ::pwrite(fd, pid.data(), pid.size(), 0);
    }
    return lock;
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

DataDirLock::~DataDirLock() {
    // Closing the last descriptor of the open file releases the flock.
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace floci::host::storage
