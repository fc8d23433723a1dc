// The log's physical format: round trips, and how a reader ends on a torn or damaged file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "storage/wal/log_format.hpp"
#include "storage/wal/log_reader.hpp"
#include "storage/wal/log_writer.hpp"
#include "temp_dir.hpp"

namespace floci::host::storage::wal {
namespace {

using Kind = LogEnd::Kind;

struct ReadBack {
    std::vector<std::string> records;
    LogEnd end;
    std::uint64_t valid_bytes = 0;
    std::string error;  // status() message, empty when ok.
};

std::string make_payload(std::size_t size, int seed) {
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 131 + seed * 7) & 0xff);
    return out;
}

class WalLogTest : public ::testing::Test {
  protected:
    // Writes a header and `records`; returns the file offset at which each record starts.
    std::vector<std::uint64_t> write_log(const std::vector<std::string>& records) {
        int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        EXPECT_GE(fd, 0);
        LogWriter writer(fd);
        EXPECT_TRUE(writer.write_file_header().ok());
        std::vector<std::uint64_t> offsets;
        for (const std::string& record : records) {
            offsets.push_back(writer.file_size());
            EXPECT_TRUE(writer.add_record(record).ok());
        }
        EXPECT_TRUE(writer.sync().ok());
        ::close(fd);
        return offsets;
    }

    ReadBack read_log() {
        int fd = ::open(path_.c_str(), O_RDONLY);
        EXPECT_GE(fd, 0);
        LogReader reader(fd, path_);
        ReadBack out;
        std::string record;
        while (reader.read_record(record)) out.records.push_back(record);
        out.end = reader.end();
        out.valid_bytes = reader.valid_bytes();
        if (floci::sdk::Status status = reader.status(); !status) {
            out.error = status.error().message();
        }
        ::close(fd);
        return out;
    }

    void overwrite(std::uint64_t offset, std::string_view bytes) {
        int fd = ::open(path_.c_str(), O_WRONLY);
        EXPECT_EQ(::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset)),
                  static_cast<ssize_t>(bytes.size()));
        ::close(fd);
    }

    void truncate_to(std::uint64_t size) {
        ASSERT_EQ(::truncate(path_.c_str(), static_cast<off_t>(size)), 0);
    }

    std::uint64_t file_size() {
        struct stat st {};
        EXPECT_EQ(::stat(path_.c_str(), &st), 0);
        return static_cast<std::uint64_t>(st.st_size);
    }

    floci::test::TempDir dir_;
    std::string path_ = dir_.file("log-000001");
};

TEST_F(WalLogTest, RoundTripSmallAndLargeRecords) {
    std::vector<std::string> records = {
        "",
        "a",
        make_payload(100, 1),
        // Leaves 3 bytes in block 0, too few for a header: the writer pads them.
        make_payload(kBlockSize - kFileHeaderSize - 2 * kHeaderSize - 3, 2),
        make_payload(kBlockSize, 3),           // FIRST + LAST.
        make_payload(3 * kBlockSize + 17, 4),  // FIRST + MIDDLE... + LAST.
        make_payload(kBlockSize - kHeaderSize, 5),
        "",
        make_payload(100000, 6),
    };
    for (int i = 0; i < 200; ++i) records.push_back(make_payload(static_cast<std::size_t>(i), i));
    write_log(records);

    ReadBack back = read_log();
    ASSERT_EQ(back.records.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i) EXPECT_EQ(back.records[i], records[i]) << i;
    EXPECT_EQ(back.end.kind, Kind::clean);
    EXPECT_EQ(back.valid_bytes, file_size());
    EXPECT_EQ(back.error, "");
}

TEST_F(WalLogTest, RecordEndingExactlyAtBlockEndNeedsNoTrailer) {
    std::vector<std::string> records = {
        make_payload(kBlockSize - kFileHeaderSize - 2 * kHeaderSize, 1), "next"};
    std::vector<std::uint64_t> offsets = write_log(records);
    EXPECT_EQ(offsets[1], kBlockSize);
    ReadBack back = read_log();
    EXPECT_TRUE(back.records == records);
    EXPECT_EQ(back.end.kind, Kind::clean);
}

TEST_F(WalLogTest, EmptyFileIsEmptyLog) {
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::close(fd);
    ReadBack back = read_log();
    EXPECT_TRUE(back.records.empty());
    EXPECT_EQ(back.end.kind, Kind::clean);
    EXPECT_EQ(back.end.dropped_bytes, 0u);
    EXPECT_EQ(back.error, "");
}

TEST_F(WalLogTest, HeaderOnlyFileIsEmptyLog) {
    write_log({});
    ReadBack back = read_log();
    EXPECT_TRUE(back.records.empty());
    EXPECT_EQ(back.end.kind, Kind::clean);
    EXPECT_EQ(back.valid_bytes, kHeaderSize + kFileHeaderSize);
}

