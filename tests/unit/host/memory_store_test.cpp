#include "storage/memory_store.hpp"

#include <gtest/gtest.h>

namespace floci::host::storage {
namespace {

class MemoryStoreTest : public ::testing::Test {
  protected:
    sdk::Status commit(sdk::WriteBatch batch) {
        sdk::Status result = sdk::AwsError::internal("callback not called");
        store_.commit(std::move(batch), [&](sdk::Status s) { result = std::move(s); });
        return result;
    }

    void fill(std::string_view space, std::initializer_list<const char*> keys) {
        sdk::WriteBatch batch;
        batch.create_space(space);
        for (const char* key : keys) batch.put(space, key, std::string("v-") + key);
        ASSERT_TRUE(commit(std::move(batch)));
    }

    std::vector<std::string> scan_keys(std::string_view space, const sdk::ScanOptions& options) {
        std::vector<std::string> keys;
        auto status = store_.scan(space, options, [&](std::string_view key, std::string_view) {
            keys.emplace_back(key);
            return true;
        });
        EXPECT_TRUE(status);
        return keys;
    }

    MemoryStore store_;
};

using Keys = std::vector<std::string>;

TEST_F(MemoryStoreTest, PutThenGet) {
    fill("t", {"a"});
    EXPECT_EQ(store_.get_copy("t", "a"), "v-a");
    EXPECT_EQ(store_.get_copy("t", "b"), std::nullopt);
    EXPECT_EQ(store_.get_copy("missing", "a"), std::nullopt);
}

TEST_F(MemoryStoreTest, KeysCompareAsUnsignedBytes) {
    fill("t", {"\x7f", "\x80", "\xff", "a"});
    EXPECT_EQ(scan_keys("t", {}), (Keys{"a", "\x7f", "\x80", "\xff"}));
}

TEST_F(MemoryStoreTest, ForwardScanHonoursBoundsAndLimit) {
    fill("t", {"a", "b", "c", "d", "e"});
    sdk::ScanOptions o;
    o.lower = sdk::Bound{"b", false};
    o.upper = sdk::Bound{"d", true};
    EXPECT_EQ(scan_keys("t", o), (Keys{"c", "d"}));
    o.lower = sdk::Bound{"b", true};
    o.limit = 2;
    EXPECT_EQ(scan_keys("t", o), (Keys{"b", "c"}));
}

TEST_F(MemoryStoreTest, ReverseScanStartsAtUpperBound) {
    fill("t", {"a", "b", "c", "d", "e"});
    sdk::ScanOptions o;
    o.reverse = true;
    EXPECT_EQ(scan_keys("t", o), (Keys{"e", "d", "c", "b", "a"}));
    o.upper = sdk::Bound{"d", false};
    o.lower = sdk::Bound{"a", false};
    EXPECT_EQ(scan_keys("t", o), (Keys{"c", "b"}));
    o.limit = 1;
    EXPECT_EQ(scan_keys("t", o), (Keys{"c"}));
}

TEST_F(MemoryStoreTest, VisitorCanStopEarly) {
    fill("t", {"a", "b", "c"});
    int visits = 0;
    ASSERT_TRUE(
        store_.scan("t", {}, [&](std::string_view, std::string_view) { return ++visits < 2; }));
    EXPECT_EQ(visits, 2);
}

TEST_F(MemoryStoreTest, ScanOfMissingSpaceIsAnError) {
    auto status = store_.scan("nope", {}, [](auto, auto) { return true; });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().type(), "ResourceNotFoundException");
}

TEST_F(MemoryStoreTest, BatchIsAllOrNothing) {
    fill("t", {"a"});
    sdk::WriteBatch batch;
    batch.put("t", "b", "1");
    batch.put("missing", "x", "1");
    EXPECT_FALSE(commit(std::move(batch)));
    EXPECT_EQ(store_.get_copy("t", "b"), std::nullopt);
}

TEST_F(MemoryStoreTest, BatchMayCreateAndFillASpace) {
    sdk::WriteBatch batch;
    batch.create_space("new");
    batch.put("new", "k", "v");
    ASSERT_TRUE(commit(std::move(batch)));
    EXPECT_TRUE(store_.has_space("new"));
    EXPECT_EQ(store_.get_copy("new", "k"), "v");
}

TEST_F(MemoryStoreTest, DroppedSpaceRejectsLaterPutsInTheSameBatch) {
    fill("t", {"a"});
    sdk::WriteBatch batch;
    batch.drop_space("t");
    batch.put("t", "b", "1");
    EXPECT_FALSE(commit(std::move(batch)));
    EXPECT_TRUE(store_.has_space("t"));
}

TEST_F(MemoryStoreTest, StatsTrackEntriesAndBytes) {
    fill("t", {"a", "b"});
    EXPECT_EQ(store_.stats("t")->entries, 2u);
    EXPECT_EQ(store_.stats("t")->bytes, 2u * (1 + 3));
    sdk::WriteBatch batch;
    batch.put("t", "a", "longer value");
    batch.erase("t", "b");
    batch.erase("t", "zz");
    ASSERT_TRUE(commit(std::move(batch)));
    EXPECT_EQ(store_.stats("t")->entries, 1u);
    EXPECT_EQ(store_.stats("t")->bytes, 1u + 12u);
}

TEST_F(MemoryStoreTest, SnapshotDoesNotSeeLaterWrites) {
    fill("t", {"a"});
    auto snapshot = store_.snapshot({"t"});
    sdk::WriteBatch batch;
    batch.put("t", "b", "1");
    batch.erase("t", "a");
    ASSERT_TRUE(commit(std::move(batch)));
    EXPECT_EQ(snapshot->get_copy("t", "a"), "v-a");
    EXPECT_EQ(snapshot->get_copy("t", "b"), std::nullopt);
}

TEST_F(MemoryStoreTest, SpacesListsByPrefix) {
    fill("table/a", {});
    fill("table/b", {});
    fill("other", {});
    EXPECT_EQ(store_.spaces("table/"), (Keys{"table/a", "table/b"}));
}

}  // namespace
}  // namespace floci::host::storage
