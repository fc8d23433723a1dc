#include "expressions/request_expressions.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "expressions/evaluate.hpp"
#include "expressions/update.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

boost::json::object request(std::string_view text) { return boost::json::parse(text).as_object(); }

std::string error(std::string_view text, std::span<const ExpressionKind> order,
                  bool with_values = true) {
    return validation_message([&] { read_expressions(request(text), order, with_values); });
}

TEST(RequestExpressionsTest, ReadsUpdateAndConditionTogether) {
    const std::string text =
        "{\"UpdateExpression\": \"SET #c = #c + :one\","
        " \"ConditionExpression\": \"attribute_exists(#c)\","
        " \"ExpressionAttributeNames\": {\"#c\": \"count\"},"
        " \"ExpressionAttributeValues\": {\":one\": {\"N\": \"1\"}}}";
    auto r = read_expressions(request(text), kUpdateItemOrder);
    ASSERT_TRUE(r.update && r.condition);
    Item item{{"count", N("41")}};
    EXPECT_TRUE(evaluate(*r.condition, item));
    EXPECT_EQ(apply_update(*r.update, item).at("count"), N("42"));
}

TEST(RequestExpressionsTest, UnusedValueAcrossExpressionsIsValidation) {
    EXPECT_EQ(error(R"({"ConditionExpression": "a = :a",
                        "ExpressionAttributeValues": {":a": {"S": "x"}, ":b": {"S": "y"}}})",
                    kPutItemOrder),
              "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}");
}

TEST(RequestExpressionsTest, UnusedNameIsReportedBeforeUnusedValue) {
    EXPECT_EQ(error(R"({"ConditionExpression": "a = :a", "ExpressionAttributeNames": {"#n": "n"},
                        "ExpressionAttributeValues": {":a": {"S": "x"}, ":b": {"S": "y"}}})",
                    kPutItemOrder),
              "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
}

TEST(RequestExpressionsTest, ExpressionsAreCheckedInOperationOrder) {
    // UpdateItem checks the update before the condition.
    EXPECT_EQ(error(R"({"ConditionExpression": "(", "UpdateExpression": "SET"})", kUpdateItemOrder),
              "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
}

TEST(RequestExpressionsTest, InvalidValueNamesItsKey) {
    EXPECT_EQ(error(R"({"ConditionExpression": "a = :a",
                        "ExpressionAttributeValues": {":a": {"SS": []}}})",
                    kPutItemOrder)
                  .rfind("ExpressionAttributeValues contains invalid value: ", 0),
              0u);
}

TEST(RequestExpressionsTest, GetItemIgnoresValues) {
    EXPECT_EQ(error(R"({"ProjectionExpression": "a",
                        "ExpressionAttributeValues": {":a": {"S": "x"}}})",
                    kGetItemOrder, false),
              "<no error>");
}

TEST(RequestExpressionsTest, EmptyMapsAreValidation) {
    EXPECT_EQ(
        error(R"({"ProjectionExpression": "a", "ExpressionAttributeNames": {}})", kGetItemOrder),
        "ExpressionAttributeNames must not be empty");
}

TEST(RequestExpressionsTest, ParameterCombinations) {
    constexpr std::string_view kExpr[] = {"UpdateExpression", "ConditionExpression"};
    constexpr std::string_view kLegacy[] = {"AttributeUpdates", "Expected"};
    auto check = [&](std::string_view text) {
        return validation_message(
            [&] { check_expression_parameters(request(text), kExpr, kLegacy); });
    };
    EXPECT_EQ(check(R"({"ConditionExpression": "a = :a", "Expected": {}})"),
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {Expected} Expression parameters: "
              "{ConditionExpression}");
    EXPECT_EQ(check(R"({"ExpressionAttributeNames": {"#a": "a"}})"),
              "ExpressionAttributeNames can only be specified when using expressions");
    EXPECT_EQ(check(R"({"ExpressionAttributeValues": {":a": {"S": "a"}}})"),
              "ExpressionAttributeValues can only be specified when using expressions: "
              "UpdateExpression and ConditionExpression are null");
    EXPECT_EQ(check(R"({"UpdateExpression": "SET a = :a"})"), "<no error>");
}

}  // namespace
}  // namespace floci::dynamodb::expr
