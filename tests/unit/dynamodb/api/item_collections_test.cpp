#include "api/item_collections.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api/item_common.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"
#include "model/stored_item_size.hpp"
#include "storage/index_maintainer.hpp"
#include "storage/memory_store.hpp"

namespace floci::dynamodb::api {
namespace {

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }
AttributeValue n(std::string_view v) { return AttributeValue(Number::parse(v)); }

IndexMeta lsi(std::string name, std::string projection) {
    IndexMeta index;
    index.name = std::move(name);
    index.key.hash = {"pk", AttributeType::S};
    index.key.range = KeyAttribute{"lsk", AttributeType::N};
    index.projection.type = std::move(projection);
    return index;
}

TableMeta table_meta(bool with_lsis) {
    TableMeta meta;
    meta.account_id = "000000000000";
    meta.region = "us-east-1";
    meta.name = with_lsis ? "with_lsi" : "without_lsi";
    meta.id = meta.name + "-id";
    meta.key.hash = {"pk", AttributeType::S};
    meta.key.range = KeyAttribute{"sk", AttributeType::N};
    if (with_lsis) {
        meta.local_indexes.push_back(lsi("lsi_all", "ALL"));
        meta.local_indexes.push_back(lsi("lsi_keys", "KEYS_ONLY"));
    }
    return meta;
}

std::string key_of(std::string_view pk, std::string_view sk) {
    return encode_table_key(s(pk), n(sk));
}

// Drives TableStore::write_item(s) the way the handlers do: the change is noted and measured
// in `decide`, under the table's lock, before the commit.
class ItemCollectionsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.open());
        table_ = store_.create(table_meta(true), [](sdk::Status status) { ASSERT_TRUE(status); });
    }

    static ItemWrite decided(const std::optional<std::string>& current,
                             const std::optional<Item>& next) {
        const auto old_size = static_cast<std::int64_t>(current ? stored_item_bytes(*current) : 0);
        if (!next) return {ItemWrite::Kind::kErase, {}, old_size, 0};
        ItemWrite write{
            ItemWrite::Kind::kPut, {}, old_size, static_cast<std::int64_t>(item_size(*next))};
        write_item(write.value, *next);
        return write;
    }

    // Puts `next` at `key`, or erases it when `next` is absent.
    void write(Table& table, ItemCollections& collections, const std::string& key,
               const std::optional<Item>& next) {
        store_.write_item(
            table, key,
            [&](const std::optional<std::string>& current) {
                ItemWrite w = decided(current, next);
                collections.add(*table.meta(), key, current, w);
                collections.measure(kv_);
                return w;
            },
            [](sdk::Status status) { ASSERT_TRUE(status); });
    }

    ItemCollections put(const std::string& key, const Item& item) {
        ItemCollections collections;
        write(*table_, collections, key, item);
        return collections;
    }

    ItemCollections erase(const std::string& key) {
        ItemCollections collections;
        write(*table_, collections, key, std::nullopt);
        return collections;
    }

    // The collection's size counted independently: every stored item of the partition, and
    // every LSI entry of it plus 100 bytes, each parsed and sized.
    std::int64_t stored_collection_bytes(std::string_view pk) {
        const std::string partition = encode_key_value(s(pk));
        auto meta = table_->meta();
        std::int64_t bytes = 0;
        auto add_space = [&](const std::string& space, std::int64_t overhead) {
            auto status = kv_.scan(space, {}, [&](std::string_view key, std::string_view value) {
                if (key.starts_with(partition))
                    bytes +=
                        static_cast<std::int64_t>(item_size(parse_stored_item(value))) + overhead;
                return true;
            });
            EXPECT_TRUE(status);
        };
        add_space(meta->items_space(), 0);
        for (const auto& index : meta->local_indexes)
            add_space(index_space(*meta, index.name), kIndexItemOverhead);
        return bytes;
    }

    host::storage::MemoryStore kv_;
    TableStore store_{kv_};
    std::shared_ptr<Table> table_;
};

TEST_F(ItemCollectionsTest, EachWriteMeasuresItsCollectionAsItIsAfterTheWrite) {
    put(key_of("other", "1"), {{"pk", s("other")}, {"sk", n("1")}, {"lsk", n("9")}});
    const std::vector<std::pair<std::string, std::optional<Item>>> writes = {
        {key_of("a", "1"), Item{{"pk", s("a")}, {"sk", n("1")}, {"lsk", n("5")}}},
        {key_of("a", "2"), Item{{"pk", s("a")}, {"sk", n("2")}, {"x", s("no index key")}}},
        {key_of("a", "1"),
         Item{{"pk", s("a")}, {"sk", n("1")}, {"lsk", n("6")}, {"big", s(std::string(500, 'z'))}}},
        {key_of("a", "2"), std::nullopt},
    };
    for (const auto& [key, next] : writes) {
        auto collections = next ? put(key, *next) : erase(key);
        ASSERT_EQ(collections.collections().size(), 1u);
        EXPECT_EQ(collections.collections()[0].bytes, stored_collection_bytes("a"));
    }
}

