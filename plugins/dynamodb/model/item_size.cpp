// Item and value sizes. See item_size.hpp for the rules and their sources.
#include "model/item_size.hpp"

namespace floci::dynamodb {
namespace {

// floor(k / 2), also for negative k: the base-100 digit holding decimal position k.
int pair_index(int k) noexcept { return k >= 0 ? k / 2 : -((1 - k) / 2); }

constexpr std::size_t kContainerOverhead = 3;
constexpr std::size_t kElementOverhead = 1;

struct SizeVisitor {
    std::size_t operator()(const std::string& s) const noexcept { return s.size(); }
    std::size_t operator()(const Number& n) const noexcept { return number_size(n); }
    std::size_t operator()(const Binary& b) const noexcept { return b.bytes.size(); }
    std::size_t operator()(bool) const noexcept { return 1; }
    std::size_t operator()(const Null&) const noexcept { return 1; }
    std::size_t operator()(const AttributeMap& m) const noexcept {
        std::size_t size = kContainerOverhead;
        for (const auto& [name, value] : m) {
            size += kElementOverhead + name.size() + attribute_value_size(value);
        }
        return size;
    }
    std::size_t operator()(const AttributeList& l) const noexcept {
        std::size_t size = kContainerOverhead;
        for (const AttributeValue& v : l) size += kElementOverhead + attribute_value_size(v);
        return size;
    }
    std::size_t operator()(const StringSet& s) const noexcept {
        std::size_t size = 0;
        for (const std::string& m : s.members) size += m.size();
        return size;
    }
    std::size_t operator()(const NumberSet& s) const noexcept {
        std::size_t size = 0;
        for (const Number& m : s.members) size += number_size(m);
        return size;
    }
    std::size_t operator()(const BinarySet& s) const noexcept {
        std::size_t size = 0;
        for (const std::string& m : s.members) size += m.size();
        return size;
    }
};

}  // namespace

std::size_t number_size(const Number& number) noexcept {
    if (number.is_zero()) return 1;
    // Significant digits run from 10^leading_exponent down to 10^exponent (normalized, so
    // the last one is non-zero); count the base-100 digits they touch.
    const int pairs = pair_index(number.leading_exponent()) - pair_index(number.exponent()) + 1;
    return 1 + std::size_t(pairs) + (number.is_negative() ? 1 : 0);
}

std::size_t attribute_value_size(const AttributeValue& value) noexcept {
    return std::visit(SizeVisitor{}, value.variant());
}

std::size_t item_size(const Item& item) noexcept {
    std::size_t size = 0;
    for (const auto& [name, value] : item) size += name.size() + attribute_value_size(value);
    return size;
}

std::size_t key_value_size(const AttributeValue& value) noexcept {
    return attribute_value_size(value);
}

}  // namespace floci::dynamodb
