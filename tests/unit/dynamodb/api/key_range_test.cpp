#include "api/key_range.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/key_encoding.hpp"

namespace floci::dynamodb::api {
namespace {

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }
AttributeValue b(std::string_view v) { return AttributeValue(Binary{std::string(v)}); }

bool in_range(const KeyRange& r, const std::string& key) {
    if (r.lower && (r.lower_inclusive ? key < *r.lower : key <= *r.lower)) return false;
    if (r.upper && !r.upper->empty() && (r.upper_inclusive ? key > *r.upper : key >= *r.upper))
        return false;
    return true;
}

expr::KeyCondition condition(AttributeValue hash, std::optional<expr::KeyTerm> sort) {
    expr::KeyCondition c;
    c.partition.attribute = "pk";
    c.partition.values = {std::move(hash)};
    c.sort = std::move(sort);
    return c;
}

TEST(KeyRangeTest, PrefixSuccessorSkipsTrailingFfBytes) {
    EXPECT_EQ(prefix_successor("ab"), "ac");
    EXPECT_EQ(prefix_successor(std::string("a\xff\xff", 3)), "b");
    EXPECT_EQ(prefix_successor(std::string("\xff", 1)), "");
}

TEST(KeyRangeTest, PartitionRangeHoldsOnlyThatPartition) {
    auto r = query_range(condition(s("p"), std::nullopt), true);
    EXPECT_TRUE(in_range(r, encode_table_key(s("p"), s(""))));
    EXPECT_TRUE(in_range(r, encode_table_key(s("p"), s("\xff\xff"))));
    EXPECT_FALSE(in_range(r, encode_table_key(s("p\x01"), s("a"))));
    EXPECT_FALSE(in_range(r, encode_table_key(s("o"), s("a"))));
}

TEST(KeyRangeTest, BeginsWithKeepsValuesWithHighBytes) {
    expr::KeyTerm term{"sk", expr::KeyOp::kBeginsWith, {b("\xff")}};
    auto r = query_range(condition(s("p"), term), true);
    EXPECT_TRUE(in_range(r, encode_table_key(s("p"), b("\xff"))));
    EXPECT_TRUE(in_range(r, encode_table_key(s("p"), b("\xff\xff\x00"))));
    EXPECT_FALSE(in_range(r, encode_table_key(s("p"), b("\xfe"))));
}

TEST(KeyRangeTest, ResumeNeverWidensTheRange) {
    expr::KeyTerm term{"sk", expr::KeyOp::kGt, {s("m")}};
    auto r = query_range(condition(s("p"), term), true);
    r.resume_after(encode_table_key(s("p"), s("a")), true);
    EXPECT_FALSE(in_range(r, encode_table_key(s("p"), s("b"))));
    r.resume_after(encode_table_key(s("p"), s("q")), true);
    EXPECT_FALSE(in_range(r, encode_table_key(s("p"), s("q"))));
    EXPECT_TRUE(in_range(r, encode_table_key(s("p"), s("r"))));
}

TEST(KeyRangeTest, SegmentsSpreadSequentialKeys) {
    constexpr int kTotal = 4;
    std::vector<int> counts(kTotal);
    for (int i = 0; i < 4000; ++i) {
        auto key = encode_table_key(s("user" + std::to_string(i)));
        auto segment = segment_of(key, kTotal);
        ASSERT_GE(segment, 0);
        ASSERT_LT(segment, kTotal);
        ++counts[segment];
    }
    for (int c : counts) EXPECT_GT(c, 800);
}

}  // namespace
}  // namespace floci::dynamodb::api
