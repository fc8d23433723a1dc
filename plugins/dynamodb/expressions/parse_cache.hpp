#pragma once
// Parsed expressions, remembered by their text. Applications send the same few expression
// strings over and over (an ORM's update, a repository's query); lexing and parsing them is a
// third of an UpdateItem's CPU, while copying the parsed tree is a small fraction of that.
// The cache holds syntax only: #names and :values are resolved afterwards on the copy, per
// request. Texts that fail to parse are not cached (their error is thrown again each time).
// One cache per thread, so lookups take no lock.
#include <string_view>

#include "expressions/ast.hpp"
#include "expressions/parser.hpp"

namespace floci::dynamodb::expr {

Condition cached_parse_condition(std::string_view text, ExpressionKind kind);
UpdateExpression cached_parse_update(std::string_view text);
ProjectionExpression cached_parse_projection(std::string_view text);

}  // namespace floci::dynamodb::expr
