#include "storage/index_build.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"
#include "storage/index_maintainer.hpp"
#include "storage/memory_store.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb {
namespace {

using Progress = IndexBuild::Progress;

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }

std::string key_of(std::string_view pk) { return encode_table_key(s(pk)); }

TableMeta plain_table() {
    TableMeta meta;
    meta.account_id = "000000000000";
    meta.region = "us-east-1";
    meta.name = "orders";
    meta.id = "orders-id";
    meta.key.hash = {"pk", AttributeType::S};
    return meta;
}

IndexMeta gsi_on_g() {
    IndexMeta index;
    index.name = "by_g";
    index.key.hash = {"g", AttributeType::S};
    index.projection.type = "INCLUDE";
    index.projection.non_key_attributes = {"a"};
    index.added_later = true;
    index.creating = true;
    return index;
}

void ok(sdk::Status status) { ASSERT_TRUE(status); }

// Drives IndexBuild as UpdateTable and the BackfillRunner do, with writes between chunks, and
// compares the index with what one synchronous pass over the final items gives.
class IndexBuildTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.open());
        table_ = store_.create(plain_table(), ok);
    }

    // PutItem of `item`, or DeleteItem of `pk` when `item` is absent.
    void write(std::string_view pk, const std::optional<Item>& item) {
        store_.write_item(
            *table_, key_of(pk),
            [&](const std::optional<std::string>& old) {
                auto old_size =
                    old ? static_cast<std::int64_t>(item_size(parse_item(boost::json::parse(*old))))
                        : 0;
                if (!item) return ItemWrite{ItemWrite::Kind::kErase, {}, old_size, 0};
                ItemWrite put{ItemWrite::Kind::kPut,
                              {},
                              old_size,
                              static_cast<std::int64_t>(item_size(*item))};
                write_item(put.value, *item);
                return put;
            },
            ok);
    }

    void put(std::string_view pk, std::optional<std::string_view> g, std::string_view a = "v") {
        Item item{{"pk", s(pk)}, {"a", s(a)}, {"other", s("not projected")}};
        if (g) item["g"] = s(*g);
        write(pk, item);
    }

    // What UpdateTable does under the table's lock: the index in the metadata, its space
    // created empty, and its build.
    std::shared_ptr<IndexBuild> add_index() {
        std::lock_guard lock(table_->write_mutex());
        TableMeta meta = *table_->meta();
        meta.global_indexes.push_back(gsi_on_g());
        sdk::WriteBatch changes;
        changes.create_space(index_space(meta, "by_g"));
        store_.update(*table_, std::move(meta), ok, std::move(changes));
        return std::make_shared<IndexBuild>(store_, table_, "by_g");
    }

    void delete_index() {
        std::lock_guard lock(table_->write_mutex());
        TableMeta meta = *table_->meta();
        meta.global_indexes.clear();
        sdk::WriteBatch changes;
        changes.drop_space(index_space(meta, "by_g"));
        store_.update(*table_, std::move(meta), ok, std::move(changes));
        table_->end_build();
        table_->erase_index_stats("by_g");
    }

    std::map<std::string, std::string> stored_index() const {
        std::map<std::string, std::string> out;
        auto status = kv_.scan(index_space(*table_->meta(), "by_g"), {},
                               [&](std::string_view key, std::string_view value) {
                                   out.emplace(key, value);
                                   return true;
                               });
        EXPECT_TRUE(status);
        return out;
    }

    // The index one pass over the items as they are now would build, and its stats.
    std::map<std::string, std::string> expected_index(Table::IndexStats& stats) const {
        auto meta = table_->meta();
        std::map<std::string, std::string> out;
        auto status =
            kv_.scan(table_->items_space(), {}, [&](std::string_view key, std::string_view value) {
                auto entry =
                    index_entry(*meta, gsi_on_g(), parse_item(boost::json::parse(value)), key);
                if (!entry) return true;
                ++stats.items;
                stats.bytes += entry->size;
                out.emplace(entry->key, entry->value);
                return true;
            });
        EXPECT_TRUE(status);
        return out;
    }

    void expect_exact_index() {
        Table::IndexStats stats;
        EXPECT_EQ(stored_index(), expected_index(stats));
        EXPECT_EQ(table_->index_stats("by_g").items, stats.items);
        EXPECT_EQ(table_->index_stats("by_g").bytes, stats.bytes);
    }

    bool creating() const {
        const auto& indexes = table_->meta()->global_indexes;
        return !indexes.empty() && indexes.front().creating;
    }

    host::storage::MemoryStore kv_;
    TableStore store_{kv_};
    std::shared_ptr<Table> table_;
};

