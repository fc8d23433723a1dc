#include "expressions/resolve.hpp"

#include <gtest/gtest.h>

#include "expressions/parser.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

constexpr auto kCond = ExpressionKind::kCondition;

std::string condition_error(std::string_view text, NameMap names, ValueMap values) {
    return validation_message([&] {
        Condition c = parse_condition(text, kCond);
        Resolver r(names, values);
        r.resolve(c, kCond);
        r.check_unused();
    });
}

std::string update_error(std::string_view text, NameMap names, ValueMap values) {
    return validation_message([&] {
        UpdateExpression u = parse_update(text);
        Resolver r(names, values);
        r.resolve(u);
        r.check_unused();
    });
}

TEST(ResolveTest, SubstitutesNamesAndValues) {
    NameMap names{{"#n", "name"}};
    ValueMap values{{":v", S("x")}};
    Condition c = parse_condition("#n.b = :v", kCond);
    Resolver r(names, values);
    r.resolve(c, kCond);
    r.check_unused();
    EXPECT_EQ(c.operands[0].path.to_string(), "[name, b]");
    ASSERT_TRUE(c.operands[1].value);
    EXPECT_EQ(*c.operands[1].value, S("x"));
}

TEST(ResolveTest, UndefinedNameIsValidation) {
    EXPECT_EQ(condition_error("#x = :v", {}, {{":v", S("x")}}),
              "Invalid ConditionExpression: An expression attribute name used in the document "
              "path is not defined; attribute name: #x");
}

TEST(ResolveTest, UndefinedValueIsValidation) {
    EXPECT_EQ(condition_error("a = :x", {}, {}),
              "Invalid ConditionExpression: An expression attribute value used in expression is "
              "not defined; attribute value: :x");
}

TEST(ResolveTest, UnusedNameRefIsValidation) {
    EXPECT_EQ(condition_error("a = :v", {{"#a", "a"}}, {{":v", S("x")}}),
              "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}");
}

