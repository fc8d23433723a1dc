#pragma once
// One log segment of a durable store: log-<seq> holds the batches after sequence <seq>, the
// sequence of the checkpoint it follows (log-0 in a fresh folder). <seq> is zero-padded to 20
// digits like checkpoint names, so names sort by sequence.
//
// A segment is shared (shared_ptr) between the store, which appends under its lock, and the
// log thread, which fdatasyncs it without that lock; a rotation retires a segment while a
// group may still be syncing it, and the last owner closes the descriptor.
#include <cstdint>
#include <filesystem>
#include <floci/sdk/result.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/wal/log_writer.hpp"

namespace floci::host::storage {

std::string log_file_name(std::uint64_t sequence);
// The sequence of a segment file name; nullopt for anything else.
std::optional<std::uint64_t> parse_log_file_name(std::string_view name);

// fsync(2) on a folder, so that files created, renamed or deleted in it stay so after a crash.
sdk::Status sync_directory(const std::filesystem::path& dir);

class LogSegment {
  public:
    // Creates log-<start_sequence> in `dir` with its file header, and syncs file and folder so
    // the segment itself survives a power loss before any batch is acknowledged from it.
    static sdk::Result<std::shared_ptr<LogSegment>> create(const std::filesystem::path& dir,
                                                           std::uint64_t start_sequence);
    // Reopens an existing segment for appending. `valid_bytes` is the recovery reader's
    // LogReader::valid_bytes(): a torn tail after it is truncated (and the truncation synced)
    // first, because records appended after a torn tail would read back as corruption.
    static sdk::Result<std::shared_ptr<LogSegment>> reopen(const std::filesystem::path& file,
                                                           std::uint64_t start_sequence,
                                                           std::uint64_t valid_bytes);

    ~LogSegment();
    LogSegment(const LogSegment&) = delete;
    LogSegment& operator=(const LogSegment&) = delete;

    // write(2)s one record. Not thread-safe: the store calls it under its exclusive lock.
    sdk::Status append(std::string_view record) { return writer_.add_record(record); }

    // fdatasync(2) may run on any thread, concurrently with append().
    int fd() const noexcept { return fd_; }
    const std::filesystem::path& path() const noexcept { return path_; }
    std::uint64_t start_sequence() const noexcept { return start_sequence_; }
    // Bytes written so far; only stable under the store's lock.
    std::uint64_t size() const noexcept { return writer_.file_size(); }

  private:
    LogSegment(int fd, std::filesystem::path path, std::uint64_t start_sequence, std::uint64_t size)
        : fd_(fd), path_(std::move(path)), start_sequence_(start_sequence), writer_(fd, size) {}

    int fd_;
    std::filesystem::path path_;
    std::uint64_t start_sequence_;
    wal::LogWriter writer_;
};

}  // namespace floci::host::storage
