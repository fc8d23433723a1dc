#pragma once
// DynamoDB's reserved words ("Reserved words in DynamoDB", developer guide): an attribute name
// spelled as one of these must go through ExpressionAttributeNames.
#include <string_view>

namespace floci::dynamodb::expr {

// Case-insensitive membership in AWS's published list (573 words).
bool is_reserved_word(std::string_view word) noexcept;

// Whether a bare name in an expression is rejected as a reserved keyword. The published list
// holds SIZE and CONVERT, but DynamoDB accepts both as attribute names (size is a function
// name, which its grammar already handles), so these two are let through.
bool is_rejected_reserved_name(std::string_view word) noexcept;

}  // namespace floci::dynamodb::expr
