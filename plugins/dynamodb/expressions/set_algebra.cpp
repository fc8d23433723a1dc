#include "expressions/set_algebra.hpp"

#include <algorithm>

namespace floci::dynamodb::expr {
namespace {

template <class Set>
Set unite(const Set& a, const Set& b) {
    Set out = a;
    for (const auto& m : b.members)
        if (std::find(a.members.begin(), a.members.end(), m) == a.members.end())
            out.members.push_back(m);
    return out;
}

template <class Set>
Set subtract(const Set& a, const Set& b) {
    Set out;
    for (const auto& m : a.members)
        if (std::find(b.members.begin(), b.members.end(), m) == b.members.end())
            out.members.push_back(m);
    return out;
}

}  // namespace

bool is_set_type(AttributeType type) noexcept {
    return type == AttributeType::SS || type == AttributeType::NS || type == AttributeType::BS;
}

std::size_t set_size(const AttributeValue& set) noexcept {
    if (const auto* s = set.get_if<StringSet>()) return s->members.size();
    if (const auto* s = set.get_if<NumberSet>()) return s->members.size();
    if (const auto* s = set.get_if<BinarySet>()) return s->members.size();
    return 0;
}

AttributeValue set_union(const AttributeValue& a, const AttributeValue& b) {
    if (const auto* s = a.get_if<StringSet>()) return unite(*s, *b.get_if<StringSet>());
    if (const auto* s = a.get_if<NumberSet>()) return unite(*s, *b.get_if<NumberSet>());
    return unite(*a.get_if<BinarySet>(), *b.get_if<BinarySet>());
}

AttributeValue set_difference(const AttributeValue& a, const AttributeValue& b) {
    if (const auto* s = a.get_if<StringSet>()) return subtract(*s, *b.get_if<StringSet>());
    if (const auto* s = a.get_if<NumberSet>()) return subtract(*s, *b.get_if<NumberSet>());
    return subtract(*a.get_if<BinarySet>(), *b.get_if<BinarySet>());
}

}  // namespace floci::dynamodb::expr
