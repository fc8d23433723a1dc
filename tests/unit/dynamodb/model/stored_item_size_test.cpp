#include "model/stored_item_size.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb {
namespace {

// The scanner must agree with the tree-based size for what write_item stores.
std::size_t tree_size(const char* wire_json) {
    return item_size(parse_item(boost::json::parse(wire_json)));
}

std::optional<std::size_t> scanned_size(const char* wire_json) {
    std::string stored;
    write_item(stored, parse_item(boost::json::parse(wire_json)));
    return stored_item_size(stored);
}

TEST(StoredItemSizeTest, MatchesTreeSizeForEveryType) {
    const char* items[] = {
        R"({})",
        R"({"pk":{"S":"p-0000001"},"sk":{"S":"s-000"}})",
        R"({"n":{"N":"-123.4500"},"z":{"N":"0"},"e":{"N":"1e30"},"t":{"N":"0.000001"}})",
        R"({"b":{"B":"AAEC"},"b2":{"B":"AA=="},"b3":{"B":"AAE="},"e":{"B":""}})",
        R"({"t":{"BOOL":true},"f":{"BOOL":false},"n":{"NULL":true}})",
        R"({"m":{"M":{"a":{"S":"x"},"b":{"M":{"c":{"L":[{"N":"1"},{"S":""}]}}}}}})",
        R"({"l":{"L":[]},"m":{"M":{}}})",
        R"({"ss":{"SS":["a","bb"]},"ns":{"NS":["1","-2.5"]},"bs":{"BS":["AQ==","AgM="]}})",
        R"({"q":{"S":"quote \" backslash \\ newline \n tab \t ctl \u0001"}})",
        R"({"u":{"S":"é€😀"},"név":{"S":"ü"}})",
    };
    for (const char* item : items) {
        auto scanned = scanned_size(item);
        ASSERT_TRUE(scanned.has_value()) << item;
        EXPECT_EQ(*scanned, tree_size(item)) << item;
    }
}

TEST(StoredItemSizeTest, UnknownTextIsNotGuessed) {
    EXPECT_EQ(stored_item_size(""), std::nullopt);
    EXPECT_EQ(stored_item_size("{\"a\":{\"X\":1}}"), std::nullopt);
    EXPECT_EQ(stored_item_size("{\"a\":{\"S\":\"x\"}"), std::nullopt);
    EXPECT_EQ(stored_item_size("{\"a\":{\"N\":\"abc\"}}"), std::nullopt);
    EXPECT_EQ(stored_item_size("{\"a\":{\"S\":\"x\"}}trailing"), std::nullopt);
}

}  // namespace
}  // namespace floci::dynamodb

namespace floci::dynamodb {
namespace {

TEST(JsonStringWriterTest, EscapesAtEveryPositionRoundTrip) {
    for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
        for (std::size_t at = 0; at < 24; ++at) {
            std::string text(24, 'a');
            text[at] = special;
            text += "\xc3\xa9 tail";
            std::string json;
            write_json_string(json, text);
            EXPECT_EQ(boost::json::parse(json).as_string(), text) << json;
        }
    }
}

}  // namespace
}  // namespace floci::dynamodb
