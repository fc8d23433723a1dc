#pragma once
// Appends logical records to a log segment in the format of log_format.hpp.
//
// The writer only write(2)s; sync() is the separate fdatasync, because when to pay for it is
// the storage mode's business (persistent: before acknowledging; wal: on a timer). A failed
// write or sync leaves the file in an unknown state (some bytes of a record may be on disk, and
// after a failed fsync the kernel may have dropped dirty pages), so, as in LevelDB, the writer
// then refuses every later call with the first error: appending after a hole would turn a torn
// tail into corruption in the middle of the file.
//
// Not thread-safe: the owner serialises calls (the storage engine's log thread).
#include <cstddef>
#include <cstdint>
#include <floci/sdk/result.hpp>
#include <string>
#include <string_view>

#include "storage/wal/log_format.hpp"

namespace floci::host::storage::wal {

class LogWriter {
  public:
    // `fd` must be open for writing and positioned at its end, which is `file_size` bytes from
    // the start; the writer does not own it, and it must stay open while the writer is used.
    // Pass the size of an existing segment only if it ends on a complete record (a reader's
    // valid_bytes()): new records after a torn tail would read back as corruption.
    explicit LogWriter(int fd, std::uint64_t file_size = 0);

    LogWriter(const LogWriter&) = delete;
    LogWriter& operator=(const LogWriter&) = delete;

    // Writes the file header record (`magic` and kFormatVersion). Call once, on an empty file,
    // before any add_record(). `magic` is kLogMagic or kCheckpointMagic (log_format.hpp).
    floci::sdk::Status write_file_header(std::string_view magic = kLogMagic);

    // Appends one logical record, fragmented across blocks as needed, with a single write(2)
    // where the kernel allows. Durable only after a successful sync().
    floci::sdk::Status add_record(std::string_view payload);

    // fdatasync(2): everything added so far reaches stable storage.
    floci::sdk::Status sync();

    // The first error, or success; once failed, always failed.
    const floci::sdk::Status& status() const noexcept { return status_; }
    bool failed() const noexcept { return !status_.ok(); }
    // Bytes of the segment, including the ones not yet synced.
    std::uint64_t file_size() const noexcept { return file_size_; }

  private:
    void append_fragment(std::string& out, std::string_view payload, bool begin, bool end);
    floci::sdk::Status write_all(std::string_view bytes);
    floci::sdk::Status fail(const char* call, int err);

    int fd_;
    std::uint64_t file_size_;
    std::size_t block_offset_;  // Offset of the write position within its block.
    floci::sdk::Status status_;
    std::string buffer_;  // Reused between records to avoid an allocation per record.
};

}  // namespace floci::host::storage::wal
