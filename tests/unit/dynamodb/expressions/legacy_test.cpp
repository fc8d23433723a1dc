#include "expressions/legacy.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "expressions/evaluate.hpp"
#include "expressions/projection.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

boost::json::value json(std::string_view text) { return boost::json::parse(text); }

const Item kItem = {{"n", N("5")}, {"s", S("hello")}, {"ss", SS({"a", "b"})}, {"l", L({N("1")})}};

bool expected_holds(std::string_view text, std::string_view op = "AND") {
    auto c = condition_from_expected(json(text), op);
    return !c || evaluate(*c, kItem);
}

std::string expected_error(std::string_view text) {
    return validation_message([&] { condition_from_expected(json(text)); });
}

std::string filter_error(std::string_view text) {
    return validation_message([&] { condition_from_filter(json(text), "ScanFilter"); });
}

TEST(LegacyTest, ExpectedValueAndExists) {
    EXPECT_TRUE(expected_holds(R"({"n": {"Value": {"N": "5"}}})"));
    EXPECT_FALSE(expected_holds(R"({"n": {"Value": {"N": "6"}, "Exists": true}})"));
    EXPECT_TRUE(expected_holds(R"({"nope": {"Exists": false}})"));
    EXPECT_FALSE(expected_holds(R"({"n": {"Exists": false}})"));
    EXPECT_TRUE(expected_holds("{}"));
}

TEST(LegacyTest, ExpectedComparisonOperators) {
    EXPECT_TRUE(expected_holds(
        R"({"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "4"}]}})"));
    EXPECT_TRUE(expected_holds(R"({"n": {"ComparisonOperator": "NE", "Value": {"S": "5"}}})"));
    EXPECT_TRUE(expected_holds(R"({"nope": {"ComparisonOperator": "NULL"}})"));
    EXPECT_TRUE(expected_holds(R"({"s": {"ComparisonOperator": "NOT_NULL"}})"));
    EXPECT_TRUE(expected_holds(
        R"({"ss": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "a"}]}})"));
    EXPECT_FALSE(expected_holds(
        R"({"nope": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"S": "a"}]}})"));
    EXPECT_TRUE(expected_holds(
        R"({"s": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"S": "z"}]}})"));
    EXPECT_TRUE(expected_holds(
        R"({"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "he"}]}})"));
    EXPECT_TRUE(expected_holds(
        R"({"n": {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "1"}, {"N": "5"}]}})"));
    EXPECT_TRUE(expected_holds(
        R"({"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "5"}, {"N": "6"}]}})"));
}

TEST(LegacyTest, ConditionalOperatorOr) {
    const char* text = R"({"n": {"Value": {"N": "1"}}, "s": {"Value": {"S": "hello"}}})";
    EXPECT_FALSE(expected_holds(text, "AND"));
    EXPECT_TRUE(expected_holds(text, "OR"));
}

TEST(LegacyTest, ExpectedValidationMessages) {
    EXPECT_EQ(expected_error(R"({"a": {"Value": {"S": "x"}, "AttributeValueList": []}})"),
              "One or more parameter values were invalid: Value and AttributeValueList cannot be "
              "used together for Attribute: a");
    EXPECT_EQ(expected_error(R"({"a": {"ComparisonOperator": "EQ", "Exists": true}})"),
              "One or more parameter values were invalid: Exists and ComparisonOperator cannot be "
              "used together for Attribute: a");
    EXPECT_EQ(expected_error(R"({"a": {"ComparisonOperator": "EQ"}})"),
              "One or more parameter values were invalid: Value or AttributeValueList must be "
              "used with ComparisonOperator: EQ for Attribute: a");
    EXPECT_EQ(expected_error(R"({"a": {"ComparisonOperator": "NULL", "Value": {"S": "x"}}})"),
              "One or more parameter values were invalid: Invalid number of argument(s) for the "
              "NULL ComparisonOperator");
    EXPECT_EQ(expected_error(R"({"a": {"AttributeValueList": [{"S": "x"}]}})"),
              "One or more parameter values were invalid: AttributeValueList can only be used "
              "with a ComparisonOperator for Attribute: a");
    EXPECT_EQ(expected_error(R"({"a": {}})"),
              "One or more parameter values were invalid: Value must be provided when Exists is "
              "null for Attribute: a");
    EXPECT_EQ(expected_error(R"({"a": {"Exists": true}})"),
              "One or more parameter values were invalid: Value must be provided when Exists is "
              "true for Attribute: a");
    EXPECT_EQ(expected_error(R"({"a": {"Exists": false, "Value": {"S": "x"}}})"),
              "One or more parameter values were invalid: Value cannot be used when Exists is "
              "false for Attribute: a");
    EXPECT_EQ(expected_error(R"({"a": {"ComparisonOperator": "FOO"}})"),
              "1 validation error detected: Value 'FOO' at 'expected.a.member.comparisonOperator' "
              "failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, "
              "BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
    EXPECT_EQ(
        expected_error(
            R"({"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "5"}, {"N": "1"}]}})"),
        "The BETWEEN condition was provided a range where the lower bound is greater than "
        "the upper bound");
    EXPECT_EQ(
        expected_error(
            R"({"a": {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "5"}, {"S": "1"}]}})"),
        "One or more parameter values were invalid: AttributeValues inside "
        "AttributeValueList must be of same type");
}

