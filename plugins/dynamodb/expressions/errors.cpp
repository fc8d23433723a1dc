#include "expressions/errors.hpp"

#include <floci/sdk/aws_error.hpp>

namespace floci::dynamodb::expr {

void throw_invalid(ExpressionKind kind, std::string_view message) {
    std::string text = "Invalid ";
    text += kind_name(kind);
    text += ": ";
    text += message;
    throw sdk::AwsError::validation(std::move(text));
}

void throw_validation(std::string message) { throw sdk::AwsError::validation(std::move(message)); }

}  // namespace floci::dynamodb::expr
