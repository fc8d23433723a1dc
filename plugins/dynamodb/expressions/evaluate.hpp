#pragma once
// Evaluate: runs a resolved condition (ConditionExpression, FilterExpression,
// KeyConditionExpression, or a translated legacy Expected/QueryFilter) against an item.
#include "expressions/ast.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

// Whether `item` satisfies `condition`. For a write to an item that does not exist yet, pass
// an empty Item. Never throws for data: a comparison whose operands are missing or of
// different types is simply false (AWS: "Comparison operator reference").
bool evaluate(const Condition& condition, const Item& item);

// The value a resolved path names in `item`, or nullptr when any step is missing or of the
// wrong type (an index into a non-list, a name into a non-map).
const AttributeValue* find_path(const Item& item, const Path& path);
AttributeValue* find_path(Item& item, const Path& path);

}  // namespace floci::dynamodb::expr