TEST_F(WalLogTest, TornTailAtEveryByteOffsetOfLastRecordIsCleanEnd) {
    // The last record is: a FULL record; split FIRST/LAST across a block boundary; preceded
    // by 3 bytes of trailer padding.
    const std::vector<std::vector<std::string>> cases = {
        {"one", make_payload(500, 1), make_payload(300, 2)},
        {make_payload(kBlockSize - kFileHeaderSize - 2 * kHeaderSize - 300, 1),
         make_payload(600, 2)},
        {make_payload(kBlockSize - kFileHeaderSize - 2 * kHeaderSize - 3, 1), make_payload(40, 2)},
    };
    for (const std::vector<std::string>& records : cases) {
        std::vector<std::uint64_t> offsets = write_log(records);
        const std::uint64_t start = offsets.back();
        // Where the record's header begins, after any padding.
        const std::uint64_t header_at = kBlockSize - start % kBlockSize < kHeaderSize
                                            ? (start / kBlockSize + 1) * kBlockSize
                                            : start;
        const std::uint64_t full_size = file_size();
        std::vector<std::string> earlier(records.begin(), records.end() - 1);
        // Cut downwards so each cut is one truncate() of the file.
        for (std::uint64_t cut = full_size - 1; cut >= start; --cut) {
            truncate_to(cut);
            ReadBack back = read_log();
            ASSERT_TRUE(back.records == earlier) << "cut at " << cut;
            ASSERT_EQ(back.error, "") << "cut at " << cut;
            if (cut == start || cut == header_at) {
                // Complete padding is part of the record before it: nothing was dropped.
                EXPECT_EQ(back.end.kind, Kind::clean) << "cut at " << cut;
                EXPECT_EQ(back.valid_bytes, cut);
            } else {
                const std::uint64_t valid = cut < header_at ? start : header_at;
                ASSERT_EQ(back.valid_bytes, valid) << "cut at " << cut;
                ASSERT_EQ(back.end.kind, Kind::torn_tail) << "cut at " << cut;
                ASSERT_EQ(back.end.dropped_bytes, cut - valid) << "cut at " << cut;
            }
        }
    }
}

TEST_F(WalLogTest, TornTailOfMultiBlockRecordIsCleanEnd) {
    // Every byte near each fragment boundary, and a sample in between (every byte would be
    // ~100k reads of a ~100 KiB file).
    std::vector<std::string> records = {"first", make_payload(3 * kBlockSize, 9)};
    std::vector<std::uint64_t> offsets = write_log(records);
    const std::uint64_t start = offsets.back();
    const std::uint64_t full_size = file_size();
    for (std::uint64_t cut = full_size - 1; cut > start; --cut) {
        std::uint64_t in_block = cut % kBlockSize;
        bool near_boundary = in_block < 2 * kHeaderSize || in_block > kBlockSize - 2 * kHeaderSize;
        if (!near_boundary && cut % 97 != 0 && cut - start > 64) continue;
        truncate_to(cut);
        ReadBack back = read_log();
        ASSERT_EQ(back.records, std::vector<std::string>{"first"}) << "cut at " << cut;
        ASSERT_EQ(back.end.kind, Kind::torn_tail) << "cut at " << cut;
        ASSERT_EQ(back.end.dropped_bytes, cut - start) << "cut at " << cut;
    }
}

TEST_F(WalLogTest, ChecksumMismatchInMiddleIsCorruption) {
    std::vector<std::string> records = {"zero", "one", "two", "three", "four"};
    std::vector<std::uint64_t> offsets = write_log(records);
    overwrite(offsets[2] + kHeaderSize + 1, "X");

    ReadBack back = read_log();
    EXPECT_EQ(back.records, (std::vector<std::string>{"zero", "one"}));
    EXPECT_EQ(back.end.kind, Kind::corrupt);
    EXPECT_EQ(back.end.offset, offsets[2]);
    EXPECT_EQ(back.end.reason, "checksum mismatch");
    EXPECT_NE(back.error.find(path_), std::string::npos) << back.error;
    EXPECT_NE(back.error.find("offset " + std::to_string(offsets[2])), std::string::npos)
        << back.error;
}

TEST_F(WalLogTest, ChecksumMismatchWithValidBlocksAfterIsCorruption) {
    // The damaged record fills the rest of its block, so only later blocks show the log goes on.
    std::vector<std::string> records = {"zero", make_payload(kBlockSize - 40, 1),
                                        make_payload(2 * kBlockSize, 2), "after"};
    std::vector<std::uint64_t> offsets = write_log(records);
    overwrite(offsets[1] + kHeaderSize + 5, "\xff\xfe");

    ReadBack back = read_log();
    EXPECT_EQ(back.records, std::vector<std::string>{"zero"});
    EXPECT_EQ(back.end.kind, Kind::corrupt);
    EXPECT_EQ(back.end.offset, offsets[1]);
}

TEST_F(WalLogTest, ChecksumMismatchInLastRecordIsTornTail) {
    // Nothing valid follows, so it is indistinguishable from pages a crash left half written.
    std::vector<std::string> records = {"zero", "one", "two"};
    std::vector<std::uint64_t> offsets = write_log(records);
    overwrite(offsets[2] + kHeaderSize, "T");

    ReadBack back = read_log();
    EXPECT_EQ(back.records, (std::vector<std::string>{"zero", "one"}));
    EXPECT_EQ(back.end.kind, Kind::torn_tail);
    EXPECT_EQ(back.end.dropped_bytes, file_size() - offsets[2]);
    EXPECT_EQ(back.error, "");
}

