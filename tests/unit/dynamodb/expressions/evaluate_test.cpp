#include "expressions/evaluate.hpp"

#include <gtest/gtest.h>

#include "expressions/parser.hpp"
#include "expressions/resolve.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

bool holds(std::string_view text, const Item& item, ValueMap values = {}, NameMap names = {}) {
    Condition c = parse_condition(text, ExpressionKind::kCondition);
    Resolver r(names, values);
    r.resolve(c, ExpressionKind::kCondition);
    return evaluate(c, item);
}

const Item kItem = {
    {"s", S("hello")},
    {"n", N("10")},
    {"b", B(std::string("\x01\x02\x03", 3))},
    {"ss", SS({"x", "y"})},
    {"ns", NS({"1", "2"})},
    {"bs", BS({"ab"})},
    {"l", L({S("x"), N("1"), M({{"k", S("v")}})})},
    {"m", M({{"inr", M({{"deep", N("3")}})}, {"lst", L({N("7")})}})},
    {"t", Bool(true)},
    {"z", Nul()},
    {"u", S("\xC3\xA9\xF0\x9F\x98\x80")},  // "é😀": 2 UTF-16 units + a surrogate pair
};

TEST(EvaluateTest, EqualityUsesDynamoTypes) {
    EXPECT_TRUE(holds("n = :v", kItem, {{":v", N("10.0")}}));
    EXPECT_FALSE(holds("n = :v", kItem, {{":v", S("10")}}));
    EXPECT_TRUE(holds("ss = :v", kItem, {{":v", SS({"y", "x"})}}));
    EXPECT_FALSE(holds("absent = :v", kItem, {{":v", S("x")}}));
}

TEST(EvaluateTest, NotEqualIsTrueForMissingOrOtherType) {
    EXPECT_TRUE(holds("absent <> :v", kItem, {{":v", S("x")}}));
    EXPECT_TRUE(holds("n <> :v", kItem, {{":v", S("10")}}));
    EXPECT_FALSE(holds("n <> :v", kItem, {{":v", N("10")}}));
}

TEST(EvaluateTest, OrderingComparesSameScalarTypesOnly) {
    EXPECT_TRUE(holds("n > :v", kItem, {{":v", N("9.5")}}));
    EXPECT_FALSE(holds("n > :v", kItem, {{":v", S("1")}}));
    EXPECT_TRUE(holds("s < :v", kItem, {{":v", S("hellp")}}));
    EXPECT_TRUE(holds("s >= :v", kItem, {{":v", S("hello")}}));
    EXPECT_FALSE(holds("ss < :v", kItem, {{":v", S("z")}}));
    EXPECT_FALSE(holds("absent < :v", kItem, {{":v", S("z")}}));
}

TEST(EvaluateTest, StringsOrderByUtf8Bytes) {
    EXPECT_TRUE(holds("u > :v", kItem, {{":v", S("z")}}));
    EXPECT_TRUE(holds("b < :v", kItem, {{":v", B("\xFF")}}));
}

TEST(EvaluateTest, Between) {
    EXPECT_TRUE(holds("n BETWEEN :a AND :b", kItem, {{":a", N("10")}, {":b", N("11")}}));
    EXPECT_FALSE(holds("n BETWEEN :a AND :b", kItem, {{":a", N("11")}, {":b", N("12")}}));
    EXPECT_FALSE(holds("n BETWEEN :a AND :b", kItem, {{":a", S("1")}, {":b", S("2")}}));
}

TEST(EvaluateTest, In) {
    EXPECT_TRUE(holds("n IN (:a, :b)", kItem, {{":a", S("10")}, {":b", N("10")}}));
    EXPECT_FALSE(holds("n IN (:a)", kItem, {{":a", S("10")}}));
    EXPECT_FALSE(holds("absent IN (:a)", kItem, {{":a", S("10")}}));
}

TEST(EvaluateTest, LogicalOperators) {
    ValueMap v{{":t", N("10")}, {":f", N("0")}};
    EXPECT_TRUE(holds("n = :f OR n = :t", kItem, v));
    EXPECT_FALSE(holds("n = :f AND n = :t", kItem, v));
    EXPECT_TRUE(holds("NOT n = :f", kItem, v));
    EXPECT_TRUE(holds("NOT NOT n = :t", kItem, v));
}

