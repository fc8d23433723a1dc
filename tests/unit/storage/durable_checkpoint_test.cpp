// Checkpoints of the logged modes copy while commits go on (durable_store.hpp): whatever the
// commits do between the copy's chunks, recovery from that checkpoint plus the log is exact.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "durable_store_test_util.hpp"
#include "storage/wal/checkpoint.hpp"

namespace floci::host::storage {
namespace {

namespace fs = std::filesystem;
using sdk::StorageMode;
using test::commit_wait;
using test::contents;
using test::put_batch;

// More than one copy chunk (kCopyChunkEntries is 4096), so the hook runs mid-space.
constexpr int kKeys = 10'000;

std::string key(int i) {
    char out[16];
    std::snprintf(out, sizeof out, "k%05d", i);
    return out;
}

class DurableCheckpointTest : public test::DurableStoreFixture,
                              public ::testing::WithParamInterface<StorageMode> {
  protected:
    // Everything a batch can do, to keys already copied, not yet copied and new ones, and to
    // spaces not yet copied, in the middle of the copy of space "a".
    static void commit_everything(sdk::KvStore& store) {
        ASSERT_TRUE(commit_wait(store, put_batch("a", key(1), "changed after its copy")));
        sdk::WriteBatch erase;
        erase.erase("a", key(9000));
        ASSERT_TRUE(commit_wait(store, std::move(erase)));
        ASSERT_TRUE(commit_wait(store, put_batch("a", key(2) + "+", "new, before the cursor")));
        ASSERT_TRUE(commit_wait(store, put_batch("a", "z", "new, after the cursor")));
        sdk::WriteBatch pair;  // One batch across a copied chunk and a space not yet copied.
        pair.put("a", key(3), "pair");
        pair.put("b", "x", "pair");
        ASSERT_TRUE(commit_wait(store, std::move(pair)));
        // Replayed, this put needs "gone" in the checkpoint although it was dropped uncopied.
        ASSERT_TRUE(commit_wait(store, put_batch("gone", "g2", "put, then dropped")));
        sdk::WriteBatch drop;
        drop.drop_space("gone");
        ASSERT_TRUE(commit_wait(store, std::move(drop)));
        sdk::WriteBatch again;
        again.drop_space("again");
        again.create_space("again");
        again.put("again", "n", "second life");
        again.create_space("fresh");
        again.put("fresh", "f", "created during the checkpoint");
        ASSERT_TRUE(commit_wait(store, std::move(again)));
    }
};

TEST_P(DurableCheckpointTest, CommitsBetweenCopyChunksRecoverExactly) {
    int hook_calls = 0;
    DurableStore* live = nullptr;
    auto options = this->options(GetParam());
    options.between_copy_chunks = [&] {
        if (++hook_calls == 1) commit_everything(*live);
    };
    auto store = open_with(options);
    live = store.get();
    sdk::WriteBatch setup;
    for (const char* space : {"a", "again", "b", "gone"}) setup.create_space(space);
    setup.put("again", "old", "first life");
    setup.put("gone", "g", "dropped during the checkpoint");
    ASSERT_TRUE(commit_wait(*store, std::move(setup)));
    sdk::WriteBatch fill;
    for (int i = 0; i < kKeys; ++i) fill.put("a", key(i), "v" + std::to_string(i));
    ASSERT_TRUE(commit_wait(*store, std::move(fill)));
    const std::uint64_t rotated_at = store->last_sequence();

    ASSERT_TRUE(store->checkpoint());
    EXPECT_GE(hook_calls, 3);
    EXPECT_TRUE(fs::exists(store_dir() / wal::checkpoint_file_name(rotated_at)));
    const test::Contents expected = contents(*store);
    const std::uint64_t last = store->last_sequence();
    EXPECT_FALSE(expected.contains("gone"));
    EXPECT_EQ(expected.at("again").size(), 1u);

    auto recovered = open_at(GetParam(), test::crash_copy(store_dir()));
    ASSERT_TRUE(recovered);
    EXPECT_EQ(contents(*recovered), expected);
    EXPECT_EQ(recovered->last_sequence(), last);
    EXPECT_EQ(recovered->stats("a")->entries, expected.at("a").size());
}

INSTANTIATE_TEST_SUITE_P(LoggedModes, DurableCheckpointTest,
                         ::testing::Values(StorageMode::persistent, StorageMode::wal),
                         [](const auto& info) { return std::string(sdk::to_string(info.param)); });

}  // namespace
}  // namespace floci::host::storage
