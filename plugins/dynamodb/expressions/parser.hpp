#pragma once
// Text to AST. Each function checks, in the order AWS does: an empty expression, the size
// limit, the syntax (reporting the token where reading stopped and the text around it),
// redundant parentheses, then the checks that need no placeholders: reserved words, list
// index range, function names, where each function may be used, operand counts and repeated
// update sections. #name and :value placeholders are left for resolve.hpp.
// Every error is an sdk::AwsError ValidationException "Invalid <Kind>Expression: ...".
#include <cstddef>
#include <string_view>

#include "expressions/ast.hpp"

namespace floci::dynamodb::expr {

// AWS's limit on one expression, in UTF-8 bytes ("Expression parameters" in the developer
// guide's service quotas).
inline constexpr std::size_t kMaxExpressionBytes = 4096;

// For ConditionExpression, FilterExpression and KeyConditionExpression.
Condition parse_condition(std::string_view text, ExpressionKind kind);
UpdateExpression parse_update(std::string_view text);
ProjectionExpression parse_projection(std::string_view text);

}  // namespace floci::dynamodb::expr