TEST(EvaluateTest, NestedPathsAndIndexes) {
    EXPECT_TRUE(holds("m.inr.deep = :v", kItem, {{":v", N("3")}}));
    EXPECT_TRUE(holds("m.lst[0] = :v", kItem, {{":v", N("7")}}));
    EXPECT_TRUE(holds("l[2].k = :v", kItem, {{":v", S("v")}}));
    EXPECT_FALSE(holds("attribute_exists(l[3])", kItem));
    EXPECT_FALSE(holds("attribute_exists(s.x)", kItem));
    EXPECT_FALSE(holds("attribute_exists(m[0])", kItem));
    EXPECT_TRUE(holds("attribute_exists(#a.#b)", kItem, {}, {{"#a", "m"}, {"#b", "inr"}}));
}

TEST(EvaluateTest, AttributeExistsAndNotExists) {
    EXPECT_TRUE(holds("attribute_exists(z)", kItem));
    EXPECT_TRUE(holds("attribute_not_exists(absent)", kItem));
    EXPECT_FALSE(holds("attribute_not_exists(s)", kItem));
    EXPECT_TRUE(holds("attribute_not_exists(anything)", Item{}));
}

TEST(EvaluateTest, AttributeType) {
    EXPECT_TRUE(holds("attribute_type(ns, :t)", kItem, {{":t", S("NS")}}));
    EXPECT_TRUE(holds("attribute_type(z, :t)", kItem, {{":t", S("NULL")}}));
    EXPECT_FALSE(holds("attribute_type(n, :t)", kItem, {{":t", S("S")}}));
    EXPECT_FALSE(holds("attribute_type(absent, :t)", kItem, {{":t", S("S")}}));
}

TEST(EvaluateTest, BeginsWith) {
    EXPECT_TRUE(holds("begins_with(s, :p)", kItem, {{":p", S("he")}}));
    EXPECT_FALSE(holds("begins_with(s, :p)", kItem, {{":p", S("hello!")}}));
    EXPECT_TRUE(holds("begins_with(b, :p)", kItem, {{":p", B("\x01")}}));
    EXPECT_FALSE(holds("begins_with(b, :p)", kItem, {{":p", S("\x01")}}));
    EXPECT_FALSE(holds("begins_with(n, :p)", kItem, {{":p", S("1")}}));
}

TEST(EvaluateTest, Contains) {
    EXPECT_TRUE(holds("contains(s, :v)", kItem, {{":v", S("ell")}}));
    EXPECT_TRUE(holds("contains(ss, :v)", kItem, {{":v", S("x")}}));
    EXPECT_FALSE(holds("contains(ss, :v)", kItem, {{":v", SS({"x"})}}));
    EXPECT_TRUE(holds("contains(ns, :v)", kItem, {{":v", N("2.00")}}));
    EXPECT_TRUE(holds("contains(bs, :v)", kItem, {{":v", B("ab")}}));
    EXPECT_TRUE(holds("contains(b, :v)", kItem, {{":v", B("\x02\x03")}}));
    EXPECT_TRUE(holds("contains(l, :v)", kItem, {{":v", M({{"k", S("v")}})}}));
    EXPECT_FALSE(holds("contains(n, :v)", kItem, {{":v", N("1")}}));
    EXPECT_FALSE(holds("contains(absent, :v)", kItem, {{":v", N("1")}}));
}

TEST(EvaluateTest, Size) {
    ValueMap v{{":5", N("5")}, {":3", N("3")}, {":2", N("2")}, {":1", N("1")}};
    EXPECT_TRUE(holds("size(s) = :5", kItem, v));
    EXPECT_TRUE(holds("size(b) = :3", kItem, v));
    EXPECT_TRUE(holds("size(ss) = :2", kItem, v));
    EXPECT_TRUE(holds("size(l) = :3", kItem, v));
    EXPECT_TRUE(holds("size(m) = :2", kItem, v));
    EXPECT_TRUE(holds("size(u) = :3", kItem, v));
    EXPECT_FALSE(holds("size(n) = :2", kItem, v));
    EXPECT_FALSE(holds("size(absent) = :1", kItem, v));
    EXPECT_TRUE(holds("size(absent) <> :1", kItem, v));
}

}  // namespace
}  // namespace floci::dynamodb::expr