TEST(ResolveTest, UnusedValueRefIsValidation) {
    EXPECT_EQ(condition_error("a = :v", {}, {{":v", S("x")}, {":w", S("y")}}),
              "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
}

TEST(ResolveTest, UnusedKeysAreListedInJavaHashOrder) {
    EXPECT_EQ(condition_error("a = :v", {}, {{":v", S("x")}, {":b", S("y")}, {":a", S("z")}}),
              "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :b}");
}

TEST(ResolveTest, UnusedCheckSpansAllExpressionsOfARequest) {
    NameMap names{{"#c", "c"}};
    ValueMap values{{":v", N("1")}, {":w", N("2")}};
    Condition c = parse_condition("#c = :w", kCond);
    UpdateExpression u = parse_update("SET a = :v");
    Resolver r(names, values);
    r.resolve(u);
    r.resolve(c, kCond);
    EXPECT_EQ(validation_message([&] { r.check_unused(); }), "<no error>");
}

TEST(ResolveTest, AttributeMapsValidation) {
    EXPECT_EQ(validation_message([] { validate_attribute_names({}); }),
              "ExpressionAttributeNames must not be empty");
    EXPECT_EQ(validation_message([] { validate_attribute_values({}); }),
              "ExpressionAttributeValues must not be empty");
    EXPECT_EQ(validation_message([] {
                  validate_attribute_names({{"a", "b"}});
              }),
              "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
    EXPECT_EQ(validation_message([] {
                  validate_attribute_values({{":a-b", S("x")}});
              }),
              "ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"");
    EXPECT_EQ(validation_message([] {
                  validate_attribute_names({{"#a", ""}});
              }),
              "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
}

TEST(ResolveTest, PathDeeperThan32IsValidation) {
    std::string path = "a";
    for (int i = 0; i < 32; ++i) path += ".a";
    EXPECT_EQ(condition_error(path + " = :v", {}, {{":v", S("x")}}),
              "Invalid ConditionExpression: The document path has too many nesting levels; "
              "nesting levels: 33");
}

TEST(ResolveTest, OrderingLiteralMapIsValidation) {
    EXPECT_EQ(condition_error("a < :m", {}, {{":m", M({})}}),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: <, operand type: M");
    EXPECT_EQ(condition_error("a = :m", {}, {{":m", M({})}}), "<no error>");
}

TEST(ResolveTest, BetweenBoundsOutOfOrderIsValidation) {
    EXPECT_EQ(condition_error("a BETWEEN :hi AND :lo", {}, {{":hi", N("5")}, {":lo", N("1")}}),
              "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be "
              "greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, "
              "upper bound operand: AttributeValue: {N:1}");
}

TEST(ResolveTest, BetweenBoundsOfDifferentTypesIsValidation) {
    EXPECT_EQ(condition_error("a BETWEEN :x AND :y", {}, {{":x", N("5")}, {":y", S("z")}}),
              "Invalid ConditionExpression: The BETWEEN operator requires same data type for "
              "lower and upper bounds; lower bound operand: AttributeValue: {N:5}, upper bound "
              "operand: AttributeValue: {S:z}");
}

TEST(ResolveTest, InWithMoreThan100OperandsIsValidation) {
    std::string text = "a IN (:v";
    for (int i = 0; i < 100; ++i) text += ", :v";
    EXPECT_EQ(condition_error(text + ")", {}, {{":v", S("x")}}),
              "Invalid ConditionExpression: The IN operator is provided with too many operands; "
              "number of operands: 101");
}

TEST(ResolveTest, SameOperandTwiceIsValidation) {
    EXPECT_EQ(condition_error("a.b = #a.b", {{"#a", "a"}}, {}),
              "Invalid ConditionExpression: The first operand must be distinct from the "
              "remaining operands for this operator or function; operator: =, first operand: "
              "[a, b]");
    EXPECT_EQ(condition_error("begins_with(a, a)", {}, {}),
              "Invalid ConditionExpression: The first operand must be distinct from the "
              "remaining operands for this operator or function; operator: begins_with, first "
              "operand: [a]");
}

TEST(ResolveTest, FunctionOperandTypes) {
    EXPECT_EQ(condition_error("attribute_exists(:v)", {}, {{":v", S("x")}}),
              "Invalid ConditionExpression: Operator or function requires a document path; "
              "operator or function: attribute_exists");
    EXPECT_EQ(condition_error("begins_with(a, :v)", {}, {{":v", N("1")}}),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: begins_with, operand type: N");
    EXPECT_EQ(condition_error("size(:v) > :v", {}, {{":v", N("1")}}),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: size, operand type: N");
    EXPECT_EQ(condition_error("attribute_type(a, :t)", {}, {{":t", S("X")}}),
              "Invalid ConditionExpression: Invalid attribute type name found; type: X, valid "
              "types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
    EXPECT_EQ(condition_error("attribute_type(a, :t)", {}, {{":t", N("1")}}),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: attribute_type, operand type: N");
    EXPECT_EQ(condition_error("attribute_type(a, :t)", {}, {{":t", S("SS")}}), "<no error>");
}

TEST(ResolveTest, UpdateOperandTypes) {
    EXPECT_EQ(update_error("SET a = b + :s", {}, {{":s", S("x")}}),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: +, operand type: S");
    EXPECT_EQ(update_error("SET a = list_append(a, :n)", {}, {{":n", N("1")}}),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: list_append, operand type: N");
    EXPECT_EQ(update_error("ADD a :s", {}, {{":s", S("x")}}),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
    EXPECT_EQ(update_error("DELETE a :n", {}, {{":n", N("1")}}),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
    EXPECT_EQ(update_error("SET a = if_not_exists(:v, :v)", {}, {{":v", N("1")}}),
              "Invalid UpdateExpression: Operator or function requires a document path; "
              "operator or function: if_not_exists");
    EXPECT_EQ(update_error("SET a = if_not_exists(b)", {}, {}),
              "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
              "operator or function: if_not_exists, number of operands: 1");
}

TEST(ResolveTest, OverlappingUpdatePathsIsValidation) {
    EXPECT_EQ(update_error("SET a = :v REMOVE a.b", {}, {{":v", S("x")}}),
              "Invalid UpdateExpression: Two document paths overlap with each other; must remove "
              "or rewrite one of these paths; path one: [a], path two: [a, b]");
    EXPECT_EQ(update_error("SET #a = :v, a = :v", {{"#a", "a"}}, {{":v", S("x")}}),
              "Invalid UpdateExpression: Two document paths overlap with each other; must remove "
              "or rewrite one of these paths; path one: [a], path two: [a]");
}

TEST(ResolveTest, ConflictingUpdatePathsIsValidation) {
    EXPECT_EQ(update_error("SET a[1] = :v, a.b = :v", {}, {{":v", S("x")}}),
              "Invalid UpdateExpression: Two document paths conflict with each other; must "
              "remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]");
}

TEST(ResolveTest, OverlappingProjectionPathsIsValidation) {
    EXPECT_EQ(validation_message([] {
                  ProjectionExpression p = parse_projection("a.b, a");
                  Resolver r(kNoNames, kNoValues);
                  r.resolve(p);
              }),
              "Invalid ProjectionExpression: Two document paths overlap with each other; must "
              "remove or rewrite one of these paths; path one: [a, b], path two: [a]");
}

TEST(ResolveTest, UpdateNamesAreCheckedBeforeValues) {
    EXPECT_EQ(update_error("SET a = :x, #b = :v", {}, {}),
              "Invalid UpdateExpression: An expression attribute name used in the document path "
              "is not defined; attribute name: #b");
}

}  // namespace
}  // namespace floci::dynamodb::expr
