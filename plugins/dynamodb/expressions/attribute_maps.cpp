#include "expressions/attribute_maps.hpp"

#include <algorithm>
#include <cstdint>

#include "expressions/errors.hpp"

namespace floci::dynamodb::expr {
namespace {

// The order Java's HashSet lists strings in: AWS's messages list unused keys that way.
std::vector<std::string> java_set_order(std::vector<std::string> keys, std::size_t total) {
    std::size_t capacity = 1;
    const std::size_t wanted = std::max<std::size_t>(total * 4 / 3 + 1, 16);
    while (capacity < wanted) capacity *= 2;
    auto slot = [capacity](const std::string& k) {
        std::uint32_t h = 0;
        for (unsigned char c : k) h = 31 * h + c;
        return (h ^ (h >> 16)) & (capacity - 1);
    };
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const std::string& a, const std::string& b) { return slot(a) < slot(b); });
    return keys;
}

template <class Map, class Used>
void unused_keys(const Map& map, const Used& used, std::string_view parameter) {
    std::vector<std::string> unused;
    for (const auto& [key, value] : map)
        if (!used.count(key)) unused.push_back(key);
    if (unused.empty()) return;
    std::string message = "Value provided in ";
    message += parameter;
    message += " unused in expressions: keys: {";
    bool first = true;
    for (const auto& k : java_set_order(unused, map.size())) {
        if (!first) message += ", ";
        message += k;
        first = false;
    }
    throw_validation(message + "}");
}

bool valid_key(const std::string& key, char sigil) {
    if (key.size() < 2 || key[0] != sigil) return false;
    return std::all_of(key.begin() + 1, key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

// AWS refuses keys longer than 255 bytes in either map.
constexpr std::size_t kMaxKeyBytes = 255;

template <class Map>
void validate_keys(const Map& map, std::string_view parameter, char sigil) {
    const std::string prefix = std::string(parameter);
    if (map.empty()) throw_validation(prefix + " must not be empty");
    for (const auto& [key, value] : map) {
        if (key.size() > kMaxKeyBytes) {
            throw_validation(prefix +
                             " contains invalid key: The expression attribute map contains a key "
                             "that is too long; size of key: " +
                             std::to_string(key.size()));
        }
        if (!valid_key(key, sigil))
            throw_validation(prefix + " contains invalid key: Syntax error; key: \"" + key + "\"");
    }
}

}  // namespace

void check_unused_names(const NameMap& names, const std::set<std::string, std::less<>>& used) {
    unused_keys(names, used, "ExpressionAttributeNames");
}

void check_unused_values(const ValueMap& values, const std::set<std::string, std::less<>>& used) {
    unused_keys(values, used, "ExpressionAttributeValues");
}

void validate_attribute_names(const NameMap& names) {
    validate_keys(names, "ExpressionAttributeNames", '#');
    for (const auto& [key, value] : names) {
        if (value.empty()) {
            throw_validation(
                "ExpressionAttributeNames contains invalid value: Empty attribute name for key " +
                key);
        }
    }
}

void validate_attribute_values(const ValueMap& values) {
    validate_keys(values, "ExpressionAttributeValues", ':');
}

}  // namespace floci::dynamodb::expr
