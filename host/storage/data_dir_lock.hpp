#pragma once
// Holds a data folder for one process: flock(LOCK_EX) on <dir>/LOCK. The kernel releases the
// lock when the process dies, even by kill -9, so a stale LOCK file never blocks a restart;
// a second live host on the same folder is refused instead of interleaving its log with ours.
#include <filesystem>
#include <floci/sdk/result.hpp>

namespace floci::host::storage {

class DataDirLock {
  public:
    // Takes the lock without waiting. The error names the folder and, when it can be read,
    // the pid of the process that holds it.
    static sdk::Result<DataDirLock> acquire(const std::filesystem::path& dir);

    DataDirLock(DataDirLock&& other) noexcept;
    DataDirLock& operator=(DataDirLock&& other) noexcept;
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;
    ~DataDirLock();

  private:
    explicit DataDirLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace floci::host::storage
