#include "expressions/parser.hpp"

#include <gtest/gtest.h>

#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using testing::validation_message;

std::string condition_error(std::string_view text,
                            ExpressionKind kind = ExpressionKind::kCondition) {
    return validation_message([&] { parse_condition(text, kind); });
}
std::string update_error(std::string_view text) {
    return validation_message([&] { parse_update(text); });
}
std::string projection_error(std::string_view text) {
    return validation_message([&] { parse_projection(text); });
}

TEST(ParserTest, ParsesPrecedenceOrBelowAndBelowNot) {
    Condition c = parse_condition("a = :a OR NOT b = :b AND c < :c", ExpressionKind::kCondition);
    ASSERT_EQ(c.kind, Condition::Kind::kOr);
    EXPECT_EQ(c.children[0].kind, Condition::Kind::kCompare);
    ASSERT_EQ(c.children[1].kind, Condition::Kind::kAnd);
    EXPECT_EQ(c.children[1].children[0].kind, Condition::Kind::kNot);
    EXPECT_EQ(c.children[1].children[1].op, CompareOp::kLt);
}

TEST(ParserTest, KeywordsAreCaseInsensitive) {
    Condition c = parse_condition("a between :x and :y or b in (:a, :b)", ExpressionKind::kFilter);
    ASSERT_EQ(c.kind, Condition::Kind::kOr);
    EXPECT_EQ(c.children[0].kind, Condition::Kind::kBetween);
    EXPECT_EQ(c.children[1].kind, Condition::Kind::kIn);
    EXPECT_EQ(c.children[1].operands.size(), 3u);
}

TEST(ParserTest, ParsesNestedPathsAndIndexes) {
    Condition c = parse_condition("a.#b[3].c = :v", ExpressionKind::kCondition);
    const Path& p = c.operands[0].path;
    ASSERT_EQ(p.elements.size(), 4u);
    EXPECT_EQ(p.elements[1].kind, PathElement::Kind::kNameRef);
    EXPECT_EQ(p.elements[2].kind, PathElement::Kind::kIndex);
    EXPECT_EQ(p.elements[2].index, 3u);
    EXPECT_EQ(p.to_string(), "[a, #b, [3], c]");
}

TEST(ParserTest, ParenthesizedOperandAndCondition) {
    EXPECT_EQ(parse_condition("(a) = :v", ExpressionKind::kCondition).kind,
              Condition::Kind::kCompare);
    EXPECT_EQ(parse_condition("(a = :v) AND (b = :w)", ExpressionKind::kCondition).kind,
              Condition::Kind::kAnd);
    EXPECT_EQ(parse_condition("(attribute_exists(a))", ExpressionKind::kCondition).kind,
              Condition::Kind::kFunction);
    EXPECT_EQ(parse_condition("size(a) > :v", ExpressionKind::kCondition).operands[0].kind,
              Operand::Kind::kFunction);
}

TEST(ParserTest, EmptyExpressionIsValidation) {
    EXPECT_EQ(condition_error(""), "Invalid ConditionExpression: The expression can not be empty;");
    EXPECT_EQ(update_error(""), "Invalid UpdateExpression: The expression can not be empty;");
}

TEST(ParserTest, ExpressionOver4096BytesIsValidation) {
    std::string text = "a = :v AND " + std::string(4090, 'b') + " = :v";
    EXPECT_EQ(condition_error(text, ExpressionKind::kFilter),
              "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
              "expression size: " +
                  std::to_string(text.size()));
    EXPECT_EQ(condition_error("a = :v AND " + std::string(4096 - 17, 'b') + " = :v"), "<no error>");
}

