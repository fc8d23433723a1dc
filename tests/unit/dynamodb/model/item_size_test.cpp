#include "model/item_size.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace floci::dynamodb {
namespace {

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }
AttributeValue n(std::string_view v) { return AttributeValue(Number::parse(v)); }

TEST(ItemSizeTest, NumbersCostWhatAwsCharges) {
    // Every literal paritysuite measured against AWS at the 400 KB gate (src/item-size.ts).
    const std::pair<const char*, std::size_t> captured[] = {
        {"0", 1},         {"1", 2},     {"12", 2},
        {"123", 3},       {"1234", 3},  {"12345678901234567890123456789012345678", 20},
        {"0042", 2},      {"100", 2},   {"1010", 3},
        {"0.0000001", 2}, {"1E125", 2}, {"1E-100", 2},
        {"1.5", 3},       {"15", 2},    {"1.2", 3},
        {"1.200", 3},     {"1.234", 4}, {"3.14159", 5},
        {"123456", 4},    {"100.5", 4}, {"0.15", 2},
        {"-42", 3},       {"-0", 1},
    };
    for (const auto& [literal, bytes] : captured) {
        EXPECT_EQ(number_size(Number::parse(literal)), bytes) << literal;
    }
}

TEST(ItemSizeTest, NumberDigitPairsAlignOnTheDecimalPoint) {
    EXPECT_EQ(number_size(Number::parse("0.012")), 3u);  // .01 20
    EXPECT_EQ(number_size(Number::parse("120")), 3u);    // 1 20
    EXPECT_EQ(number_size(Number::parse("-0.5")), 3u);
}

TEST(ItemSizeTest, StringsCostTheirUtf8Bytes) {
    EXPECT_EQ(attribute_value_size(s("")), 0u);
    EXPECT_EQ(attribute_value_size(s("abc")), 3u);
    EXPECT_EQ(attribute_value_size(s("\xc3\xa9")), 2u);
}

TEST(ItemSizeTest, BinariesCostTheirRawBytes) {
    EXPECT_EQ(attribute_value_size(AttributeValue(Binary{"abcd"})), 4u);
}

TEST(ItemSizeTest, BooleansAndNullsCostOneByte) {
    EXPECT_EQ(attribute_value_size(AttributeValue(true)), 1u);
    EXPECT_EQ(attribute_value_size(AttributeValue(Null{})), 1u);
}

TEST(ItemSizeTest, SetsCostTheSumOfTheirMembers) {
    EXPECT_EQ(attribute_value_size(AttributeValue(StringSet{{"ab", "cde"}})), 5u);
    EXPECT_EQ(attribute_value_size(AttributeValue(BinarySet{{"x", "yz"}})), 3u);
    EXPECT_EQ(attribute_value_size(
                  AttributeValue(NumberSet{{Number::parse("1"), Number::parse("-1.5")}})),
              2u + 4u);
}

TEST(ItemSizeTest, ListsCostThreeBytesPlusOnePerElement) {
    EXPECT_EQ(attribute_value_size(AttributeValue(AttributeList{})), 3u);
    EXPECT_EQ(attribute_value_size(AttributeValue(AttributeList{s("ab"), n("1")})),
              3u + (1 + 2) + (1 + 2));
}

TEST(ItemSizeTest, MapsCostThreeBytesPlusNamesAndOnePerEntry) {
    EXPECT_EQ(attribute_value_size(AttributeValue(AttributeMap{})), 3u);
    EXPECT_EQ(attribute_value_size(AttributeValue(AttributeMap{{"key", s("val")}})),
              3u + 1 + 3 + 3);
}

TEST(ItemSizeTest, ItemCostsNamesPlusValues) {
    const Item item{{"pk", s("abc")}, {"n", n("12345")}, {"flag", AttributeValue(true)}};
    EXPECT_EQ(item_size(item), (2u + 3) + (1 + 4) + (4 + 1));
    EXPECT_EQ(item_size(Item{}), 0u);
}

TEST(ItemSizeTest, KeySizeIsTheValueBytes) {
    EXPECT_EQ(key_value_size(s(std::string(2048, 'x'))), kMaxPartitionKeySize);
    EXPECT_EQ(key_value_size(AttributeValue(Binary{std::string(1025, 'x')})), kMaxSortKeySize + 1);
}

}  // namespace
}  // namespace floci::dynamodb
