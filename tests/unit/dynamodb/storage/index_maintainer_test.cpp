#include "storage/index_maintainer.hpp"

#include <gtest/gtest.h>

#include "model/key_encoding.hpp"
#include "storage/memory_store.hpp"

namespace floci::dynamodb {
namespace {

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }
AttributeValue n(std::string_view v) { return AttributeValue(Number::parse(v)); }

// The store maintain_indexes consults for an index still being built; empty unless a test
// fills it.
const host::storage::MemoryStore kv;

TableMeta table_with(IndexMeta index) {
    TableMeta meta;
    meta.id = "t1";
    meta.key.hash = {"pk", AttributeType::S};
    meta.global_indexes.push_back(std::move(index));
    return meta;
}

IndexMeta index_on_g(std::string projection, std::vector<std::string> non_key = {}) {
    IndexMeta index;
    index.name = "by_g";
    index.key.hash = {"g", AttributeType::S};
    index.key.range = KeyAttribute{"r", AttributeType::N};
    index.projection = {std::move(projection), std::move(non_key)};
    return index;
}

TEST(IndexMaintainerTest, ItemWithoutIndexKeysHasNoEntry) {
    auto meta = table_with(index_on_g("ALL"));
    Item item{{"pk", s("a")}, {"g", s("x")}};
    EXPECT_FALSE(index_entry(meta, meta.global_indexes[0], item, encode_table_key(s("a"))));
    item["r"] = s("not a number");
    EXPECT_FALSE(index_entry(meta, meta.global_indexes[0], item, encode_table_key(s("a"))));
}

TEST(IndexMaintainerTest, EntryKeyIsIndexKeyThenTableKey) {
    auto meta = table_with(index_on_g("ALL"));
    Item item{{"pk", s("a")}, {"g", s("x")}, {"r", n("5")}};
    auto table_key = encode_table_key(s("a"));
    auto entry = index_entry(meta, meta.global_indexes[0], item, table_key);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->key, encode_table_key(s("x"), n("5")) + table_key);
}

TEST(IndexMaintainerTest, EntriesSortByIndexRangeKeyWithinPartition) {
    auto meta = table_with(index_on_g("ALL"));
    auto key_of = [&](std::string_view pk, std::string_view r) {
        Item item{{"pk", s(pk)}, {"g", s("x")}, {"r", n(r)}};
        return index_entry(meta, meta.global_indexes[0], item, encode_table_key(s(pk)))->key;
    };
    EXPECT_LT(key_of("zzz", "1"), key_of("aaa", "2"));
    EXPECT_LT(key_of("aaa", "2"), key_of("bbb", "2"));
}

TEST(IndexMaintainerTest, KeysOnlyAndIncludeProjectKeysAndNamedAttributes) {
    Item item{{"pk", s("a")}, {"g", s("x")}, {"r", n("1")}, {"a1", s("v")}, {"a2", s("w")}};
    auto keys = table_with(index_on_g("KEYS_ONLY"));
    auto entry = index_entry(keys, keys.global_indexes[0], item, encode_table_key(s("a")));
    EXPECT_EQ(entry->value, R"({"g":{"S":"x"},"pk":{"S":"a"},"r":{"N":"1"}})");
    // pk=a (3) + g=x (2) + r=1 (1 + a 2-byte number) + overhead.
    EXPECT_EQ(entry->size, 8 + kIndexItemOverhead);
    auto include = table_with(index_on_g("INCLUDE", {"a2"}));
    entry = index_entry(include, include.global_indexes[0], item, encode_table_key(s("a")));
    EXPECT_EQ(entry->value, R"({"a2":{"S":"w"},"g":{"S":"x"},"pk":{"S":"a"},"r":{"N":"1"}})");
}

TEST(IndexMaintainerTest, ChangedIndexKeyErasesOldEntryAndPutsNew) {
    auto meta = table_with(index_on_g("ALL"));
    auto table_key = encode_table_key(s("a"));
    Item before{{"pk", s("a")}, {"g", s("x")}, {"r", n("1")}};
    Item after{{"pk", s("a")}, {"g", s("y")}, {"r", n("1")}};
    sdk::WriteBatch batch;
    auto deltas = maintain_indexes(kv, meta, table_key, before, after, batch);
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch.ops()[0].kind, sdk::WriteBatch::OpKind::erase);
    EXPECT_EQ(batch.ops()[1].kind, sdk::WriteBatch::OpKind::put);
    EXPECT_EQ(batch.ops()[0].space, "index.t1.by_g");
    ASSERT_EQ(deltas.size(), 1u);
    EXPECT_EQ(deltas[0].items, 0);
}

TEST(IndexMaintainerTest, SameIndexKeyOverwritesInPlace) {
    auto meta = table_with(index_on_g("ALL"));
    Item before{{"pk", s("a")}, {"g", s("x")}, {"r", n("1")}};
    Item after = before;
    after["extra"] = s("more");
    sdk::WriteBatch batch;
    auto deltas = maintain_indexes(kv, meta, encode_table_key(s("a")), before, after, batch);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch.ops()[0].kind, sdk::WriteBatch::OpKind::put);
    EXPECT_EQ(deltas[0].items, 0);
    EXPECT_EQ(deltas[0].bytes, 9);  // "extra" + "more"
}

