#include "expressions/key_condition.hpp"

#include <gtest/gtest.h>

#include "expressions/parser.hpp"
#include "expressions/resolve.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

const KeyAttribute kPk{"pk", AttributeType::S};
const std::optional<KeyAttribute> kSk = KeyAttribute{"sk", AttributeType::N};

KeyCondition key(std::string_view text, ValueMap values,
                 const std::optional<KeyAttribute>& sort = kSk) {
    Condition c = parse_condition(text, ExpressionKind::kKeyCondition);
    Resolver r(kNoNames, values);
    r.resolve(c, ExpressionKind::kKeyCondition);
    return to_key_condition(c, kPk, sort);
}

std::string error(std::string_view text, ValueMap values,
                  const std::optional<KeyAttribute>& sort = kSk) {
    return validation_message([&] { key(text, values, sort); });
}

const ValueMap kValues{{":p", S("a")}, {":lo", N("1")}, {":hi", N("5")}};

TEST(KeyConditionTest, PartitionAndSortTerms) {
    KeyCondition k = key("sk BETWEEN :lo AND :hi AND pk = :p", kValues);
    EXPECT_EQ(k.partition.attribute, "pk");
    ASSERT_TRUE(k.sort);
    EXPECT_EQ(k.sort->op, KeyOp::kBetween);
    EXPECT_TRUE(k.matches(Item{{"pk", S("a")}, {"sk", N("3")}}));
    EXPECT_FALSE(k.matches(Item{{"pk", S("a")}, {"sk", N("6")}}));
    EXPECT_FALSE(k.matches(Item{{"pk", S("b")}, {"sk", N("3")}}));
}

TEST(KeyConditionTest, ValueFirstComparisonIsFlipped) {
    KeyCondition k = key("pk = :p AND :lo < sk", kValues);
    EXPECT_EQ(k.sort->op, KeyOp::kGt);
    EXPECT_TRUE(k.matches(Item{{"pk", S("a")}, {"sk", N("2")}}));
    EXPECT_FALSE(k.matches(Item{{"pk", S("a")}, {"sk", N("1")}}));
}

TEST(KeyConditionTest, BeginsWithOnStringSortKey) {
    KeyCondition k =
        key("pk = :p AND begins_with(sk, :p)", kValues, KeyAttribute{"sk", AttributeType::S});
    EXPECT_TRUE(k.matches(Item{{"pk", S("a")}, {"sk", S("abc")}}));
    EXPECT_EQ(error("pk = :p AND begins_with(sk, :lo)", kValues),
              "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: begins_with, operand type: N");
}

TEST(KeyConditionTest, InvalidOperatorsAreValidation) {
    EXPECT_EQ(error("pk = :p OR sk = :lo", kValues),
              "Invalid operator used in KeyConditionExpression: OR");
    EXPECT_EQ(error("NOT pk = :p", kValues),
              "Invalid operator used in KeyConditionExpression: NOT");
    EXPECT_EQ(error("pk IN (:p)", kValues), "Invalid operator used in KeyConditionExpression: IN");
    EXPECT_EQ(error("pk <> :p", kValues), "Invalid operator used in KeyConditionExpression: <>");
    EXPECT_EQ(error("pk = :p AND attribute_exists(sk)", kValues),
              "Invalid operator used in KeyConditionExpression: attribute_exists");
    EXPECT_EQ(error("pk = :p AND size(sk) = :lo", kValues),
              "KeyConditionExpressions cannot contain nested operations");
}

TEST(KeyConditionTest, SchemaMismatchesAreValidation) {
    EXPECT_EQ(error("sk = :lo", kValues), "Query condition missed key schema element: pk");
    EXPECT_EQ(error("pk = :p AND attr = :lo", kValues),
              "Query condition missed key schema element: sk");
    EXPECT_EQ(error("pk > :p", kValues), "Query key condition not supported");
    EXPECT_EQ(error("pk = :p AND pk = :p", kValues),
              "KeyConditionExpressions must only contain one condition per key");
    EXPECT_EQ(error("pk = :lo", kValues),
              "One or more parameter values were invalid: Condition parameter type does not match "
              "schema type");
    EXPECT_EQ(error("pk.x = :p", kValues),
              "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
              "allowed: Key: pk");
    EXPECT_EQ(error("pk = sk", kValues),
              "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
              "condition");
}

}  // namespace
}  // namespace floci::dynamodb::expr

namespace floci::dynamodb::expr {
namespace {

TEST(KeyConditionTest, FilterOnKeyAttributeIsValidation) {
    Condition filter = parse_condition("a = :v OR pk = :v", ExpressionKind::kFilter);
    EXPECT_EQ(validation_message([&] {
                  check_filter_avoids_keys(filter, {"pk", "sk"});
              }),
              "Filter Expression can only contain non-primary key attributes: Primary key "
              "attribute: pk");
}

TEST(KeyConditionTest, PathInsideKeyAttributeIsValidation) {
    Condition c = parse_condition("attribute_exists(pk.x)", ExpressionKind::kCondition);
    EXPECT_EQ(validation_message([&] { check_key_paths_scalar(c, {"pk"}); }),
              "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
              "allowed: Key: pk");
    UpdateExpression u = parse_update("SET a = sk[1]");
    EXPECT_NE(validation_message([&] { check_key_paths_scalar(u, {"sk"}); }), "<no error>");
    EXPECT_EQ(validation_message([&] { check_key_paths_scalar(u, {"a"}); }), "<no error>");
}

}  // namespace
}  // namespace floci::dynamodb::expr
