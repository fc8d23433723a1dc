// What recovery does with damaged folders, and what the store does after an I/O failure:
// a torn tail is a clean end; anything else unreadable refuses to open, naming the file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "durable_store_test_util.hpp"
#include "storage/log_segment.hpp"
#include "storage/wal/checkpoint.hpp"
#include "storage/wal/log_format.hpp"
#include "storage/wal/log_writer.hpp"

namespace floci::host::storage {
namespace {

namespace fs = std::filesystem;
using sdk::StorageMode;
using test::commit_wait;
using test::put_batch;

class DurableRecoveryTest : public test::DurableStoreFixture {
  protected:
    // A closed persistent store holding space "t" with keys 0..count-1, all in log-0.
    void fill(int count) {
        auto store = open(StorageMode::persistent);
        ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
        for (int i = 0; i < count; ++i) {
            ASSERT_TRUE(commit_wait(*store, put_batch("t", std::to_string(i), "value")));
        }
    }

    fs::path log0() const { return store_dir() / log_file_name(0); }

    std::string open_error() {
        auto store = DurableStore::open(options(StorageMode::persistent));
        EXPECT_FALSE(store) << "opened a damaged folder";
        return store ? "" : store.error().message();
    }

    static void append_bytes(const fs::path& file, std::string_view bytes) {
        std::ofstream out(file, std::ios::binary | std::ios::app);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }

    static void flip_byte(const fs::path& file, std::uint64_t offset) {
        std::fstream io(file, std::ios::binary | std::ios::in | std::ios::out);
        io.seekg(static_cast<std::streamoff>(offset));
        char c = 0;
        io.get(c);
        io.seekp(static_cast<std::streamoff>(offset));
        io.put(static_cast<char>(c ^ 0x40));
    }
};

TEST_F(DurableRecoveryTest, TornTailIsDroppedAndTruncatedBeforeAppending) {
    fill(3);
    // A header promising 100 payload bytes, of which only 5 arrived.
    std::string torn = {'\x11', '\x22', '\x33', '\x44', 100, 0, 1};
    append_bytes(log0(), torn + "abcde");
    {
        auto store = open(StorageMode::persistent);
        EXPECT_EQ(store->stats("t")->entries, 3u);
        ASSERT_TRUE(commit_wait(*store, put_batch("t", "after", "x")));
    }
    // Had the tail not been truncated, the new record would follow garbage: corruption.
    auto store = open(StorageMode::persistent);
    EXPECT_EQ(store->stats("t")->entries, 4u);
    EXPECT_EQ(store->get_copy("t", "after"), "x");
}

TEST_F(DurableRecoveryTest, CorruptRecordInTheMiddleRefusesToStart) {
    fill(5);
    // Inside the first batch record, right after the file header record.
    flip_byte(log0(), wal::kHeaderSize + wal::kFileHeaderSize + wal::kHeaderSize + 3);
    std::string error = open_error();
    EXPECT_NE(error.find(log_file_name(0)), std::string::npos) << error;
    EXPECT_NE(error.find("corrupt"), std::string::npos) << error;
}

TEST_F(DurableRecoveryTest, UnreadableCheckpointRefusesToStart) {
    {
        auto store = open(StorageMode::persistent);
        ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
        ASSERT_TRUE(commit_wait(*store, put_batch("t", "k", "v")));
        ASSERT_TRUE(store->checkpoint());
    }
    fs::path checkpoint = store_dir() / wal::checkpoint_file_name(2);
    fs::resize_file(checkpoint, fs::file_size(checkpoint) - 3);
    std::string error = open_error();
    EXPECT_NE(error.find(wal::checkpoint_file_name(2)), std::string::npos) << error;
}

TEST_F(DurableRecoveryTest, LogFromANewerFormatVersionRefusesToStart) {
    fs::create_directories(store_dir());
    int fd = ::open(log0().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(fd, 0);
    {
        wal::LogWriter writer(fd);
        std::string header(wal::kLogMagic);
        char version[4];
        wal::encode_fixed32(version, wal::kFormatVersion + 1);
        header.append(version, sizeof version);
        ASSERT_TRUE(writer.add_record(header));
    }
    ::close(fd);
    std::string error = open_error();
    EXPECT_NE(error.find(log_file_name(0)), std::string::npos) << error;
    EXPECT_NE(error.find("version " + std::to_string(wal::kFormatVersion + 1)), std::string::npos)
        << error;
}

TEST_F(DurableRecoveryTest, MissingBatchesRefuseToStart) {
    fill(2);
    // A later segment whose batches do not follow on from log-0's.
    fs::copy_file(log0(), store_dir() / log_file_name(10));
    std::string error = open_error();
    EXPECT_NE(error.find("missing"), std::string::npos) << error;
}

TEST_F(DurableRecoveryTest, FailedSyncRefusesEveryLaterWrite) {
    DurableOptions o = options(StorageMode::persistent);
    std::atomic<bool> failing{false};
    o.sync_file = [&failing](int fd) {
        if (!failing) return ::fdatasync(fd);
        errno = EIO;
        return -1;
    };
    auto store = open_with(o);
    ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
    failing = true;
    sdk::Status first = commit_wait(*store, put_batch("t", "a", "1"));
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().http_status(), 500u);
    failing = false;
    sdk::Status later = commit_wait(*store, put_batch("t", "b", "2"));
    ASSERT_FALSE(later);
    EXPECT_NE(later.error().message().find("refuses all writes"), std::string::npos);
    EXPECT_FALSE(store->get_copy("t", "b"));
    EXPECT_TRUE(store->has_space("t"));  // Reads still work.
}

TEST_F(DurableRecoveryTest, FailedWriteRefusesEveryLaterWrite) {
    DurableOptions o = options(StorageMode::persistent);
    std::atomic<int> log_fd{-1};
    o.sync_file = [&log_fd](int fd) {
        log_fd = fd;
        return ::fdatasync(fd);
    };
    auto store = open_with(o);
    ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
    ASSERT_GE(log_fd.load(), 0);
    // Swap a read-only descriptor in under the log's fd number: its next write(2) fails.
    int read_only = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(::dup2(read_only, log_fd), 0);
    ::close(read_only);
    sdk::Status failed = commit_wait(*store, put_batch("t", "a", "1"));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().http_status(), 500u);
    EXPECT_FALSE(store->get_copy("t", "a"));  // Never applied: it was never logged.
    EXPECT_FALSE(commit_wait(*store, put_batch("t", "b", "2")));
}

TEST_F(DurableRecoveryTest, InterruptedCheckpointIsRemoved) {
    fill(2);
    fs::path tmp = store_dir() / (wal::checkpoint_file_name(3) + ".tmp");
    append_bytes(tmp, "half a checkpoint");
    auto store = open(StorageMode::persistent);
    EXPECT_EQ(store->stats("t")->entries, 2u);
    EXPECT_FALSE(fs::exists(tmp));
}

TEST_F(DurableRecoveryTest, ModeChangesKeepTheData) {
    fill(3);
    {
        auto hybrid = open(StorageMode::hybrid);  // Folds the log into a checkpoint.
        EXPECT_EQ(hybrid->stats("t")->entries, 3u);
        ASSERT_TRUE(commit_wait(*hybrid, put_batch("t", "h", "1")));
    }
    EXPECT_FALSE(fs::exists(log0()));
    auto wal = open(StorageMode::wal);
    EXPECT_EQ(wal->stats("t")->entries, 4u);
}

}  // namespace
}  // namespace floci::host::storage
