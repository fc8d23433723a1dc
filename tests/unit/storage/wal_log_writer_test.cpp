// A log writer that failed once refuses everything after, so a hole never sits mid-log.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "storage/wal/log_format.hpp"
#include "storage/wal/log_writer.hpp"
#include "temp_dir.hpp"

namespace floci::host::storage::wal {
namespace {

std::uint64_t size_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0);
    return static_cast<std::uint64_t>(st.st_size);
}

TEST(WalLogWriterTest, FailedWriteMakesWriterRefuseLaterWrites) {
    floci::test::TempDir dir;
    std::string path = dir.file("log-000001");
    int fd = ::open(path.c_str(), O_RDONLY | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    LogWriter writer(fd);

    floci::sdk::Status first = writer.add_record("batch");
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().type(), "InternalServerError");
    EXPECT_NE(first.error().message().find("write failed"), std::string::npos);
    EXPECT_TRUE(writer.failed());

    // Even once the descriptor could take writes, the writer keeps refusing with the first error.
    int writable = ::open(path.c_str(), O_WRONLY);
    ASSERT_EQ(::dup2(writable, fd), fd);
    ::close(writable);
    floci::sdk::Status later = writer.add_record("another batch");
    ASSERT_FALSE(later.ok());
    EXPECT_EQ(later.error().message(), first.error().message());
    EXPECT_FALSE(writer.sync().ok());
    EXPECT_FALSE(writer.write_file_header().ok());
    EXPECT_EQ(size_of(path), 0u);
    ::close(fd);
}

TEST(WalLogWriterTest, WriteToClosedDescriptorFails) {
    floci::test::TempDir dir;
    int fd = ::open(dir.file("log").c_str(), O_WRONLY | O_CREAT, 0644);
    ::close(fd);
    LogWriter writer(fd);
    EXPECT_FALSE(writer.add_record("x").ok());
    EXPECT_FALSE(writer.add_record("y").ok());
    EXPECT_EQ(writer.file_size(), 0u);
}

TEST(WalLogWriterTest, FullDiskFailsWithReason) {
    int fd = ::open("/dev/full", O_WRONLY);
    if (fd < 0) GTEST_SKIP() << "no /dev/full";
    LogWriter writer(fd);
    floci::sdk::Status status = writer.add_record(std::string(100, 'v'));
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message().find(std::strerror(ENOSPC)), std::string::npos)
        << status.error().message();
    EXPECT_FALSE(writer.add_record("v").ok());
    ::close(fd);
}

TEST(WalLogWriterTest, FailedSyncMakesWriterRefuseLaterWrites) {
    // fdatasync on a pipe fails (EINVAL) while writes to it succeed.
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    LogWriter writer(fds[1]);
    ASSERT_TRUE(writer.add_record("durable?").ok());
    floci::sdk::Status sync = writer.sync();
    ASSERT_FALSE(sync.ok());
    EXPECT_NE(sync.error().message().find("fdatasync"), std::string::npos);
    EXPECT_FALSE(writer.add_record("after").ok());
    EXPECT_EQ(writer.file_size(), kHeaderSize + 8);
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST(WalLogWriterTest, FileSizeCountsHeadersAndPadding) {
    floci::test::TempDir dir;
    std::string path = dir.file("log");
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0644);
    LogWriter writer(fd);
    ASSERT_TRUE(writer.write_file_header().ok());
    EXPECT_EQ(writer.file_size(), kHeaderSize + kFileHeaderSize);
    // Leaves 2 bytes in the block; the next record pads them and starts a new block.
    std::string fill(kBlockSize - writer.file_size() - kHeaderSize - 2, 'f');
    ASSERT_TRUE(writer.add_record(fill).ok());
    ASSERT_TRUE(writer.add_record("x").ok());
    EXPECT_EQ(writer.file_size(), kBlockSize + kHeaderSize + 1);
    EXPECT_EQ(size_of(path), writer.file_size());
    ::close(fd);
}

}  // namespace
}  // namespace floci::host::storage::wal
