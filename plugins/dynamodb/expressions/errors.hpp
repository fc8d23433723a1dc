#pragma once
// One place that words expression errors the way AWS does: "Invalid <Kind>Expression: ...".
#include <string>
#include <string_view>

#include "expressions/ast.hpp"

namespace floci::dynamodb::expr {

// Throws sdk::AwsError ValidationException "Invalid <kind name>: <message>".
[[noreturn]] void throw_invalid(ExpressionKind kind, std::string_view message);

// Throws sdk::AwsError ValidationException with the message as is.
[[noreturn]] void throw_validation(std::string message);

}  // namespace floci::dynamodb::expr
