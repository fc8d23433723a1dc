#pragma once
// Checks on ExpressionAttributeNames / ExpressionAttributeValues themselves. Internal to
// expressions/; the public entry points are declared in resolve.hpp.
#include <set>
#include <string>

#include "expressions/resolve.hpp"

namespace floci::dynamodb::expr {

// "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}", keys in
// the order Java's HashSet gives them (AWS builds its message from one).
void check_unused_names(const NameMap& names, const std::set<std::string, std::less<>>& used);
void check_unused_values(const ValueMap& values, const std::set<std::string, std::less<>>& used);

}  // namespace floci::dynamodb::expr
