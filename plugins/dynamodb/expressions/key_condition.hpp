#pragma once
// A Query's key condition: equality on the partition key and at most one condition on the sort
// key, joined by AND. Built from a parsed and resolved KeyConditionExpression (or from legacy
// KeyConditions, see legacy.hpp) and checked against the table's or index's key schema.
#include <optional>
#include <string>
#include <vector>

#include "expressions/ast.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

enum class KeyOp : std::uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

struct KeyTerm {
    std::string attribute;
    KeyOp op = KeyOp::kEq;
    std::vector<AttributeValue> values;  // 1, or 2 for kBetween

    // Whether a key value satisfies the term (same type required).
    bool matches(const AttributeValue& value) const;
};

struct KeyAttribute {
    std::string name;
    AttributeType type = AttributeType::S;  // S, N or B
};

struct KeyCondition {
    KeyTerm partition;            // always kEq
    std::optional<KeyTerm> sort;  // on the sort key, when given

    bool matches(const Item& item) const;
};

// Throws ValidationException with AWS's texts, e.g. "Invalid operator used in
// KeyConditionExpression: OR", "Query condition missed key schema element: pk",
// "Query key condition not supported", "KeyConditionExpressions must only contain one
// condition per key".
KeyCondition to_key_condition(const Condition& condition, const KeyAttribute& partition,
                              const std::optional<KeyAttribute>& sort);

// Checks terms (from either form) against the key schema and orders them.
KeyCondition bind_key_terms(std::vector<KeyTerm> terms, const KeyAttribute& partition,
                            const std::optional<KeyAttribute>& sort);

// Query: "Filter Expression can only contain non-primary key attributes: Primary key
// attribute: <name>" when the filter reads a key attribute.
void check_filter_avoids_keys(const Condition& filter,
                              const std::vector<std::string>& key_attributes);

// Any expression: "Key attributes must be scalars; list random access '[]' and map lookup '.'
// are not allowed: Key: <name>" for a path that looks inside a key attribute.
void check_key_paths_scalar(const Condition& condition,
                            const std::vector<std::string>& key_attributes);
void check_key_paths_scalar(const UpdateExpression& update,
                            const std::vector<std::string>& key_attributes);

}  // namespace floci::dynamodb::expr