TEST_F(IndexBuildTest, CopiesTheItemsInChunksThenTurnsActive) {
    for (char c = 'a'; c <= 'e'; ++c)
        put(std::string(1, c), c == 'c' ? std::nullopt : std::optional<std::string_view>("x"));
    auto build = add_index();
    EXPECT_TRUE(stored_index().empty());
    EXPECT_EQ(build->step(2), Progress::kMore);
    EXPECT_EQ(stored_index().size(), 2u);
    EXPECT_TRUE(creating());
    EXPECT_EQ(build->step(2), Progress::kMore);
    EXPECT_EQ(build->step(2), Progress::kFinished);
    EXPECT_FALSE(creating());
    EXPECT_EQ(table_->current_build(), 0u);
    expect_exact_index();
    EXPECT_EQ(table_->index_stats("by_g").items, 4);
    // The stored metadata says ACTIVE too, so a restart does not build it again.
    TableStore reopened(kv_);
    ASSERT_TRUE(reopened.open());
    EXPECT_TRUE(reopened.unfinished_builds().empty());
}

TEST_F(IndexBuildTest, WritesOnBothSidesOfTheCursorEndExact) {
    // Keys sort as a0 < a1 < ... in the items space; chunks of 3 pass a0..a2 first.
    for (int i = 0; i < 9; ++i) put("a" + std::to_string(i), "x");
    auto build = add_index();
    ASSERT_EQ(build->step(3), Progress::kMore);
    put("a1", "y", "changed");  // copied, index key changes
    put("a5", "y");             // not reached yet, index key changes
    write("a2", std::nullopt);  // copied, deleted
    write("a6", std::nullopt);  // not reached, deleted
    put("a7", std::nullopt);    // not reached, loses its index key
    put("a0", std::nullopt);    // copied, loses its index key
    put("b0", "z");             // new item after the cursor
    put("a00", "z");            // new item before the cursor
    put("a4", "x", "twice");    // not reached, written twice
    put("a4", "x", "thrice");
    Progress progress;
    while ((progress = build->step(3)) == Progress::kMore) {
        put("a8", "w");  // a write between every two chunks
    }
    EXPECT_EQ(progress, Progress::kFinished);
    expect_exact_index();
    // And the index stays exact once ACTIVE.
    put("a3", std::nullopt);
    write("b0", std::nullopt);
    expect_exact_index();
}

TEST_F(IndexBuildTest, DeletingTheIndexAbandonsItsBuild) {
    for (int i = 0; i < 4; ++i) put("k" + std::to_string(i), "x");
    auto build = add_index();
    ASSERT_EQ(build->step(1), Progress::kMore);
    delete_index();
    EXPECT_EQ(build->step(1), Progress::kAbandoned);
    EXPECT_FALSE(kv_.has_space(index_space(*table_->meta(), "by_g")));
    // Created again under the same name: the old build must not write into the new space.
    auto again = add_index();
    EXPECT_EQ(build->step(100), Progress::kAbandoned);
    EXPECT_TRUE(stored_index().empty());
    EXPECT_EQ(again->step(100), Progress::kFinished);
    expect_exact_index();
}

TEST_F(IndexBuildTest, DeletingTheTableAbandonsTheBuild) {
    put("k", "x");
    auto build = add_index();
    {
        std::lock_guard lock(table_->write_mutex());
        store_.drop(*table_, ok);
    }
    EXPECT_EQ(build->step(10), Progress::kAbandoned);
}

TEST_F(IndexBuildTest, ReopenedStoreResumesAnUnfinishedBuild) {
    for (int i = 0; i < 6; ++i) put("k" + std::to_string(i), "x");
    auto build = add_index();
    ASSERT_EQ(build->step(2), Progress::kMore);
    put("k5", "y");  // an entry the chunks have not reached, already stored
    build.reset();   // the process stops here

    TableStore reopened(kv_);
    ASSERT_TRUE(reopened.open());
    auto table = reopened.find("000000000000", "us-east-1", "orders");
    ASSERT_TRUE(table);
    EXPECT_EQ(table->index_stats("by_g").items, 3);  // what the space holds
    auto builds = reopened.unfinished_builds();
    ASSERT_EQ(builds.size(), 1u);
    EXPECT_EQ(builds[0]->index_name(), "by_g");
    EXPECT_EQ(builds[0]->step(100), Progress::kFinished);
    EXPECT_FALSE(table->meta()->global_indexes.front().creating);
    EXPECT_EQ(table->index_stats("by_g").items, 6);
    table_ = table;
    expect_exact_index();
}

}  // namespace
}  // namespace floci::dynamodb
