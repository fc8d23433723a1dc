// The durable modes keep what they acknowledged across a restart (and a crash, simulated by
// copying the folder while the store runs), and refuse to start on anything unreadable.
#include "storage/durable_store.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <map>
#include <thread>

#include "durable_store_test_util.hpp"
#include "storage/log_segment.hpp"
#include "storage/wal/checkpoint.hpp"
#include "storage/wal/log_writer.hpp"

namespace floci::host::storage {
namespace {

namespace fs = std::filesystem;
using sdk::StorageMode;
using test::commit_wait;
using test::contents;
using test::crash_copy;
using test::put_batch;

class DurableStoreTest : public test::DurableStoreFixture,
                         public ::testing::WithParamInterface<StorageMode> {};

TEST_P(DurableStoreTest, ReopenRestoresEverythingCommitted) {
    test::Contents expected;
    {
        auto store = open(GetParam());
        sdk::WriteBatch setup;
        setup.create_space("t");
        setup.create_space("gone");
        ASSERT_TRUE(commit_wait(*store, std::move(setup)));
        for (int i = 0; i < 100; ++i) {
            ASSERT_TRUE(commit_wait(*store, put_batch("t", "k" + std::to_string(i), "v")));
        }
        sdk::WriteBatch cleanup;
        cleanup.erase("t", "k7");
        cleanup.drop_space("gone");
        ASSERT_TRUE(commit_wait(*store, std::move(cleanup)));
        expected = contents(*store);
        store->close();
    }
    auto reopened = open(GetParam());
    EXPECT_EQ(contents(*reopened), expected);
    EXPECT_FALSE(reopened->get_copy("t", "k7"));
    EXPECT_FALSE(reopened->has_space("gone"));
    EXPECT_EQ(reopened->last_sequence(), 102u);
}

TEST_P(DurableStoreTest, ReopenAfterCheckpointAndMoreWrites) {
    {
        auto store = open(GetParam());
        ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
        ASSERT_TRUE(commit_wait(*store, put_batch("t", "before", "1")));
        ASSERT_TRUE(store->checkpoint());
        ASSERT_TRUE(commit_wait(*store, put_batch("t", "after", "2")));
    }
    auto reopened = open(GetParam());
    EXPECT_EQ(reopened->get_copy("t", "before"), "1");
    EXPECT_EQ(reopened->get_copy("t", "after"), "2");
}

INSTANTIATE_TEST_SUITE_P(Modes, DurableStoreTest,
                         ::testing::Values(StorageMode::persistent, StorageMode::wal,
                                           StorageMode::hybrid),
                         [](const auto& info) { return std::string(sdk::to_string(info.param)); });

using DurableStoreCrashTest = test::DurableStoreFixture;

TEST_F(DurableStoreCrashTest, LoggedModesKeepEveryAcknowledgedWriteThroughACrash) {
    for (StorageMode mode : {StorageMode::persistent, StorageMode::wal}) {
        auto store = open(mode, "svc-" + std::string(sdk::to_string(mode)));
        ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
        for (int i = 0; i < 50; ++i) {
            ASSERT_TRUE(commit_wait(*store, put_batch("t", std::to_string(i), "v")));
        }
        // The folder as kill -9 would leave it: written, not closed, maybe not fsync'd.
        auto copy = crash_copy(store_dir("svc-" + std::string(sdk::to_string(mode))));
        auto recovered = open_at(mode, copy);
        EXPECT_EQ(contents(*recovered), contents(*store)) << sdk::to_string(mode);
    }
}

TEST_F(DurableStoreCrashTest, HybridCrashRestoresTheLastCheckpoint) {
    auto store = open(StorageMode::hybrid);
    ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
    ASSERT_TRUE(commit_wait(*store, put_batch("t", "kept", "1")));
    ASSERT_TRUE(store->checkpoint());
    ASSERT_TRUE(commit_wait(*store, put_batch("t", "lost", "2")));
    auto recovered = open_at(StorageMode::hybrid, crash_copy(store_dir()));
    EXPECT_EQ(recovered->get_copy("t", "kept"), "1");
    EXPECT_FALSE(recovered->get_copy("t", "lost"));
}

TEST_F(DurableStoreCrashTest, HybridCheckpointsEveryFlushInterval) {
    DurableOptions o = options(StorageMode::hybrid);
    o.flush_interval_ms = 10;
    auto store = open_with(o);
    ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
    ASSERT_TRUE(commit_wait(*store, put_batch("t", "k", "v")));
    for (int i = 0; i < 500 && !fs::exists(store_dir() / wal::checkpoint_file_name(2)); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    auto recovered = open_at(StorageMode::hybrid, crash_copy(store_dir()));
    EXPECT_EQ(recovered->get_copy("t", "k"), "v");
}

TEST_F(DurableStoreCrashTest, CheckpointRotatesTheLogAndDeletesWhatItReplaces) {
    auto store = open(StorageMode::persistent);
    ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
    ASSERT_TRUE(store->checkpoint());
    ASSERT_TRUE(commit_wait(*store, put_batch("t", "a", "1")));
    ASSERT_TRUE(store->checkpoint());
    EXPECT_EQ(test::file_names(store_dir()),
              (std::set<std::string>{"LOCK", wal::checkpoint_file_name(2), log_file_name(2)}));
    EXPECT_TRUE(store->checkpoint());  // Nothing new: no new checkpoint.
    EXPECT_EQ(test::file_names(store_dir()).size(), 3u);
}

TEST_F(DurableStoreCrashTest, WritesDuringCheckpointsAreNeverLost) {
    auto store = open(StorageMode::wal);
    ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
    std::atomic<bool> stop{false};
    std::atomic<int> acknowledged{0};
    std::thread writer([&] {
        for (int i = 0; !stop; ++i) {
            if (!commit_wait(*store, put_batch("t", std::to_string(i), std::string(100, 'x')))) {
                break;
            }
            acknowledged = i + 1;
        }
    });
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(store->checkpoint());
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    stop = true;
    writer.join();
    auto recovered = open_at(StorageMode::wal, crash_copy(store_dir()));
    for (int i = 0; i < acknowledged; ++i) {
        ASSERT_TRUE(recovered->get_copy("t", std::to_string(i))) << "key " << i;
    }
}

TEST_F(DurableStoreCrashTest, GroupCommitSyncsFewerTimesThanBatches) {
    DurableOptions o = options(StorageMode::persistent);
    o.sync_file = [](int fd) {
        // A slow disk: batches queue up behind each sync.
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return ::fdatasync(fd);
    };
    auto store = open_with(o);
    ASSERT_TRUE(commit_wait(*store, test::create_batch("t")));
    const std::uint64_t syncs_before = store->sync_count();
    constexpr int kThreads = 8;
    constexpr int kPerThread = 25;
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                std::string key = std::to_string(t) + "-" + std::to_string(i);
                if (commit_wait(*store, put_batch("t", key, "v"))) ++ok;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(ok, kThreads * kPerThread);
    const std::uint64_t syncs = store->sync_count() - syncs_before;
    EXPECT_LT(syncs, static_cast<std::uint64_t>(kThreads * kPerThread) / 2) << syncs;
    auto recovered = open_at(StorageMode::persistent, crash_copy(store_dir()));
    EXPECT_EQ(recovered->stats("t")->entries, static_cast<std::uint64_t>(kThreads * kPerThread));
}

TEST_F(DurableStoreCrashTest, SecondOpenOfTheFolderIsRefused) {
    auto store = open(StorageMode::wal);
    auto second = DurableStore::open(options(StorageMode::wal));
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().message().find("in use by another floci process"), std::string::npos)
        << second.error().message();
    store.reset();
    EXPECT_TRUE(DurableStore::open(options(StorageMode::wal)));  // Released on close.
}

}  // namespace
}  // namespace floci::host::storage