TEST_F(ItemCollectionsTest, DeletingAMissingItemChangesNoCollection) {
    EXPECT_TRUE(erase(key_of("a", "1")).collections().empty());
    EXPECT_EQ(erase(key_of("a", "1")).single_member(), "");
}

TEST_F(ItemCollectionsTest, TablesWithoutLocalIndexesHaveNoCollections) {
    auto plain = store_.create(table_meta(false), [](sdk::Status status) { ASSERT_TRUE(status); });
    ItemCollections collections;
    write(*plain, collections, key_of("a", "1"), Item{{"pk", s("a")}, {"sk", n("1")}});
    EXPECT_TRUE(collections.collections().empty());
    EXPECT_EQ(collections.per_table_member(), "");
}

TEST_F(ItemCollectionsTest, ABatchKeepsOneEntryPerCollectionSizedAfterItsLastWrite) {
    ItemCollections collections;
    write(*table_, collections, key_of("a", "1"), Item{{"pk", s("a")}, {"sk", n("1")}});
    write(*table_, collections, key_of("b", "1"), Item{{"pk", s("b")}, {"sk", n("1")}});
    write(*table_, collections, key_of("a", "2"),
          Item{{"pk", s("a")}, {"sk", n("2")}, {"lsk", n("1")}});
    const auto& measured = collections.collections();
    ASSERT_EQ(measured.size(), 2u);
    EXPECT_EQ(measured[0].bytes, stored_collection_bytes("a"));
    EXPECT_EQ(measured[1].bytes, stored_collection_bytes("b"));
    EXPECT_EQ(collections.per_table_member(),
              R"("ItemCollectionMetrics":{"with_lsi":[)"
              R"({"ItemCollectionKey":{"pk":{"S":"a"}},"SizeEstimateRangeGB":[0.0,1.0]},)"
              R"({"ItemCollectionKey":{"pk":{"S":"b"}},"SizeEstimateRangeGB":[0.0,1.0]}]})");
}

TEST_F(ItemCollectionsTest, ATransactionMeasuresOnceWithEveryChangePending) {
    put(key_of("a", "3"), {{"pk", s("a")}, {"sk", n("3")}, {"lsk", n("3")}});
    const std::vector<ItemRef> refs = {{table_.get(), key_of("a", "1")},
                                       {table_.get(), key_of("a", "2")},
                                       {table_.get(), key_of("a", "3")}};
    const std::vector<std::optional<Item>> next = {
        Item{{"pk", s("a")}, {"sk", n("1")}, {"lsk", n("1")}},
        Item{{"pk", s("a")}, {"sk", n("2")}, {"v", s("value")}}, std::nullopt};
    ItemCollections collections;
    store_.write_items(
        refs,
        [&](const std::vector<std::optional<std::string>>& old, sdk::WriteBatch&) {
            std::vector<ItemWrite> writes;
            for (std::size_t i = 0; i < refs.size(); ++i) {
                writes.push_back(decided(old[i], next[i]));
                collections.add(*table_->meta(), refs[i].key, old[i], writes.back());
            }
            collections.measure(kv_);
            return writes;
        },
        [](sdk::Status status) { ASSERT_TRUE(status); });
    ASSERT_EQ(collections.collections().size(), 1u);
    EXPECT_EQ(collections.collections()[0].bytes, stored_collection_bytes("a"));
}

TEST_F(ItemCollectionsTest, SingleMemberNamesThePartitionKeyValue) {
    auto collections = put(key_of("a", "1"), {{"pk", s("a")}, {"sk", n("1")}});
    EXPECT_EQ(collections.single_member(),
              R"("ItemCollectionMetrics":{"ItemCollectionKey":{"pk":{"S":"a"}},)"
              R"("SizeEstimateRangeGB":[0.0,1.0]})");
}

TEST(SizeEstimateRangeTest, IsTheGigabyteThatHoldsTheSize) {
    constexpr std::int64_t kGB = 1024LL * 1024 * 1024;
    using Range = std::array<double, 2>;
    EXPECT_EQ(size_estimate_range_gb(0), (Range{0.0, 1.0}));
    EXPECT_EQ(size_estimate_range_gb(kGB - 1), (Range{0.0, 1.0}));
    EXPECT_EQ(size_estimate_range_gb(kGB), (Range{1.0, 2.0}));
    EXPECT_EQ(size_estimate_range_gb(10 * kGB + kGB / 2), (Range{10.0, 11.0}));
}

}  // namespace
}  // namespace floci::dynamodb::api