TEST(ParserTest, SyntaxErrorQuotesTokenAndNeighbours) {
    EXPECT_EQ(condition_error("a = :v b"),
              "Invalid ConditionExpression: Syntax error; token: \"b\", near: \":v b\"");
    EXPECT_EQ(condition_error("foo"),
              "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"");
    EXPECT_EQ(condition_error("a == :v"),
              "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :v\"");
    EXPECT_EQ(update_error("SET a = :v +"),
              "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"+\"");
    EXPECT_EQ(update_error("SET path = VALUE 1"),
              "Invalid UpdateExpression: Syntax error; token: \"1\", near: \"VALUE 1\"");
    EXPECT_EQ(condition_error("a = :v AND"),
              "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
}

TEST(ParserTest, InvalidCharactersAreSyntaxErrors) {
    EXPECT_EQ(condition_error("a = !b"),
              "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"= !b\"");
    EXPECT_EQ(condition_error("a = :"),
              "Invalid ConditionExpression: Syntax error; token: \":\", near: \"= :\"");
}

TEST(ParserTest, NonAsciiCharacterIsOneInvalidToken) {
    EXPECT_EQ(
        condition_error("\xC3\xB1 = :v"),
        "Invalid ConditionExpression: Syntax error; token: \"\xC3\xB1\", near: \"\xC3\xB1 =\"");
}

TEST(ParserTest, LeadingZeroIndexIsSyntaxError) {
    EXPECT_EQ(projection_error("a[01]"),
              "Invalid ProjectionExpression: Syntax error; token: \"1\", near: \"01]\"");
}

TEST(ParserTest, KeywordAsNameIsSyntaxError) {
    EXPECT_EQ(condition_error("and = :v"),
              "Invalid ConditionExpression: Syntax error; token: \"and\", near: \"and =\"");
}

TEST(ParserTest, ArithmeticInConditionIsSyntaxError) {
    EXPECT_EQ(condition_error("a = b + :v"),
              "Invalid ConditionExpression: Syntax error; token: \"+\", near: \"b + :v\"");
}

TEST(ParserTest, ParenthesesPickTheReadingThatGotFurthest) {
    // "(a)" reads as an operand up to AND, further than as a condition (which stops at ")").
    EXPECT_EQ(condition_error("(a) AND b = :v"),
              "Invalid ConditionExpression: Syntax error; token: \"AND\", near: \") AND b\"");
}

TEST(ParserTest, RedundantParenthesesIsValidation) {
    const std::string message =
        "Invalid ConditionExpression: The expression has redundant parentheses;";
    EXPECT_EQ(condition_error("((a = :v))"), message);
    EXPECT_EQ(condition_error("((a)) = :v"), message);
    EXPECT_EQ(condition_error("(a = :v) AND ((b = :v))"), message);
    EXPECT_EQ(condition_error("((a = :v) AND (b = :v))"), "<no error>");
}

TEST(ParserTest, DeepParenthesesParseQuickly) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "(a = :v AND ";
    text += "a = :v";
    for (int i = 0; i < 300; ++i) text += ")";
    EXPECT_EQ(condition_error(text), "<no error>");
    std::string bad;
    for (int i = 0; i < 300; ++i) bad += "(f(";
    EXPECT_NE(condition_error(bad), "<no error>");
}

TEST(ParserTest, ReservedWordIsValidation) {
    EXPECT_EQ(condition_error("name = :v"),
              "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved "
              "keyword: name");
    EXPECT_EQ(projection_error("a, b.Status"),
              "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved "
              "keyword: Status");
    EXPECT_EQ(update_error("SET a = :v, b = Timestamp"),
              "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
              "Timestamp");
    EXPECT_EQ(condition_error("#name = :v"), "<no error>");
    EXPECT_EQ(condition_error("size = :v"), "<no error>");
}

TEST(ParserTest, ListIndexOutOfIntRangeIsValidation) {
    EXPECT_EQ(projection_error("a[2147483648]"),
              "Invalid ProjectionExpression: List index is not within the allowable range; "
              "index: [2147483648]");
    EXPECT_EQ(projection_error("a[2147483647]"), "<no error>");
}

TEST(ParserTest, UnknownFunctionIsValidation) {
    EXPECT_EQ(condition_error("foo(a)"),
              "Invalid ConditionExpression: Invalid function name; function: foo");
    EXPECT_EQ(update_error("SET a = bar(b)"),
              "Invalid UpdateExpression: Invalid function name; function: bar");
    EXPECT_EQ(condition_error("ATTRIBUTE_EXISTS(a)"),
              "Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS");
}

TEST(ParserTest, FunctionInWrongPlaceIsValidation) {
    EXPECT_EQ(condition_error("attribute_exists(a) = :v"),
              "Invalid ConditionExpression: The function is not allowed to be used this way in "
              "an expression; function: attribute_exists");
    EXPECT_EQ(condition_error("size(a)"),
              "Invalid ConditionExpression: The function is not allowed to be used this way in "
              "an expression; function: size");
    EXPECT_EQ(condition_error("a = if_not_exists(b, :v)"),
              "Invalid ConditionExpression: The function is not allowed in a condition "
              "expression; function: if_not_exists");
    EXPECT_EQ(update_error("SET a = size(b)"),
              "Invalid UpdateExpression: The function is not allowed in an update expression; "
              "function: size");
    EXPECT_EQ(condition_error("size(size(a)) = :v"), "<no error>");
}

TEST(ParserTest, WrongOperandCountIsValidation) {
    EXPECT_EQ(condition_error("attribute_exists(a, b)"),
              "Invalid ConditionExpression: Incorrect number of operands for operator or "
              "function; operator or function: attribute_exists, number of operands: 2");
    EXPECT_EQ(condition_error("begins_with(a)"),
              "Invalid ConditionExpression: Incorrect number of operands for operator or "
              "function; operator or function: begins_with, number of operands: 1");
}

TEST(ParserTest, UpdateClausesAndActions) {
    UpdateExpression u = parse_update(
        "SET a = :v, b = c + :one, d = list_append(d, :l) REMOVE e[1], f ADD g :n DELETE h :s");
    ASSERT_EQ(u.actions.size(), 7u);
    EXPECT_EQ(u.actions[1].value.kind, SetValue::Kind::kPlus);
    EXPECT_EQ(u.actions[2].value.left.name, "list_append");
    EXPECT_EQ(u.actions[3].kind, UpdateAction::Kind::kRemove);
    EXPECT_EQ(u.actions[4].clause, 1u);
    EXPECT_EQ(u.actions[5].kind, UpdateAction::Kind::kAdd);
    EXPECT_EQ(u.actions[6].kind, UpdateAction::Kind::kDelete);
    EXPECT_EQ(u.actions[6].value.left.name, ":s");
}

TEST(ParserTest, RepeatedUpdateSectionIsValidation) {
    EXPECT_EQ(update_error("SET a = :v SET b = :w"),
              "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
              "expression;");
    EXPECT_EQ(update_error("remove a ADD b :v REMOVE c"),
              "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an "
              "update expression;");
}

TEST(ParserTest, UpdateSyntaxErrors) {
    EXPECT_EQ(update_error("a = :v"),
              "Invalid UpdateExpression: Syntax error; token: \"a\", near: \"a =\"");
    EXPECT_EQ(update_error("SET a = b + c + d"),
              "Invalid UpdateExpression: Syntax error; token: \"+\", near: \"c + d\"");
    EXPECT_EQ(update_error("ADD a b"),
              "Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"");
    EXPECT_EQ(update_error("SET a = (b + :v)"),
              "Invalid UpdateExpression: Syntax error; token: \"+\", near: \"b + :v\"");
}

TEST(ParserTest, ProjectionListsPaths) {
    ProjectionExpression p = parse_projection("a, b.c, #d[2]");
    ASSERT_EQ(p.paths.size(), 3u);
    EXPECT_EQ(p.paths[1].to_string(), "[b, c]");
    EXPECT_EQ(projection_error("a,"),
              "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
}

}  // namespace
}  // namespace floci::dynamodb::expr
