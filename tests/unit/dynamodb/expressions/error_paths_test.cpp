// The remaining error paths, one test each, so every message the module can produce is pinned.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "expressions/key_condition.hpp"
#include "expressions/legacy.hpp"
#include "expressions/parser.hpp"
#include "expressions/resolve.hpp"
#include "expressions/update.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

std::string resolved_condition_error(std::string_view text, ValueMap values,
                                     ExpressionKind kind = ExpressionKind::kCondition) {
    return validation_message([&] {
        Condition c = parse_condition(text, kind);
        Resolver r(kNoNames, values);
        r.resolve(c, kind);
    });
}

TEST(ErrorPathsTest, BetweenWithoutAndIsSyntaxError) {
    EXPECT_EQ(validation_message(
                  [] { parse_condition("a BETWEEN :x OR :y", ExpressionKind::kCondition); }),
              "Invalid ConditionExpression: Syntax error; token: \"OR\", near: \":x OR :y\"");
}

TEST(ErrorPathsTest, InWithoutParenthesesIsSyntaxError) {
    EXPECT_EQ(validation_message([] { parse_condition("a IN :x", ExpressionKind::kFilter); }),
              "Invalid FilterExpression: Syntax error; token: \":x\", near: \"IN :x\"");
}

TEST(ErrorPathsTest, AttributeTypeNeedsAValue) {
    EXPECT_EQ(resolved_condition_error("attribute_type(a, b)", {}),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: attribute_type, operand type: "
              "{SS,M,DECIMAL,DOUBLESET,HDS,N,B,DICT,INTSET,BOOL,HD,BS,INT,DECIMALSET,NULL,FLOAT,"
              "FS,S,L,NS,DOUBLE}");
    EXPECT_EQ(resolved_condition_error("attribute_type(a, size(b))", {}),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: attribute_type, operand type: N");
}

TEST(ErrorPathsTest, BetweenLiteralOfUnorderedTypeIsValidation) {
    EXPECT_EQ(resolved_condition_error("a BETWEEN :x AND :y", {{":x", L({})}, {":y", L({})}}),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: BETWEEN, operand type: L");
}

TEST(ErrorPathsTest, SizeComparedWithOrderingIsAllowed) {
    EXPECT_EQ(resolved_condition_error("size(a) >= :n", {{":n", N("1")}}), "<no error>");
}

TEST(ErrorPathsTest, TooLongAttributeMapKeyIsValidation) {
    const std::string key = "#" + std::string(255, 'a');
    EXPECT_EQ(validation_message([&] {
                  validate_attribute_names({{key, "a"}});
              }),
              "ExpressionAttributeNames contains invalid key: The expression attribute map "
              "contains a key that is too long; size of key: 256");
}

TEST(ErrorPathsTest, KeyConditionWithoutKeyAttribute) {
    auto key_error = [](std::string_view text) {
        return validation_message([&] {
            Condition c = parse_condition(text, ExpressionKind::kKeyCondition);
            const ValueMap values{{":a", S("x")}, {":b", S("y")}};
            Resolver r(kNoNames, values);
            r.resolve(c, ExpressionKind::kKeyCondition);
            to_key_condition(c, {"pk", AttributeType::S}, std::nullopt);
        });
    };
    EXPECT_EQ(key_error(":a = :b"),
              "Invalid condition in KeyConditionExpression: No key attribute specified");
    EXPECT_EQ(key_error(":a BETWEEN pk AND :b"),
              "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
              "attribute as its first operand");
    EXPECT_EQ(key_error("begins_with(:a, pk)"),
              "Invalid condition in KeyConditionExpression: begins_with operator must have the "
              "key attribute as its first operand");
}

TEST(ErrorPathsTest, LegacyFilterUnknownOperator) {
    EXPECT_EQ(validation_message([] {
                  condition_from_filter(boost::json::parse(R"({"a": {"ComparisonOperator": "X"}})"),
                                        "QueryFilter");
              }),
              "1 validation error detected: Value 'X' at 'queryFilter.a.member.comparisonOperator' "
              "failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, "
              "BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
}

TEST(ErrorPathsTest, LegacyKeyConditionsCount) {
    EXPECT_EQ(validation_message([] { key_terms_from_key_conditions(boost::json::parse("{}")); }),
              "Conditions can be of length 1 or 2 only");
}

TEST(ErrorPathsTest, LegacyUnknownAction) {
    EXPECT_EQ(validation_message([] {
                  parse_attribute_updates(
                      boost::json::parse(R"({"a": {"Action": "POP", "Value": {"S": "x"}}})"));
              }),
              "1 validation error detected: Value 'POP' at 'attributeUpdates.a.member.action' "
              "failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, "
              "DELETE]");
}

TEST(ErrorPathsTest, UpdatePathErrorsGoByClauseFromTheLast) {
    // The SET reads a missing attribute, the later REMOVE has a bad path: AWS reports the path.
    UpdateExpression u = parse_update("SET a = nope REMOVE b.c");
    Resolver r(kNoNames, kNoValues);
    r.resolve(u);
    EXPECT_EQ(validation_message([&] { apply_update(u, Item{}); }),
              "The document path provided in the update expression is invalid for update");
}

}  // namespace
}  // namespace floci::dynamodb::expr
