#include "expressions/functions.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace floci::dynamodb::expr {
namespace {

constexpr FunctionInfo kFunctions[] = {
    {"attribute_exists", 1, FunctionPlace::kCondition},
    {"attribute_not_exists", 1, FunctionPlace::kCondition},
    {"attribute_type", 2, FunctionPlace::kCondition},
    {"begins_with", 2, FunctionPlace::kCondition},
    {"contains", 2, FunctionPlace::kCondition},
    {"size", 1, FunctionPlace::kOperand},
    {"if_not_exists", 2, FunctionPlace::kUpdate},
    {"list_append", 2, FunctionPlace::kUpdate},
};

constexpr std::string_view kTypeNames[] = {"S", "N", "B",  "BOOL", "NULL",
                                           "M", "L", "SS", "NS",   "BS"};

std::size_t utf16_length(const std::string& utf8) {
    std::size_t units = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) == 0x80) continue;  // continuation byte
        units += c >= 0xF0 ? 2 : 1;        // 4-byte sequences are surrogate pairs in UTF-16
    }
    return units;
}

template <class T>
bool has_member(const std::vector<T>& members, const T& x) {
    return std::find(members.begin(), members.end(), x) != members.end();
}

}  // namespace

const FunctionInfo* find_function(std::string_view name) noexcept {
    for (const auto& f : kFunctions)
        if (f.name == name) return &f;
    return nullptr;
}

bool is_attribute_type_name(std::string_view name) noexcept {
    return std::find(std::begin(kTypeNames), std::end(kTypeNames), name) != std::end(kTypeNames);
}

bool size_of(const AttributeValue& value, Number& size) {
    std::size_t n = 0;
    switch (value.type()) {
        case AttributeType::S:
            n = utf16_length(*value.get_if<std::string>());
            break;
        case AttributeType::B:
            n = value.get_if<Binary>()->bytes.size();
            break;
        case AttributeType::SS:
            n = value.get_if<StringSet>()->members.size();
            break;
        case AttributeType::NS:
            n = value.get_if<NumberSet>()->members.size();
            break;
        case AttributeType::BS:
            n = value.get_if<BinarySet>()->members.size();
            break;
        case AttributeType::M:
            n = value.get_if<AttributeMap>()->size();
            break;
        case AttributeType::L:
            n = value.get_if<AttributeList>()->size();
            break;
        default:
            return false;
    }
    size = Number::from_integer(static_cast<std::int64_t>(n));
    return true;
}

bool begins_with(const AttributeValue& a, const AttributeValue& b) {
    const std::string* x = nullptr;
    const std::string* y = nullptr;
    if (a.type() == AttributeType::S && b.type() == AttributeType::S) {
        x = a.get_if<std::string>();
        y = b.get_if<std::string>();
    } else if (a.type() == AttributeType::B && b.type() == AttributeType::B) {
        x = &a.get_if<Binary>()->bytes;
        y = &b.get_if<Binary>()->bytes;
    } else {
        return false;
    }
    return x->compare(0, y->size(), *y) == 0 && x->size() >= y->size();
}

bool contains(const AttributeValue& a, const AttributeValue& b) {
    switch (a.type()) {
        case AttributeType::S:
            return b.type() == AttributeType::S &&
                   a.get_if<std::string>()->find(*b.get_if<std::string>()) != std::string::npos;
        case AttributeType::B:
            return b.type() == AttributeType::B &&
                   a.get_if<Binary>()->bytes.find(b.get_if<Binary>()->bytes) != std::string::npos;
        case AttributeType::SS:
            return b.type() == AttributeType::S &&
                   has_member(a.get_if<StringSet>()->members, *b.get_if<std::string>());
        case AttributeType::NS:
            return b.type() == AttributeType::N &&
                   has_member(a.get_if<NumberSet>()->members, *b.get_if<Number>());
        case AttributeType::BS:
            return b.type() == AttributeType::B &&
                   has_member(a.get_if<BinarySet>()->members, b.get_if<Binary>()->bytes);
        case AttributeType::L:
            for (const auto& element : *a.get_if<AttributeList>())
                if (element == b) return true;
            return false;
        default:
            return false;
    }
}

std::optional<std::strong_ordering> order(const AttributeValue& a, const AttributeValue& b) {
    if (a.type() != b.type()) return std::nullopt;
    switch (a.type()) {
        case AttributeType::S:
            // std::string compares through char_traits<char>, which orders as unsigned char.
            return a.get_if<std::string>()->compare(*b.get_if<std::string>()) <=> 0;
        case AttributeType::B:
            return a.get_if<Binary>()->bytes.compare(b.get_if<Binary>()->bytes) <=> 0;
        case AttributeType::N:
            return *a.get_if<Number>() <=> *b.get_if<Number>();
        default:
            return std::nullopt;
    }
}

}  // namespace floci::dynamodb::expr
