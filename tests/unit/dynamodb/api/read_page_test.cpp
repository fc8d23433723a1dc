#include "api/read_page.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"
#include "model/stored_item_size.hpp"

namespace floci::dynamodb::api {
namespace {

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }

const KeySchema kKey{{"pk", AttributeType::S}, KeyAttribute{"sk", AttributeType::S}};

struct StoredItem {
    std::string key;
    std::string text;
};

// Item i of partition "p", with a `filler` attribute of `bytes` copies of `fill`.
StoredItem item(int i, std::size_t bytes, char fill) {
    const std::string sk = "s-" + std::to_string(1000 + i);
    Item item{{"pk", s("p")}, {"sk", s(sk)}, {"filler", s(std::string(bytes, fill))}};
    StoredItem out{encode_table_key(s("p"), s(sk)), {}};
    write_item(out.text, item);
    return out;
}

struct PageResult {
    std::size_t taken = 0;
    boost::json::object reply;
};

// Feeds items to a page until it refuses one, as a storage scan would.
PageResult read(const ReadRequest& request, const std::vector<StoredItem>& items) {
    ReadPage page(request, kKey);
    PageResult out;
    for (const auto& i : items) {
        if (!page.add(i.key, i.text)) break;
        ++out.taken;
    }
    out.reply = boost::json::parse(std::move(page).reply()).as_object();
    return out;
}

ReadRequest request() {
    ReadRequest r;
    r.common.table_name = "t";
    return r;
}

TEST(ReadPageTest, ReturnsStoredItemsAsTheyAre) {
    std::vector<StoredItem> items{item(0, 10, 'a'), item(1, 20, 'b')};
    auto result = read(request(), items);
    EXPECT_EQ(result.taken, 2u);
    const auto& got = result.reply.at("Items").as_array();
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(boost::json::serialize(got[0]), items[0].text);
    EXPECT_EQ(boost::json::serialize(got[1]), items[1].text);
    EXPECT_EQ(result.reply.at("Count"), 2);
    EXPECT_EQ(result.reply.at("ScannedCount"), 2);
    EXPECT_FALSE(result.reply.contains("LastEvaluatedKey"));
}

TEST(ReadPageTest, EndsOnTheItemThatReachesOneMegabyte) {
    std::vector<StoredItem> items;
    for (int i = 0; i < 12; ++i) items.push_back(item(i, 100 * 1024, 'x'));
    auto result = read(request(), items);
    // 100 KB and a few bytes each: the eleventh item crosses 1 MB and is the last one read.
    EXPECT_EQ(result.taken, 11u);
    EXPECT_EQ(result.reply.at("Count"), 11);
    EXPECT_EQ(boost::json::serialize(result.reply.at("LastEvaluatedKey")),
              R"({"pk":{"S":"p"},"sk":{"S":"s-1010"}})");
}

// Control characters are stored as \u00XX: such an item's text is six times its size, so the
// texts pass 1 MB long before the sizes do. A page that defers sizing (no capacity asked) must
// end exactly where one that sizes every item (capacity asked) ends.
TEST(ReadPageTest, DeferredSizingEndsWhereExactSizingEnds) {
    std::vector<StoredItem> items;
    for (int i = 0; i < 20; ++i) items.push_back(item(i, 60 * 1024, '\x01'));
    ASSERT_GT(items[0].text.size(), 6 * *stored_item_size(items[0].text) - 100);

    auto deferred = read(request(), items);
    ReadRequest with_capacity = request();
    with_capacity.common.consumed_capacity = "TOTAL";
    auto exact = read(with_capacity, items);

    EXPECT_EQ(deferred.taken, 18u);  // 18 x 60 KB is the first multiple past 1 MB
    EXPECT_EQ(exact.taken, deferred.taken);
    EXPECT_EQ(deferred.reply.at("Count"), exact.reply.at("Count"));
    EXPECT_EQ(deferred.reply.at("LastEvaluatedKey"), exact.reply.at("LastEvaluatedKey"));
    EXPECT_FALSE(deferred.reply.contains("ConsumedCapacity"));
    // 18 x 60 KB (and a few bytes) is 271 units of 4 KB, halved for an eventual read.
    EXPECT_EQ(exact.reply.at("ConsumedCapacity").at("CapacityUnits"), 135.5);
}

// Text the size scanner does not read (here: spaces between tokens) is sized by parsing it.
TEST(ReadPageTest, UnusualStoredTextIsSizedByParsing) {
    std::vector<StoredItem> items;
    for (int i = 0; i < 12; ++i) {
        items.push_back(item(i, 100 * 1024, 'x'));
        items.back().text.insert(1, " ");
    }
    ASSERT_EQ(stored_item_size(items[0].text), std::nullopt);
    auto deferred = read(request(), items);
    ReadRequest with_capacity = request();
    with_capacity.common.consumed_capacity = "TOTAL";
    auto exact = read(with_capacity, items);
    EXPECT_EQ(deferred.taken, 11u);
    EXPECT_EQ(exact.taken, 11u);
}

TEST(ReadPageTest, LimitEndsThePageBeforeTheSize) {
    std::vector<StoredItem> items{item(0, 10, 'a'), item(1, 10, 'b'), item(2, 10, 'c')};
    ReadRequest limited = request();
    limited.limit = 2;
    auto result = read(limited, items);
    EXPECT_EQ(result.taken, 2u);
    EXPECT_EQ(boost::json::serialize(result.reply.at("LastEvaluatedKey")),
              R"({"pk":{"S":"p"},"sk":{"S":"s-1001"}})");
}

TEST(ReadPageTest, CountOnlyReturnsNoItems) {
    std::vector<StoredItem> items{item(0, 10, 'a'), item(1, 10, 'b')};
    ReadRequest count = request();
    count.count_only = true;
    auto result = read(count, items);
    EXPECT_FALSE(result.reply.contains("Items"));
    EXPECT_EQ(result.reply.at("Count"), 2);
}

}  // namespace
}  // namespace floci::dynamodb::api
