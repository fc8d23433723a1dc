#include "expressions/path_checks.hpp"

#include <string>

#include "expressions/errors.hpp"

namespace floci::dynamodb::expr {
namespace {

enum class Clash { kNone, kOverlap, kConflict };

Clash clash(const Path& a, const Path& b) {
    const std::size_t n = std::min(a.elements.size(), b.elements.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto& x = a.elements[i];
        const auto& y = b.elements[i];
        if (x.is_index() != y.is_index()) return Clash::kConflict;
        if (x.name != y.name) return Clash::kNone;
    }
    return Clash::kOverlap;  // equal, or one is a prefix of the other
}

}  // namespace

void check_overlaps(const std::vector<const Path*>& paths, ExpressionKind kind) {
    for (std::size_t j = 1; j < paths.size(); ++j) {
        for (std::size_t i = 0; i < j; ++i) {
            const Clash c = clash(*paths[i], *paths[j]);
            if (c == Clash::kNone) continue;
            throw_invalid(kind, std::string("Two document paths ") +
                                    (c == Clash::kOverlap ? "overlap" : "conflict") +
                                    " with each other; must remove or rewrite one of these "
                                    "paths; path one: " +
                                    paths[i]->to_string() + ", path two: " + paths[j]->to_string());
        }
    }
}

}  // namespace floci::dynamodb::expr