TEST_F(WalLogTest, BadLengthIsCorruption) {
    std::vector<std::string> records = {"zero", "one", "two", "three"};
    std::vector<std::uint64_t> offsets = write_log(records);
    overwrite(offsets[1] + 4, "\xff\xff");  // Longer than a block.

    ReadBack back = read_log();
    EXPECT_EQ(back.records, std::vector<std::string>{"zero"});
    EXPECT_EQ(back.end.kind, Kind::corrupt);
    EXPECT_EQ(back.end.offset, offsets[1]);
    EXPECT_EQ(back.end.reason, "bad record length 65535");
    EXPECT_NE(back.error, "");
}

TEST_F(WalLogTest, BadLengthInFullBlockIsCorruption) {
    // In a block that is not the last, a length past the block's end cannot be a torn write.
    std::vector<std::string> records = {"zero", "one", make_payload(2 * kBlockSize, 1)};
    std::vector<std::uint64_t> offsets = write_log(records);
    overwrite(offsets[1] + 4, std::string_view("\x00\x7f", 2));

    ReadBack back = read_log();
    EXPECT_EQ(back.records, std::vector<std::string>{"zero"});
    EXPECT_EQ(back.end.kind, Kind::corrupt);
}

TEST_F(WalLogTest, ZeroFilledTailIsTornTail) {
    // What a power loss can leave: the file size grew, the data pages never arrived.
    std::vector<std::string> records = {"zero", "one"};
    write_log(records);
    std::uint64_t size = file_size();
    overwrite(size, std::string(kBlockSize + 4096, '\0'));

    ReadBack back = read_log();
    EXPECT_EQ(back.records, records);
    EXPECT_EQ(back.end.kind, Kind::torn_tail);
    EXPECT_EQ(back.end.dropped_bytes, kBlockSize + 4096);
    EXPECT_EQ(back.valid_bytes, size);
}

TEST_F(WalLogTest, FragmentOutOfOrderIsCorruption) {
    std::vector<std::string> records = {"zero", "one", "two"};
    std::vector<std::uint64_t> offsets = write_log(records);
    // Rewrite "one" as a valid MIDDLE fragment: its checksum matches, its place does not.
    std::string header(kHeaderSize, '\0');
    encode_fixed32(header.data(), record_checksum(RecordType::middle, "one"));
    header[4] = 3;
    header[6] = static_cast<char>(RecordType::middle);
    overwrite(offsets[1], header);

    ReadBack back = read_log();
    EXPECT_EQ(back.records, std::vector<std::string>{"zero"});
    EXPECT_EQ(back.end.kind, Kind::corrupt);
    EXPECT_EQ(back.end.offset, offsets[1]);
}

TEST_F(WalLogTest, FileWithoutHeaderIsRejected) {
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    LogWriter writer(fd);
    ASSERT_TRUE(writer.add_record("not a header").ok());
    ::close(fd);
    ReadBack back = read_log();
    EXPECT_TRUE(back.records.empty());
    EXPECT_EQ(back.end.kind, Kind::corrupt);
    EXPECT_NE(back.error.find("not a floci log file"), std::string::npos) << back.error;
}

TEST_F(WalLogTest, NewerFormatVersionIsRejected) {
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    LogWriter writer(fd);
    std::string header(kLogMagic);
    header.append("\x02\x00\x00\x00", 4);
    ASSERT_TRUE(writer.add_record(header).ok());
    ASSERT_TRUE(writer.add_record("batch").ok());
    ::close(fd);
    ReadBack back = read_log();
    EXPECT_TRUE(back.records.empty());
    EXPECT_EQ(back.end.kind, Kind::corrupt);
    EXPECT_NE(back.error.find("version 2"), std::string::npos) << back.error;
}

TEST_F(WalLogTest, AppendAfterReopenAtValidBytesContinuesLog) {
    write_log({"zero", make_payload(kBlockSize, 1)});
    std::uint64_t size = file_size();
    truncate_to(size - 3);  // Tear the last record.
    ReadBack torn = read_log();
    ASSERT_EQ(torn.end.kind, Kind::torn_tail);

    truncate_to(torn.valid_bytes);
    int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND);
    LogWriter writer(fd, torn.valid_bytes);
    ASSERT_TRUE(writer.add_record(make_payload(kBlockSize + 5, 2)).ok());
    ASSERT_TRUE(writer.add_record("last").ok());
    ::close(fd);

    ReadBack back = read_log();
    EXPECT_TRUE(back.records ==
                (std::vector<std::string>{"zero", make_payload(kBlockSize + 5, 2), "last"}));
    EXPECT_EQ(back.end.kind, Kind::clean);
}

}  // namespace
}  // namespace floci::host::storage::wal