TEST(LegacyTest, FilterChecksValueTypes) {
    EXPECT_EQ(filter_error(
                  R"({"a": {"ComparisonOperator": "LT", "AttributeValueList": [{"SS": ["x"]}]}})"),
              "One or more parameter values were invalid: ComparisonOperator LT is not valid for "
              "SS AttributeValue type");
    EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "EQ", "AttributeValueList": []}})"),
              "One or more parameter values were invalid: Invalid number of argument(s) for the "
              "EQ ComparisonOperator");
    auto c = condition_from_filter(
        json(R"({"n": {"ComparisonOperator": "LE", "AttributeValueList": [{"N": "5"}]}})"),
        "ScanFilter");
    EXPECT_TRUE(evaluate(*c, kItem));
}

TEST(LegacyTest, KeyConditions) {
    auto terms = key_terms_from_key_conditions(json(
        R"({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]},
            "sk": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "x"}]}})"));
    KeyCondition k =
        bind_key_terms(terms, {"pk", AttributeType::S}, KeyAttribute{"sk", AttributeType::S});
    EXPECT_TRUE(k.matches(Item{{"pk", S("a")}, {"sk", S("xy")}}));
    EXPECT_EQ(
        validation_message([] {
            key_terms_from_key_conditions(json(
                R"({"pk": {"ComparisonOperator": "IN", "AttributeValueList": [{"S": "a"}]}})"));
        }),
        "Attempted conditional constraint is not an indexable operation");
}

TEST(LegacyTest, AttributeUpdates) {
    auto updates = parse_attribute_updates(json(R"({
        "n": {"Action": "ADD", "Value": {"N": "2"}},
        "s": {"Action": "DELETE"},
        "ss": {"Action": "DELETE", "Value": {"SS": ["a", "b"]}},
        "l": {"Action": "ADD", "Value": {"L": [{"N": "2"}]}},
        "fresh": {"Value": {"S": "v"}}})"));
    Item out = apply_attribute_updates(updates, kItem);
    EXPECT_EQ(out.at("n"), N("7"));
    EXPECT_EQ(out.count("s"), 0u);
    EXPECT_EQ(out.count("ss"), 0u);
    EXPECT_EQ(out.at("l"), L({N("1"), N("2")}));
    EXPECT_EQ(out.at("fresh"), S("v"));
}

TEST(LegacyTest, AttributeUpdatesValidation) {
    auto error = [](std::string_view text) {
        return validation_message([&] { parse_attribute_updates(json(text)); });
    };
    EXPECT_EQ(error(R"({"a": {"Action": "PUT"}})"),
              "One or more parameter values were invalid: Only DELETE action is allowed when no "
              "attribute value is specified");
    EXPECT_EQ(error(R"({"a": {"Action": "DELETE", "Value": {"S": "x"}}})"),
              "One or more parameter values were invalid: DELETE action with value is not "
              "supported for the type S");
    EXPECT_EQ(error(R"({"a": {"Action": "ADD", "Value": {"S": "x"}}})"),
              "One or more parameter values were invalid: ADD action is not supported for the "
              "type S");
    auto mismatch =
        parse_attribute_updates(json(R"({"s": {"Action": "ADD", "Value": {"N": "1"}}})"));
    EXPECT_EQ(validation_message([&] { apply_attribute_updates(mismatch, kItem); }),
              "Type mismatch for attribute to update");
    EXPECT_EQ(validation_message([&] { check_key_not_updated(mismatch, {"s"}); }),
              "One or more parameter values were invalid: Cannot update attribute s. This "
              "attribute is part of the key");
}

TEST(LegacyTest, AttributesToGet) {
    ProjectionExpression p = projection_from_attributes_to_get(json(R"(["n", "nope"])"));
    EXPECT_EQ(project(p, kItem), (Item{{"n", N("5")}}));
    EXPECT_EQ(validation_message([] { projection_from_attributes_to_get(json(R"(["a", "a"])")); }),
              "One or more parameter values were invalid: Duplicate value in attribute name: a");
}

}  // namespace
}  // namespace floci::dynamodb::expr
