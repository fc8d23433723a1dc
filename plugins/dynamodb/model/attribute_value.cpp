// Type names and DynamoDB equality for AttributeValue.
#include "model/attribute_value.hpp"

#include <algorithm>
#include <array>

namespace floci::dynamodb {
namespace {

// Sets are unique on input, so "same size and every member of a is in b" is set equality.
// Small sets (the common case) compare pairwise; big ones by sorted copies.
template <class T>
bool same_members(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    constexpr size_t kPairwiseLimit = 16;
    if (a.size() <= kPairwiseLimit) {
        return std::all_of(a.begin(), a.end(),
                           [&](const T& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
    }
    std::vector<T> sa = a, sb = b;
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
    return sa == sb;
}

struct EqualVisitor {
    const AttributeValue::Variant& other;

    template <class T>
    bool operator()(const T& a) const {
        return a == std::get<T>(other);
    }
    bool operator()(const StringSet& a) const {
        return same_members(a.members, std::get<StringSet>(other).members);
    }
    bool operator()(const NumberSet& a) const {
        return same_members(a.members, std::get<NumberSet>(other).members);
    }
    bool operator()(const BinarySet& a) const {
        return same_members(a.members, std::get<BinarySet>(other).members);
    }
};

}  // namespace

std::string_view type_name(AttributeType type) noexcept {
    static constexpr std::array<std::string_view, 10> kNames = {"S", "N", "B",  "BOOL", "NULL",
                                                                "M", "L", "SS", "NS",   "BS"};
    const auto index = static_cast<size_t>(type);
    return index < kNames.size() ? kNames[index] : std::string_view("?");
}

bool parse_type_name(std::string_view name, AttributeType& type) noexcept {
    for (int i = 0; i <= static_cast<int>(AttributeType::BS); ++i) {
        if (type_name(static_cast<AttributeType>(i)) == name) {
            type = static_cast<AttributeType>(i);
            return true;
        }
    }
    return false;
}

bool operator==(const AttributeValue& a, const AttributeValue& b) {
    if (a.type() != b.type()) return false;
    return std::visit(EqualVisitor{b.variant()}, a.variant());
}

}  // namespace floci::dynamodb
