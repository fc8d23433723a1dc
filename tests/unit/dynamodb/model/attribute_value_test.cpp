#include "model/attribute_value.hpp"

#include <gtest/gtest.h>

namespace floci::dynamodb {
namespace {

Number num(std::string_view text) { return Number::parse(text); }

TEST(AttributeValueTest, TypeIndexMatchesVariantIndex) {
    EXPECT_EQ(AttributeValue(std::string("a")).type(), AttributeType::S);
    EXPECT_EQ(AttributeValue(num("1")).type(), AttributeType::N);
    EXPECT_EQ(AttributeValue(Binary{"x"}).type(), AttributeType::B);
    EXPECT_EQ(AttributeValue(true).type(), AttributeType::BOOL);
    EXPECT_EQ(AttributeValue().type(), AttributeType::NUL);
    EXPECT_EQ(AttributeValue(AttributeMap{}).type(), AttributeType::M);
    EXPECT_EQ(AttributeValue(AttributeList{}).type(), AttributeType::L);
    EXPECT_EQ(AttributeValue(StringSet{}).type(), AttributeType::SS);
    EXPECT_EQ(AttributeValue(NumberSet{}).type(), AttributeType::NS);
    EXPECT_EQ(AttributeValue(BinarySet{}).type(), AttributeType::BS);
}

TEST(AttributeValueTest, TypeNamesAreTheWireNames) {
    const char* names[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
    for (int i = 0; i < 10; ++i) {
        const auto type = static_cast<AttributeType>(i);
        EXPECT_EQ(type_name(type), names[i]);
        AttributeType parsed;
        ASSERT_TRUE(parse_type_name(names[i], parsed));
        EXPECT_EQ(parsed, type);
    }
}

TEST(AttributeValueTest, UnknownTypeNameIsNotParsed) {
    AttributeType parsed;
    EXPECT_FALSE(parse_type_name("s", parsed));
    EXPECT_FALSE(parse_type_name("NUL", parsed));
    EXPECT_FALSE(parse_type_name("", parsed));
}

TEST(AttributeValueTest, NumbersCompareByValue) {
    EXPECT_EQ(AttributeValue(num("1")), AttributeValue(num("1.00")));
    EXPECT_NE(AttributeValue(num("1")), AttributeValue(num("2")));
}

TEST(AttributeValueTest, DifferentTypesAreNeverEqual) {
    EXPECT_NE(AttributeValue(std::string("1")), AttributeValue(num("1")));
    EXPECT_NE(AttributeValue(Binary{"1"}), AttributeValue(std::string("1")));
    EXPECT_NE(AttributeValue(StringSet{{"a"}}), AttributeValue(BinarySet{{"a"}}));
}

TEST(AttributeValueTest, SetsCompareAsSets) {
    EXPECT_EQ(AttributeValue(StringSet{{"a", "b"}}), AttributeValue(StringSet{{"b", "a"}}));
    EXPECT_NE(AttributeValue(StringSet{{"a", "b"}}), AttributeValue(StringSet{{"a"}}));
    EXPECT_NE(AttributeValue(StringSet{{"a", "b"}}), AttributeValue(StringSet{{"a", "c"}}));
    EXPECT_EQ(AttributeValue(NumberSet{{num("1"), num("2.0")}}),
              AttributeValue(NumberSet{{num("2"), num("1.0")}}));
    EXPECT_EQ(AttributeValue(BinarySet{{"x", "y"}}), AttributeValue(BinarySet{{"y", "x"}}));
}

TEST(AttributeValueTest, LargeSetsCompareAsSets) {
    StringSet a, b;
    for (int i = 0; i < 100; ++i) {
        a.members.push_back(std::to_string(i));
        b.members.push_back(std::to_string(99 - i));
    }
    EXPECT_EQ(AttributeValue(a), AttributeValue(b));
    b.members[0] = "x";
    EXPECT_NE(AttributeValue(a), AttributeValue(b));
}

TEST(AttributeValueTest, ListsCompareInOrder) {
    const AttributeList ab = {AttributeValue(std::string("a")), AttributeValue(std::string("b"))};
    const AttributeList ba = {AttributeValue(std::string("b")), AttributeValue(std::string("a"))};
    EXPECT_EQ(AttributeValue(ab), AttributeValue(ab));
    EXPECT_NE(AttributeValue(ab), AttributeValue(ba));
}

TEST(AttributeValueTest, MapsCompareDeeply) {
    AttributeMap a{{"n", AttributeValue(num("1"))}, {"s", AttributeValue(StringSet{{"x", "y"}})}};
    AttributeMap b{{"n", AttributeValue(num("1.0"))}, {"s", AttributeValue(StringSet{{"y", "x"}})}};
    EXPECT_EQ(AttributeValue(a), AttributeValue(b));
    b["extra"] = AttributeValue(true);
    EXPECT_NE(AttributeValue(a), AttributeValue(b));
}

TEST(AttributeValueTest, ScalarsCompareByContent) {
    EXPECT_EQ(AttributeValue(true), AttributeValue(true));
    EXPECT_NE(AttributeValue(true), AttributeValue(false));
    EXPECT_EQ(AttributeValue(Null{}), AttributeValue());
    EXPECT_EQ(AttributeValue(Binary{std::string("\0a", 2)}),
              AttributeValue(Binary{std::string("\0a", 2)}));
}

}  // namespace
}  // namespace floci::dynamodb
