#pragma once
// Reads logical records back from a log segment written by LogWriter, and says how the log
// ended, because recovery must treat the two kinds of bad ending differently:
//
// - torn tail: the writer died mid-record (a truncated header or payload at EOF, a record whose
//   continuation fragments never arrived, or a damaged or zero-filled stretch after which no
//   valid record follows). Nothing after it was ever acknowledged as durable, so it is a clean
//   end of the log; the reader reports how many bytes it dropped so recovery can log them.
// - corrupt: a damaged record (checksum mismatch, impossible length or type, fragments out of
//   order) that is followed by more valid data. Stopping there silently would drop batches that
//   were acknowledged, so it is an error naming the file and the offset.
//
// "Followed by valid data" means: a record with a matching checksum starts at any later byte of
// the damaged record's block, or at the start of any later block. Scanning from the byte after
// the damaged header (rather than trusting its length field) errs on the loud side: a false
// "corrupt" refuses to start, a false "torn tail" would lose acknowledged data quietly.
//
// Not thread-safe.
#include <cstdint>
#include <floci/sdk/result.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "storage/wal/log_format.hpp"

namespace floci::host::storage::wal {

struct LogEnd {
    enum class Kind : std::uint8_t {
        clean,      // The file ends right after a complete record (or is empty).
        torn_tail,  // The writer died mid-record; dropped_bytes were discarded.
        corrupt,    // Damage at `offset` with valid data after it; `reason` says what.
        io_error,   // read(2) failed at `offset`; `reason` holds the error.
    };
    Kind kind = Kind::clean;
    std::uint64_t dropped_bytes = 0;
    std::uint64_t offset = 0;
    std::string reason;
};

class LogReader {
  public:
    // `fd` must be open for reading and stay open while the reader is used; the reader does
    // not own it and reads with pread(2), so the descriptor's position does not matter.
    // `file_name` is only used in error messages. The file header must carry `magic`.
    LogReader(int fd, std::string file_name, std::string_view magic = kLogMagic);

    LogReader(const LogReader&) = delete;
    LogReader& operator=(const LogReader&) = delete;

    // Stores the next logical record in `record` and returns true, or returns false at the end
    // of the log, after which end() says how it ended. The file header record is checked on
    // the first call and never returned.
    bool read_record(std::string& record);

    // How the log ended; meaningful once read_record() has returned false.
    const LogEnd& end() const noexcept { return end_; }
    // Success for clean and torn_tail ends; an internal error naming file and offset otherwise.
    floci::sdk::Status status() const;

    // File offset of the first fragment of the record last returned.
    std::uint64_t last_record_offset() const noexcept { return last_record_offset_; }
    // Offset just past the last complete record: the size to truncate the file to before
    // appending to it again.
    std::uint64_t valid_bytes() const noexcept { return valid_bytes_; }
    const std::string& file_name() const noexcept { return file_name_; }

  private:
    enum class Physical : std::uint8_t { record, eof, torn, bad, io_error };
    struct Fragment {
        RecordType type = RecordType::zero;
        std::string_view payload;
        std::uint64_t offset = 0;
    };

    bool read_logical(std::string& record);
    bool check_file_header(std::string_view record);
    Physical read_physical(Fragment& out);
    bool load_next_block();
    std::optional<bool> valid_record_after(std::uint64_t bad_offset);
    bool valid_record_at(std::string_view block, std::size_t pos) const;
    bool finish(LogEnd::Kind kind, std::uint64_t offset, std::string reason);
    bool finish_torn();

    int fd_;
    std::string file_name_;
    std::string_view magic_;
    std::string block_;               // The current block, kBlockSize bytes but the last.
    std::uint64_t block_offset_ = 0;  // File offset of block_[0].
    std::size_t pos_ = 0;             // Read position within block_.
    bool at_eof_ = false;             // block_ is the file's last block.
    bool started_ = false;            // Whether the first block was loaded.
    bool header_checked_ = false;
    bool done_ = false;
    std::uint64_t last_record_offset_ = 0;
    std::uint64_t valid_bytes_ = 0;
    std::string bad_reason_;  // Set by read_physical() when it returns bad.
    std::uint64_t bad_offset_ = 0;
    LogEnd end_;
};

// The end state as one line for logs: "clean", "torn tail (12 bytes dropped)", ...
std::string describe(const LogEnd& end);

}  // namespace floci::host::storage::wal
