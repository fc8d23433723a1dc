#pragma once
// Checks across the paths of one update or projection. Internal to expressions/.
#include <vector>

#include "expressions/ast.hpp"

namespace floci::dynamodb::expr {

// Two paths may not be the same or one inside the other ("Two document paths overlap"), nor
// use one attribute both as a map and as a list ("Two document paths conflict"). Paths must
// be resolved. Throws "Invalid <kind>: ..." naming the earlier path first.
void check_overlaps(const std::vector<const Path*>& paths, ExpressionKind kind);

}  // namespace floci::dynamodb::expr
