#pragma once
// A parsed DynamoDB AttributeValue. Items are stored serialized (see docs/); they become
// AttributeValues only when an expression, a projection or an update needs to look inside.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "model/number.hpp"

namespace floci::dynamodb {

class AttributeValue;

// Attribute names to values. Ordered, so serialization is deterministic.
using AttributeMap = std::map<std::string, AttributeValue, std::less<>>;
using AttributeList = std::vector<AttributeValue>;
using Item = AttributeMap;

struct Binary {  // raw bytes (decoded from base64 on the wire)
    std::string bytes;
    bool operator==(const Binary&) const = default;
};
struct Null {
    bool operator==(const Null&) const = default;
};
// Sets keep the order they arrived in; members are unique (duplicates are rejected on input).
struct StringSet {
    std::vector<std::string> members;
};
struct NumberSet {
    std::vector<Number> members;
};
struct BinarySet {
    std::vector<std::string> members;  // raw bytes
};

enum class AttributeType : std::uint8_t { S, N, B, BOOL, NUL, M, L, SS, NS, BS };

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS": the wire names.
std::string_view type_name(AttributeType type) noexcept;
// The inverse of type_name(); false for anything else (names are case-sensitive).
bool parse_type_name(std::string_view name, AttributeType& type) noexcept;

class AttributeValue {
  public:
    // Alternatives in AttributeType order, so index() == static_cast<size_t>(type()).
    using Variant = std::variant<std::string, Number, Binary, bool, Null, AttributeMap,
                                 AttributeList, StringSet, NumberSet, BinarySet>;

    AttributeValue() : v_(Null{}) {}
    // Not for AttributeValue itself, so that copying a non-const value uses the copy ctor.
    template <class T>
    requires(!std::is_same_v<std::remove_cvref_t<T>, AttributeValue>) AttributeValue(T&& value)
        : v_(std::forward<T>(value)) {}  // NOLINT: value-like

    AttributeType type() const noexcept { return static_cast<AttributeType>(v_.index()); }
    const Variant& variant() const noexcept { return v_; }
    Variant& variant() noexcept { return v_; }

    template <class T>
    const T* get_if() const noexcept {
        return std::get_if<T>(&v_);
    }
    template <class T>
    T* get_if() noexcept {
        return std::get_if<T>(&v_);
    }

    // Deep equality with DynamoDB's rules: numbers compare by value; sets compare as sets
    // (same members in any order).
    friend bool operator==(const AttributeValue& a, const AttributeValue& b);

  private:
    Variant v_;
};

}  // namespace floci::dynamodb
