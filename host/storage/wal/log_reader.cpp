#include "storage/wal/log_reader.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <floci/sdk/aws_error.hpp>
#include <optional>
#include <utility>

namespace floci::host::storage::wal {

using floci::sdk::AwsError;
using floci::sdk::Status;

namespace {

std::size_t fragment_length(const char* header) {
    return std::size_t{static_cast<unsigned char>(header[4])} |
           std::size_t{static_cast<unsigned char>(header[5])} << 8;
}

// Reads up to kBlockSize bytes at `offset` into `out`; fewer only at EOF. Returns errno or 0.
int read_block(int fd, std::uint64_t offset, std::string& out) {
    out.resize(kBlockSize);
    std::size_t got = 0;
    while (got < kBlockSize) {
        ssize_t n =
            ::pread(fd, out.data() + got, kBlockSize - got, static_cast<off_t>(offset + got));
        if (n < 0) {
            if (errno == EINTR) continue;
            out.resize(got);
            return errno;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return 0;
}

}  // namespace

LogReader::LogReader(int fd, std::string file_name, std::string_view magic)
    : fd_(fd), file_name_(std::move(file_name)), magic_(magic) {}

bool LogReader::read_record(std::string& record) {
    if (done_) return false;
    if (!header_checked_) {
        std::string header;
        if (!read_logical(header) || !check_file_header(header)) return false;
        header_checked_ = true;
    }
    return read_logical(record);
}

bool LogReader::check_file_header(std::string_view record) {
    if (record.size() < kFileHeaderSize || record.substr(0, magic_.size()) != magic_) {
        return finish(LogEnd::Kind::corrupt, 0,
                      "not a floci " + std::string(magic_ == kLogMagic ? "log" : "checkpoint") +
                          " file (bad file header)");
    }
    std::uint32_t version = decode_fixed32(record.data() + magic_.size());
    if (version != kFormatVersion || record.size() != kFileHeaderSize) {
        return finish(LogEnd::Kind::corrupt, 0,
                      "log format version " + std::to_string(version) +
                          " is not supported by this build (it reads version " +
                          std::to_string(kFormatVersion) + ")");
    }
    return true;
}

bool LogReader::read_logical(std::string& record) {
    record.clear();
    bool in_fragment = false;
    std::uint64_t record_offset = 0;
    Fragment fragment;
    while (true) {
        switch (read_physical(fragment)) {
            case Physical::record:
                break;
            case Physical::eof:
                // In a fragmented record, the writer died before its later fragments.
                return in_fragment ? finish_torn() : finish(LogEnd::Kind::clean, 0, {});
            case Physical::torn:
                return finish_torn();
            case Physical::bad: {
                std::optional<bool> more = valid_record_after(bad_offset_);
                if (!more) return false;  // An I/O error; finish() has run.
                return *more ? finish(LogEnd::Kind::corrupt, bad_offset_, bad_reason_)
                             : finish_torn();
            }
            case Physical::io_error:
                return false;
        }
        // Fragments out of order carry valid checksums, so valid data does follow: corrupt.
        switch (fragment.type) {
            case RecordType::full:
            case RecordType::first:
                if (in_fragment) {
                    return finish(LogEnd::Kind::corrupt, record_offset,
                                  "record has no LAST fragment before the next record");
                }
                record.assign(fragment.payload);
                record_offset = fragment.offset;
                in_fragment = fragment.type == RecordType::first;
                break;
            case RecordType::middle:
            case RecordType::last:
                if (!in_fragment) {
                    return finish(LogEnd::Kind::corrupt, fragment.offset,
                                  "continuation fragment without a FIRST fragment");
                }
                record.append(fragment.payload);
                in_fragment = fragment.type == RecordType::middle;
                break;
            case RecordType::zero:
                break;  // read_physical() never returns it.
        }
        if (!in_fragment) {
            last_record_offset_ = record_offset;
            valid_bytes_ = block_offset_ + pos_;
            return true;
        }
    }
}

LogReader::Physical LogReader::read_physical(Fragment& out) {
    while (true) {
        std::size_t left = block_.size() - pos_;
        if (!started_ || left < kHeaderSize) {
            if (started_ && at_eof_) return left == 0 ? Physical::eof : Physical::torn;
            // The rest of a full block is trailer padding; it belongs to the record before it,
            // so a log that ends right after it ends cleanly.
            if (started_ && valid_bytes_ == block_offset_ + pos_) {
                valid_bytes_ = block_offset_ + block_.size();
            }
            if (!load_next_block()) return Physical::io_error;
            continue;
        }
        const char* header = block_.data() + pos_;
        std::size_t length = fragment_length(header);
        auto type = static_cast<std::uint8_t>(header[6]);
        bad_offset_ = block_offset_ + pos_;
        if (kHeaderSize + length > left) {
            // Inside the block's bounds but past EOF: the writer died while writing the payload.
            if (at_eof_ && pos_ + kHeaderSize + length <= kBlockSize) return Physical::torn;
            bad_reason_ = "bad record length " + std::to_string(length);
            return Physical::bad;
        }
        std::string_view payload(header + kHeaderSize, length);
        if (decode_fixed32(header) != record_checksum(static_cast<RecordType>(type), payload)) {
            bad_reason_ = "checksum mismatch";
            return Physical::bad;
        }
        if (type == 0 || type > kMaxRecordType) {
            bad_reason_ = "bad record type " + std::to_string(type);
            return Physical::bad;
        }
        pos_ += kHeaderSize + length;
        out = {static_cast<RecordType>(type), payload, bad_offset_};
        return Physical::record;
    }
}

bool LogReader::load_next_block() {
    if (started_) block_offset_ += block_.size();
    started_ = true;
    pos_ = 0;
    if (int err = read_block(fd_, block_offset_, block_); err != 0) {
        return finish(LogEnd::Kind::io_error, block_offset_ + block_.size(), std::strerror(err));
    }
    at_eof_ = block_.size() < kBlockSize;
    return true;
}

std::optional<bool> LogReader::valid_record_after(std::uint64_t bad_offset) {
    for (std::size_t p = bad_offset - block_offset_ + 1; p + kHeaderSize <= block_.size(); ++p) {
        if (valid_record_at(block_, p)) return true;
    }
    if (at_eof_) return false;
    // Every block of a well-formed log starts with a record header, so one check per block is
    // enough to see whether the log goes on.
    std::string block;
    for (std::uint64_t offset = block_offset_ + kBlockSize;; offset += kBlockSize) {
        if (int err = read_block(fd_, offset, block); err != 0) {
            finish(LogEnd::Kind::io_error, offset + block.size(), std::strerror(err));
            return std::nullopt;
        }
        if (valid_record_at(block, 0)) return true;
        if (block.size() < kBlockSize) return false;
    }
}

bool LogReader::valid_record_at(std::string_view block, std::size_t pos) const {
    if (pos + kHeaderSize > block.size()) return false;
    const char* header = block.data() + pos;
    std::size_t length = fragment_length(header);
    auto type = static_cast<std::uint8_t>(header[6]);
    if (type == 0 || type > kMaxRecordType || pos + kHeaderSize + length > block.size()) {
        return false;
    }
    return decode_fixed32(header) ==
           record_checksum(static_cast<RecordType>(type), block.substr(pos + kHeaderSize, length));
}

bool LogReader::finish_torn() {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return finish(LogEnd::Kind::io_error, 0, std::strerror(errno));
    auto size = static_cast<std::uint64_t>(st.st_size);
    end_.dropped_bytes = size > valid_bytes_ ? size - valid_bytes_ : 0;
    return finish(end_.dropped_bytes == 0 ? LogEnd::Kind::clean : LogEnd::Kind::torn_tail,
                  valid_bytes_, {});
}

bool LogReader::finish(LogEnd::Kind kind, std::uint64_t offset, std::string reason) {
    end_.kind = kind;
    end_.offset = offset;
    end_.reason = std::move(reason);
    done_ = true;
    return false;
}

Status LogReader::status() const {
    switch (end_.kind) {
        case LogEnd::Kind::clean:
        case LogEnd::Kind::torn_tail:
            return {};
        case LogEnd::Kind::corrupt:
        case LogEnd::Kind::io_error:
            break;
    }
    return AwsError::internal("wal: " + file_name_ + ": " + describe(end_));
}

std::string describe(const LogEnd& end) {
    switch (end.kind) {
        case LogEnd::Kind::clean:
            return "clean";
        case LogEnd::Kind::torn_tail:
            return "torn tail (" + std::to_string(end.dropped_bytes) + " bytes dropped at offset " +
                   std::to_string(end.offset) + ")";
        case LogEnd::Kind::corrupt:
            return "corrupt record at offset " + std::to_string(end.offset) + ": " + end.reason +
                   " (valid records follow it)";
        case LogEnd::Kind::io_error:
            return "read failed at offset " + std::to_string(end.offset) + ": " + end.reason;
    }
    return "unknown";
}

}  // namespace floci::host::storage::wal
