#pragma once
// The built-in functions: their names, how many operands each takes, and where each may be
// used. Evaluation lives in evaluate.cpp (conditions) and update.cpp (SET values).
#include <compare>
#include <optional>
#include <string_view>

#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

enum class FunctionPlace : unsigned char {
    kCondition,  // attribute_exists, attribute_not_exists, attribute_type, begins_with, contains
    kOperand,    // size: a value inside a condition
    kUpdate,     // if_not_exists, list_append: a value in SET
};

struct FunctionInfo {
    std::string_view name;
    std::size_t arity;
    FunctionPlace place;
};

// nullptr for an unknown name. Names are case-sensitive, as in AWS.
const FunctionInfo* find_function(std::string_view name) noexcept;

// attribute_type's second operand must name one of these types.
bool is_attribute_type_name(std::string_view name) noexcept;
// How AWS lists the valid types in "Invalid attribute type name found" messages.
inline constexpr std::string_view kAttributeTypeNames = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";

// size(): string length in UTF-16 code units (DynamoDB is Java: String.length()), bytes of a
// binary, members of a set, entries of a map or list. Returns false for types without a size.
bool size_of(const AttributeValue& value, Number& size);

// begins_with(a, b): both strings or both binaries, a starting with b.
bool begins_with(const AttributeValue& a, const AttributeValue& b);
// contains(a, b): substring of a string or binary, member of a set, element of a list.
bool contains(const AttributeValue& a, const AttributeValue& b);

// Order of two values of the same scalar type (S and B by unsigned bytes, which for UTF-8
// strings is code point order; N by value). Empty for other types or mixed types, which no
// ordering comparison satisfies.
std::optional<std::strong_ordering> order(const AttributeValue& a, const AttributeValue& b);

}  // namespace floci::dynamodb::expr
