#include "model/stored_item_reader.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "model/json_codec.hpp"

namespace floci::dynamodb {
namespace {

// What the request parser makes of `json`, written as it is stored.
std::string stored(std::string_view json) {
    std::string out;
    write_item(out, parse_item(boost::json::parse(json, {}, stored_item_parse_options())));
    return out;
}

void expect_reads_back(std::string_view json) {
    const std::string text = stored(json);
    const auto read = read_stored_item(text);
    ASSERT_TRUE(read.has_value()) << text;
    std::string again;
    write_item(again, *read);
    EXPECT_EQ(again, text);
    EXPECT_TRUE(*read == parse_item(boost::json::parse(text, {}, stored_item_parse_options())))
        << text;
}

TEST(StoredItemReaderTest, ReadsEveryTypeBackAsWritten) {
    expect_reads_back(R"({"s":{"S":"v"},"n":{"N":"-1.50e3"},"b":{"B":"AAEC"},"t":{"BOOL":true},
        "f":{"BOOL":false},"z":{"NULL":true},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},
        "bs":{"BS":["eA==","eQ=="]},"m":{"M":{"k":{"L":[{"S":"v"},{"N":"1"},{"M":{}}]}}},
        "l":{"L":[]},"e":{"S":""},"eb":{"B":""}})");
}

TEST(StoredItemReaderTest, ReadsEscapedStringsAndNames) {
    expect_reads_back(R"({"a\"b\\c\n\t\u0001\u001f/":{"S":"x\"y\\z\b\f\r\u0000\u00e9 end"}})");
    expect_reads_back("{\"k\":{\"S\":\"\xc3\xa9\xe2\x82\xac\"}}");
}

TEST(StoredItemReaderTest, ReadsTheDeepestNesting) {
    std::string json = R"({"S":"leaf"})";
    for (int i = 0; i < 31; ++i) json = R"({"M":{"a":)" + json + "}}";
    expect_reads_back(R"({"d":)" + json + "}");
}

TEST(StoredItemReaderTest, ReadsAnEmptyItem) { expect_reads_back("{}"); }

TEST(StoredItemReaderTest, RefusesWhatItDoesNotUnderstand) {
    for (std::string_view text :
         {"", "{", "{}x", R"({"a":{"S":"v"})", R"({"a":{"X":"v"}})", R"({"a":{"N":"x"}})",
          R"({"a":{"N":"1\u0030"}})", R"({"a":{"B":"!!"}})", R"({"a":{"BOOL":1}})",
          R"({"a":{"NULL":false}})", R"({"a":{"S":"\q"}})", R"({"a":{"S":"\u0100"}})",
          R"({"a":{"L":[{"S":"v"},]}})", R"({"a":{"S":"v"},})", R"({ "a":{"S":"v"}})"}) {
        EXPECT_FALSE(read_stored_item(text).has_value()) << text;
    }
}

TEST(StoredItemReaderTest, ParseItemTextAgreesWhicheverPathItTakes) {
    // Text the reader refuses (spaces) still parses through the JSON tree.
    const Item spaced = parse_item_text(R"({ "a" : { "S" : "v" } })");
    EXPECT_TRUE(spaced == parse_item(boost::json::parse(R"({"a":{"S":"v"}})")));
}

}  // namespace
}  // namespace floci::dynamodb
