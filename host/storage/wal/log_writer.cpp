#include "storage/wal/log_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <floci/sdk/aws_error.hpp>

#include "storage/wal/log_format.hpp"

namespace floci::host::storage::wal {

using floci::sdk::AwsError;
using floci::sdk::Status;

LogWriter::LogWriter(int fd, std::uint64_t file_size)
    : fd_(fd), file_size_(file_size), block_offset_(file_size % kBlockSize) {}

Status LogWriter::write_file_header(std::string_view magic) {
    std::string header(magic);
    char version[4];
    encode_fixed32(version, kFormatVersion);
    header.append(version, sizeof version);
    return add_record(header);
}

Status LogWriter::add_record(std::string_view payload) {
    if (failed()) return status_;

    buffer_.clear();
    // Loop at least once, so that an empty payload still writes one (empty) FULL record.
    bool begin = true;
    do {
        std::size_t left_in_block = kBlockSize - block_offset_;
        if (left_in_block < kHeaderSize) {
            // Too small for a header: pad with zeros, which readers skip as a trailer.
            buffer_.append(left_in_block, '\0');
            block_offset_ = 0;
            left_in_block = kBlockSize;
        }
        std::size_t fragment = std::min(payload.size(), left_in_block - kHeaderSize);
        bool end = fragment == payload.size();
        append_fragment(buffer_, payload.substr(0, fragment), begin, end);
        payload.remove_prefix(fragment);
        begin = false;
    } while (!payload.empty());

    return write_all(buffer_);
}

void LogWriter::append_fragment(std::string& out, std::string_view payload, bool begin, bool end) {
    RecordType type = begin && end ? RecordType::full
                      : begin      ? RecordType::first
                      : end        ? RecordType::last
                                   : RecordType::middle;
    char header[kHeaderSize];
    encode_fixed32(header, record_checksum(type, payload));
    header[4] = static_cast<char>(payload.size() & 0xff);
    header[5] = static_cast<char>(payload.size() >> 8);
    header[6] = static_cast<char>(type);
    out.append(header, kHeaderSize);
    out.append(payload);
    block_offset_ += kHeaderSize + payload.size();
}

Status LogWriter::write_all(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write", errno);
        }
        file_size_ += static_cast<std::uint64_t>(n);
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

Status LogWriter::sync() {
    if (failed()) return status_;
    // Retrying a failed fdatasync can report success for pages the kernel already dropped
    // (the PostgreSQL "fsyncgate"), so a failure is final here too.
    if (::fdatasync(fd_) != 0) return fail("fdatasync", errno);
    return {};
}

Status LogWriter::fail(const char* call, int err) {
    status_ = AwsError::internal(std::string("wal: ") + call + " failed at offset " +
                                 std::to_string(file_size_) + ": " + std::strerror(err) +
                                 "; the log file is in an unknown state and takes no more writes");
    return status_;
}

}  // namespace floci::host::storage::wal
