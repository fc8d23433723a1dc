#include "model/stored_item_size.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/number.hpp"

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

// Numbers are sized from their text without Number::parse when it is short and plain; whatever
// the text, the size must be Number::parse's.
TEST(StoredItemSizeTest, NumberTextsCostWhatTheirNumbersCost) {
    const char* texts[] = {
        "0",
        "-0",
        "+0",
        "0.000",
        "000",
        "1",
        "-1",
        "+5",
        "12",
        "100",
        "1010",
        "0042",
        "1.",
        ".5",
        "-.5",
        "1.5",
        "1.50",
        "100.5",
        "0.15",
        "0.012",
        "120",
        "-42",
        "3.14159",
        "-123.4500",
        "1e30",
        "1E-100",
        "1e+5",
        "-0.001",
        "0.0100",
        "99.99",
        "10.01",
        "9000000.000009",
        "12345678901234567890123456789012345678",    // 38 digits
        "-1234567890123456789012345678901234567.8",  // longer than the plain path takes
        "0.00000000000000000000000000000000000000001",
        "1000000000000000000000000000000000000000000000",
    };
    for (const char* text : texts) {
        const std::string stored = std::string(R"({"n":{"N":")") + text + R"("}})";
        auto scanned = stored_item_size(stored);
        ASSERT_TRUE(scanned.has_value()) << text;
        EXPECT_EQ(*scanned, 1 + number_size(Number::parse(text))) << text;
    }
}

TEST(StoredItemSizeTest, BadNumberTextsAreNotGuessed) {
    for (const char* text : {"", "-", "+", ".", "1.2.3", "1-", "--1", "1e", "0x10", " 1", "1e200",
                             "123456789012345678901234567890123456789"}) {
        const std::string stored = std::string(R"({"n":{"N":")") + text + R"("}})";
        EXPECT_EQ(stored_item_size(stored), std::nullopt) << text;
    }
}

// read_page.cpp skips sizing items whose texts add up to less than 1 MB: it relies on this.
TEST(StoredItemSizeTest, SizeNeverExceedsTheTextLength) {
    const char* items[] = {
        R"({})",
        R"({"a":{"N":"-0.1"}})",
        R"({"a":{"N":"-1.1"},"b":{"NS":["-1.1","1","-0.01"]}})",
        R"({"a":{"BOOL":true},"b":{"NULL":true}})",
        R"({"a":{"S":""},"b":{"B":""},"c":{"SS":[""]},"d":{"BS":[""]}})",
        R"({"a":{"L":[]},"b":{"M":{}},"c":{"L":[{"L":[{"L":[]}]}]}})",
        R"({"a":{"M":{"":{"M":{"":{"N":"-1.1"}}}}}})",
        R"({"é":{"S":"€😀"},"x":{"L":[{"N":"1"},{"N":"-9.9"},{"BOOL":false}]}})",
    };
    for (const char* item : items) {
        std::string stored;
        write_item(stored, parse_item(boost::json::parse(item)));
        auto scanned = stored_item_size(stored);
        ASSERT_TRUE(scanned.has_value()) << item;
        EXPECT_LE(*scanned, stored.size()) << item;
    }
}

TEST(StoredItemSizeTest, JoinedItemsCostTheirSum) {
    const std::string a = R"({"pk":{"S":"p"},"n":{"N":"12"}})";
    const std::string b = R"({"pk":{"S":"q"},"l":{"L":[{"S":"x"}]}})";
    EXPECT_EQ(stored_items_size(a), stored_item_size(a));
    EXPECT_EQ(stored_items_size(a + "," + b), *stored_item_size(a) + *stored_item_size(b));
    EXPECT_EQ(stored_items_size(a + "," + b + "," + a),
              2 * *stored_item_size(a) + *stored_item_size(b));
    EXPECT_EQ(stored_items_size(""), std::nullopt);
    EXPECT_EQ(stored_items_size(a + ","), std::nullopt);
    EXPECT_EQ(stored_items_size(a + b), std::nullopt);
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
