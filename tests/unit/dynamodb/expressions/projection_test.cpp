#include "expressions/projection.hpp"

#include <gtest/gtest.h>

#include "expressions/parser.hpp"
#include "expressions/resolve.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

Item run(std::string_view text, const Item& item, NameMap names = {}) {
    ProjectionExpression p = parse_projection(text);
    Resolver r(names, kNoValues);
    r.resolve(p);
    return project(p, item);
}

const Item kItem = {
    {"a", S("x")},
    {"b", M({{"c", N("1")}, {"d", N("2")}})},
    {"l", L({S("p"), M({{"q", S("r")}, {"z", S("y")}}), S("s")})},
};

TEST(ProjectionTest, TopLevelAttributes) {
    Item out = run("a, nope", kItem);
    EXPECT_EQ(out, (Item{{"a", S("x")}}));
}

TEST(ProjectionTest, NestedPathsKeepStructure) {
    Item out = run("b.c, l[1].q", kItem);
    EXPECT_EQ(out.at("b"), M({{"c", N("1")}}));
    EXPECT_EQ(out.at("l"), L({M({{"q", S("r")}})}));
}

TEST(ProjectionTest, ListIndexesKeepOrderNotPosition) {
    Item out = run("l[2], l[0], l[7]", kItem);
    EXPECT_EQ(out.at("l"), L({S("p"), S("s")}));
}

TEST(ProjectionTest, PathsNamingNothingAreLeftOut) {
    Item out = run("b.nope, a.x, l[9]", kItem);
    EXPECT_TRUE(out.empty());
}

TEST(ProjectionTest, NamePlaceholders) {
    Item out = run("#b.#c", kItem, {{"#b", "b"}, {"#c", "c"}});
    EXPECT_EQ(out.at("b"), M({{"c", N("1")}}));
}

}  // namespace
}  // namespace floci::dynamodb::expr
