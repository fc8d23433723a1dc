#pragma once
// Applying a resolved ProjectionExpression (or legacy AttributesToGet) to an item.
#include <vector>

#include "expressions/ast.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

// The parts of `item` the paths name. Nested structure is kept: "a.b" gives {a: {b: ...}};
// list indexes keep their order but not their positions ("l[3], l[1]" gives l = [l[1], l[3]]).
// Paths that name nothing are left out, as are maps and lists left empty by that.
Item project(const std::vector<Path>& paths, const Item& item);
inline Item project(const ProjectionExpression& projection, const Item& item) {
    return project(projection.paths, item);
}

}  // namespace floci::dynamodb::expr
