#pragma once
// Applying a resolved UpdateExpression (or a translated legacy AttributeUpdates) to an item.
// Pure, in the rmw_operation manner: the same inputs always give the same new item, so a
// caller can retry it.
#include <string>
#include <vector>

#include "expressions/ast.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

// The new item. `item` is the current item, or only the key attributes when the item does not
// exist yet. Every value is worked out from `item` as it was, before any action; REMOVE of list
// elements uses the positions from before the update; SET past the end of a list appends (in
// index order). Throws ValidationException with AWS's texts:
//   "The document path provided in the update expression is invalid for update"
//   "An operand in the update expression has an incorrect data type"
//   "The provided expression refers to an attribute that does not exist in the item"
// AWS reports a wrong type anywhere first, then, clause by clause from the last, an invalid
// path and then a missing attribute; so does this.
Item apply_update(const UpdateExpression& update, const Item& item);

// The top-level attributes the update writes, in order, without duplicates.
std::vector<std::string> updated_attributes(const UpdateExpression& update);

// Throws "One or more parameter values were invalid: Cannot update attribute <name>. This
// attribute is part of the key" when an action writes to a key attribute (or inside one).
void check_key_not_updated(const UpdateExpression& update,
                           const std::vector<std::string>& key_attributes);

// For ReturnValues UPDATED_OLD / UPDATED_NEW: the parts of `item` the update's paths name,
// keeping the nested structure (as a projection of those paths would).
Item updated_values(const UpdateExpression& update, const Item& item);

}  // namespace floci::dynamodb::expr
