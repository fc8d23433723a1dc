#include "expressions/update.hpp"

#include <gtest/gtest.h>

#include "expressions/parser.hpp"
#include "expressions/resolve.hpp"
#include "test_values.hpp"

namespace floci::dynamodb::expr {
namespace {

using namespace testing;

UpdateExpression resolved(std::string_view text, const ValueMap& values, const NameMap& names) {
    UpdateExpression u = parse_update(text);
    Resolver r(names, values);
    r.resolve(u);
    return u;
}

Item run(std::string_view text, const Item& item, ValueMap values = {}, NameMap names = {}) {
    return apply_update(resolved(text, values, names), item);
}

std::string error(std::string_view text, const Item& item, ValueMap values = {}) {
    return validation_message([&] { run(text, item, values); });
}

const Item kItem = {
    {"id", S("k")},
    {"n", N("5")},
    {"s", S("x")},
    {"l", L({N("0"), N("1"), N("2"), N("3")})},
    {"m", M({{"a", N("1")}, {"l", L({S("p")})}})},
    {"ss", SS({"a", "b"})},
    {"ns", NS({"1", "2"})},
};

TEST(UpdateTest, SetReplacesAndAdds) {
    Item out = run("SET s = :v, fresh = :v", kItem, {{":v", S("y")}});
    EXPECT_EQ(out.at("s"), S("y"));
    EXPECT_EQ(out.at("fresh"), S("y"));
    EXPECT_EQ(kItem.at("s"), S("x"));  // the input is untouched
}

TEST(UpdateTest, SetArithmeticIsExact) {
    Item out = run("SET n = n + :d, o = n - :d", kItem, {{":d", N("0.1")}});
    EXPECT_EQ(out.at("n"), N("5.1"));
    EXPECT_EQ(out.at("o"), N("4.9"));  // computed from the item as it was
}

TEST(UpdateTest, SetArithmeticOnWrongTypeIsValidation) {
    EXPECT_EQ(error("SET n = s + :d", kItem, {{":d", N("1")}}),
              "An operand in the update expression has an incorrect data type");
}

TEST(UpdateTest, SetFromMissingAttributeIsValidation) {
    EXPECT_EQ(error("SET n = nope + :d", kItem, {{":d", N("1")}}),
              "The provided expression refers to an attribute that does not exist in the item");
    EXPECT_EQ(error("SET n = nope", kItem),
              "The provided expression refers to an attribute that does not exist in the item");
}

TEST(UpdateTest, IfNotExists) {
    ValueMap v{{":z", N("0")}, {":one", N("1")}};
    Item out =
        run("SET n = if_not_exists(n, :z) + :one, c = if_not_exists(c, :z) + :one", kItem, v);
    EXPECT_EQ(out.at("n"), N("6"));
    EXPECT_EQ(out.at("c"), N("1"));
}

TEST(UpdateTest, ListAppend) {
    Item out =
        run("SET l = list_append(:front, l), e = list_append(if_not_exists(e, :empty), :front)",
            kItem, {{":front", L({S("f")})}, {":empty", L({})}});
    EXPECT_EQ(out.at("l"), L({S("f"), N("0"), N("1"), N("2"), N("3")}));
    EXPECT_EQ(out.at("e"), L({S("f")}));
    EXPECT_EQ(error("SET l = list_append(s, :f)", kItem, {{":f", L({})}}),
              "An operand in the update expression has an incorrect data type");
}

TEST(UpdateTest, NestedMapPath) {
    Item out = run("SET m.b = :v, m.a = :v", kItem, {{":v", S("y")}});
    EXPECT_EQ(out.at("m"), M({{"a", S("y")}, {"b", S("y")}, {"l", L({S("p")})}}));
}

TEST(UpdateTest, MissingParentIsValidation) {
    EXPECT_EQ(error("SET nope.b = :v", kItem, {{":v", S("y")}}),
              "The document path provided in the update expression is invalid for update");
    EXPECT_EQ(error("SET s.b = :v", kItem, {{":v", S("y")}}),
              "The document path provided in the update expression is invalid for update");
    EXPECT_EQ(error("SET m[0] = :v", kItem, {{":v", S("y")}}),
              "The document path provided in the update expression is invalid for update");
    EXPECT_EQ(error("REMOVE nope.b", kItem),
              "The document path provided in the update expression is invalid for update");
}

TEST(UpdateTest, SetPastListEndAppends) {
    Item out = run("SET l[10] = :a, l[7] = :b, l[1] = :c", kItem,
                   {{":a", S("a")}, {":b", S("b")}, {":c", S("c")}});
    EXPECT_EQ(out.at("l"), L({N("0"), S("c"), N("2"), N("3"), S("b"), S("a")}));
}

TEST(UpdateTest, RemoveListElementsUsesOriginalPositions) {
    Item out = run("REMOVE l[1], l[2], l[9]", kItem);
    EXPECT_EQ(out.at("l"), L({N("0"), N("3")}));
}

TEST(UpdateTest, RemoveAttributesAndNestedEntries) {
    Item out = run("REMOVE s, m.a, m.l[0], nope", kItem);
    EXPECT_EQ(out.count("s"), 0u);
    EXPECT_EQ(out.at("m"), M({{"l", L({})}}));
}

TEST(UpdateTest, AddNumberTreatsMissingAsZero) {
    Item out = run("ADD n :d, c :d", kItem, {{":d", N("-2")}});
    EXPECT_EQ(out.at("n"), N("3"));
    EXPECT_EQ(out.at("c"), N("-2"));
}

TEST(UpdateTest, AddSetIsUnion) {
    Item out = run("ADD ss :s, fresh :s", kItem, {{":s", SS({"b", "c"})}});
    EXPECT_EQ(out.at("ss"), SS({"a", "b", "c"}));
    EXPECT_EQ(out.at("fresh"), SS({"b", "c"}));
}

TEST(UpdateTest, AddWrongTypeIsValidation) {
    EXPECT_EQ(error("ADD ss :s", kItem, {{":s", NS({"1"})}}),
              "An operand in the update expression has an incorrect data type");
    EXPECT_EQ(error("ADD s :n", kItem, {{":n", N("1")}}),
              "An operand in the update expression has an incorrect data type");
}

TEST(UpdateTest, DeleteFromSet) {
    Item out = run("DELETE ns :d, nope :d", kItem, {{":d", NS({"2", "9"})}});
    EXPECT_EQ(out.at("ns"), NS({"1"}));
    EXPECT_EQ(out.count("nope"), 0u);
}

TEST(UpdateTest, DeleteLastMembersRemovesAttribute) {
    Item out = run("DELETE ss :d", kItem, {{":d", SS({"a", "b"})}});
    EXPECT_EQ(out.count("ss"), 0u);
    EXPECT_EQ(error("DELETE ss :d", kItem, {{":d", NS({"1"})}}),
              "An operand in the update expression has an incorrect data type");
}

TEST(UpdateTest, TypeErrorsComeBeforePathErrors) {
    EXPECT_EQ(error("SET nope.x = :v, n = s + :v", kItem, {{":v", N("1")}}),
              "An operand in the update expression has an incorrect data type");
}

TEST(UpdateTest, UpdatedAttributesAndValues) {
    UpdateExpression u = resolved("SET m.a = :v, n = :v REMOVE s", {{":v", N("9")}}, {});
    EXPECT_EQ(updated_attributes(u), (std::vector<std::string>{"m", "n", "s"}));
    Item old_values = updated_values(u, kItem);
    EXPECT_EQ(old_values.at("m"), M({{"a", N("1")}}));
    EXPECT_EQ(old_values.at("s"), S("x"));
    Item new_values = updated_values(u, apply_update(u, kItem));
    EXPECT_EQ(new_values.count("s"), 0u);
    EXPECT_EQ(new_values.at("n"), N("9"));
}

TEST(UpdateTest, KeyAttributeUpdateIsValidation) {
    UpdateExpression u = resolved("SET id = :v", {{":v", S("z")}}, {});
    EXPECT_EQ(validation_message([&] { check_key_not_updated(u, {"id"}); }),
              "One or more parameter values were invalid: Cannot update attribute id. This "
              "attribute is part of the key");
    EXPECT_EQ(validation_message([&] { check_key_not_updated(u, {"other"}); }), "<no error>");
}

}  // namespace
}  // namespace floci::dynamodb::expr
