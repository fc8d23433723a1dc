#include "storage/log_segment.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <floci/sdk/aws_error.hpp>

#include "storage/wal/sequence_file_name.hpp"

namespace floci::host::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNamePrefix = "log-";

sdk::AwsError errno_error(const fs::path& file, const char* call) {
    return sdk::AwsError::internal(std::string(call) + " " + file.string() +
                                   " failed: " + std::strerror(errno));
}

}  // namespace

std::string log_file_name(std::uint64_t sequence) {
    return wal::sequence_file_name(kNamePrefix, sequence);
}

std::optional<std::uint64_t> parse_log_file_name(std::string_view name) {
    return wal::parse_sequence_file_name(kNamePrefix, name);
}

sdk::Status sync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno_error(dir, "open directory");
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    errno = err;
    if (rc != 0) return errno_error(dir, "fsync directory");
    return {};
}

sdk::Result<std::shared_ptr<LogSegment>> LogSegment::create(const fs::path& dir,
                                                            std::uint64_t start_sequence) {
    fs::path file = dir / log_file_name(start_sequence);
    // O_TRUNC: a segment of this name can only be a leftover whose batches a checkpoint
    // already holds (the rotation that named it never finished).
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return errno_error(file, "open");
    std::shared_ptr<LogSegment> segment(new LogSegment(fd, file, start_sequence, 0));
    if (sdk::Status status = segment->writer_.write_file_header(); !status) return status.error();
    if (::fdatasync(fd) != 0) return errno_error(file, "fdatasync");
    if (sdk::Status status = sync_directory(dir); !status) return status.error();
    return segment;
}

sdk::Result<std::shared_ptr<LogSegment>> LogSegment::reopen(const fs::path& file,
                                                            std::uint64_t start_sequence,
                                                            std::uint64_t valid_bytes) {
    int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) return errno_error(file, "open");
    // A torn file header (valid_bytes 0) is rewritten from scratch below.
    std::shared_ptr<LogSegment> segment(new LogSegment(fd, file, start_sequence, valid_bytes));
    struct stat st {};
    if (::fstat(fd, &st) != 0) return errno_error(file, "fstat");
    if (static_cast<std::uint64_t>(st.st_size) != valid_bytes) {
        if (::ftruncate(fd, static_cast<off_t>(valid_bytes)) != 0) {
            return errno_error(file, "ftruncate");
        }
        if (::fdatasync(fd) != 0) return errno_error(file, "fdatasync");
    }
    if (valid_bytes == 0) {
        if (sdk::Status status = segment->writer_.write_file_header(); !status) {
            return status.error();
        }
    }
    return segment;
}

LogSegment::~LogSegment() { ::close(fd_); }

}  // namespace floci::host::storage