TEST(IndexMaintainerTest, DeleteAndVanishedKeyRemoveEntry) {
    auto meta = table_with(index_on_g("ALL"));
    Item before{{"pk", s("a")}, {"g", s("x")}, {"r", n("1")}};
    sdk::WriteBatch batch;
    auto deltas = maintain_indexes(kv, meta, encode_table_key(s("a")), before, std::nullopt, batch);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch.ops()[0].kind, sdk::WriteBatch::OpKind::erase);
    EXPECT_EQ(deltas[0].items, -1);
    batch.clear();
    Item sparse{{"pk", s("a")}, {"g", s("x")}};
    deltas = maintain_indexes(kv, meta, encode_table_key(s("a")), before, sparse, batch);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch.ops()[0].kind, sdk::WriteBatch::OpKind::erase);
}

TEST(IndexMaintainerTest, UnindexedItemsTouchNothing) {
    auto meta = table_with(index_on_g("ALL"));
    Item item{{"pk", s("a")}};
    sdk::WriteBatch batch;
    EXPECT_TRUE(maintain_indexes(kv, meta, encode_table_key(s("a")), item, item, batch).empty());
    EXPECT_TRUE(batch.empty());
}

TEST(IndexMaintainerTest, ProjectsKeysAndTheProjection) {
    auto keys = table_with(index_on_g("KEYS_ONLY"));
    const auto& index = keys.global_indexes[0];
    EXPECT_TRUE(index_projects(keys, index, "pk"));
    EXPECT_TRUE(index_projects(keys, index, "g"));
    EXPECT_TRUE(index_projects(keys, index, "r"));
    EXPECT_FALSE(index_projects(keys, index, "a2"));
    auto include = table_with(index_on_g("INCLUDE", {"a2"}));
    EXPECT_TRUE(index_projects(include, include.global_indexes[0], "a2"));
    EXPECT_FALSE(index_projects(include, include.global_indexes[0], "a3"));
    auto all = table_with(index_on_g("ALL"));
    EXPECT_TRUE(index_projects(all, all.global_indexes[0], "anything"));
}

TEST(IndexMaintainerTest, ChangesListTheIndexesWithAnEntryBeforeOrAfter) {
    auto meta = table_with(index_on_g("ALL"));
    IndexMeta local;
    local.name = "by_l";
    local.key.hash = {"pk", AttributeType::S};
    local.key.range = KeyAttribute{"l", AttributeType::S};
    meta.local_indexes.push_back(local);
    Item before{{"pk", s("a")}, {"l", s("x")}};
    Item after{{"pk", s("a")}, {"l", s("x")}, {"g", s("y")}, {"r", n("1")}};
    auto changes = index_changes(meta, encode_table_key(s("a")), before, after);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].index->name, "by_l");  // local indexes first
    EXPECT_FALSE(changes[0].global);
    EXPECT_TRUE(changes[0].before && changes[0].after);
    EXPECT_EQ(changes[1].index->name, "by_g");
    EXPECT_TRUE(changes[1].global);
    EXPECT_FALSE(changes[1].before);
    EXPECT_TRUE(changes[1].after);
    EXPECT_TRUE(index_changes(meta, encode_table_key(s("a")), std::nullopt, std::nullopt).empty());
}

TEST(IndexMaintainerTest, IndexBeingBuiltCountsOnlyStoredOldEntries) {
    auto index = index_on_g("ALL");
    index.creating = true;
    auto meta = table_with(index);
    auto table_key = encode_table_key(s("a"));
    Item before{{"pk", s("a")}, {"g", s("x")}, {"r", n("1")}};
    Item after{{"pk", s("a")}, {"g", s("y")}, {"r", n("1")}};
    host::storage::MemoryStore store;
    // Not reached by the build yet: no entry to erase, the new one is the first.
    sdk::WriteBatch batch;
    auto deltas = maintain_indexes(store, meta, table_key, before, after, batch);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch.ops()[0].kind, sdk::WriteBatch::OpKind::put);
    EXPECT_EQ(deltas[0].items, 1);
    batch.clear();
    EXPECT_TRUE(maintain_indexes(store, meta, table_key, before, std::nullopt, batch).empty());
    EXPECT_TRUE(batch.empty());
    // Once the entry is stored it is erased and uncounted as for any index.
    sdk::WriteBatch stored;
    stored.create_space(index_space(meta, "by_g"));
    stored.put(index_space(meta, "by_g"),
               index_entry(meta, meta.global_indexes[0], before, table_key)->key, "{}");
    store.commit(std::move(stored), [](sdk::Status status) { ASSERT_TRUE(status); });
    deltas = maintain_indexes(store, meta, table_key, before, std::nullopt, batch);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch.ops()[0].kind, sdk::WriteBatch::OpKind::erase);
    EXPECT_EQ(deltas[0].items, -1);
}

}  // namespace
}  // namespace floci::dynamodb
