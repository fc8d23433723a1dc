#pragma once
// Set operations on SS/NS/BS values, for ADD and DELETE. Internal to expressions/.
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

bool is_set_type(AttributeType type) noexcept;
// Members of a set value; 0 for other types.
std::size_t set_size(const AttributeValue& set) noexcept;
// `a` followed by the members of `b` it lacks. Both must be sets of the same type.
AttributeValue set_union(const AttributeValue& a, const AttributeValue& b);
// The members of `a` not in `b`. Both must be sets of the same type.
AttributeValue set_difference(const AttributeValue& a, const AttributeValue& b);

}  // namespace floci::dynamodb::expr
