#include "api/request_fields.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <floci/sdk/aws_error.hpp>

namespace floci::dynamodb::api {
namespace {

namespace json = boost::json;
using sdk::AwsError;

// Texts from dynalite validations/index.js checkType, which copies AWS's Jackson messages
// (including "an String" and "an Boolean").
[[noreturn]] void type_error(std::string message) {
    throw AwsError::serialization(std::move(message));
}

std::string_view number_class(const json::value& value) {
    if (value.is_double()) {
        double d = value.get_double();
        if (d != std::floor(d)) return "java.lang.Double";
        if (d >= -32768 && d <= 32767) return "java.lang.Short";
        if (d >= -2147483648.0 && d <= 2147483647.0) return "java.lang.Integer";
        return "java.lang.Long";
    }
    if (value.is_uint64() && value.get_uint64() > INT64_MAX) return "java.lang.Long";
    auto n = value.to_number<std::int64_t>();
    if (n >= -32768 && n <= 32767) return "java.lang.Short";
    if (n >= INT32_MIN && n <= INT32_MAX) return "java.lang.Integer";
    return "java.lang.Long";
}

[[noreturn]] void structure_or_list_error(const json::value& value) {
    if (value.is_array()) type_error("Start of list found where not expected");
    type_error("Start of structure or map found where not expected.");
}

std::int64_t to_integer(const json::value& value, std::string_view type) {
    if (value.is_bool())
        type_error("class java.lang.Boolean can not be converted to an " + std::string(type));
    if (value.is_string())
        type_error("class java.lang.String can not be converted to an " + std::string(type));
    if (value.is_object() || value.is_array()) structure_or_list_error(value);
    if (value.is_double()) {
        double d = std::floor(value.get_double());
        if (d >= 9.2e18) return INT64_MAX;
        if (d <= -9.2e18) return INT64_MIN;
        return static_cast<std::int64_t>(d);
    }
    if (value.is_uint64())
        return static_cast<std::int64_t>(
            std::min<std::uint64_t>(value.get_uint64(), static_cast<std::uint64_t>(INT64_MAX)));
    return value.get_int64();
}

}  // namespace

Fields Fields::of(const json::value* body) {
    static const json::object kEmpty;
    if (!body || body->is_null()) return Fields(kEmpty);
    if (!body->is_object()) {
        if (body->is_array()) type_error("Start of list found where not expected");
        type_error("Expected null");
    }
    return Fields(body->get_object());
}

const json::value* Fields::raw(std::string_view name) const {
    // Requests have a handful of members and an action asks for a dozen names, mostly absent:
    // comparing lengths first beats Boost's lookup, which hashes the name every time.
    constexpr std::size_t kLinearScanMembers = 16;
    const json::value* value = nullptr;
    if (object_.size() <= kLinearScanMembers) {
        for (const auto& member : object_) {
            const auto key = member.key();
            if (key.size() == name.size() && std::string_view(key.data(), key.size()) == name) {
                value = &member.value();
                break;
            }
        }
    } else {
        value = object_.if_contains(name);
    }
    return value && !value->is_null() ? value : nullptr;
}

std::optional<std::string_view> as_string(const json::value& value) {
    if (value.is_null()) return std::nullopt;
    if (value.is_string()) return std::string_view(value.get_string());
    if (value.is_bool()) type_error("class java.lang.Boolean can not be converted to an String");
    if (value.is_number())
        type_error("class " + std::string(number_class(value)) +
                   " can not be converted to an String");
    structure_or_list_error(value);
}

const json::object* as_structure(const json::value& value) {
    if (value.is_null()) return nullptr;
    if (value.is_object()) return &value.get_object();
    if (value.is_array()) type_error("Start of list found where not expected");
    type_error("Expected null");
}

std::optional<std::string_view> Fields::string(std::string_view name) const {
    const auto* value = raw(name);
    return value ? as_string(*value) : std::nullopt;
}

std::optional<std::int64_t> Fields::long_integer(std::string_view name) const {
    const auto* value = raw(name);
    if (!value) return std::nullopt;
    return to_integer(*value, "Long");
}

std::optional<std::int64_t> Fields::integer(std::string_view name) const {
    const auto* value = raw(name);
    if (!value) return std::nullopt;
    return to_integer(*value, "Integer");
}

std::optional<bool> Fields::boolean(std::string_view name) const {
    const auto* value = raw(name);
    if (!value) return std::nullopt;
    if (value->is_bool()) return value->get_bool();
    if (value->is_string()) {
        std::string upper(value->get_string());
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        type_error("'" + upper + "' can not be converted to an Boolean");
    }
    if (value->is_number()) {
        auto cls = number_class(*value);
        if (cls != "java.lang.Double")
            type_error("class " + std::string(cls) + " can not be converted to an Boolean");
        return std::fabs(value->to_number<double>()) >= 1;
    }
    structure_or_list_error(*value);
}

const json::array* Fields::list(std::string_view name) const {
    const auto* value = raw(name);
    if (!value) return nullptr;
    if (value->is_array()) return &value->get_array();
    if (value->is_object()) type_error("Start of structure or map found where not expected.");
    type_error("Expected list or null");
}

const json::object* Fields::structure(std::string_view name) const {
    const auto* value = raw(name);
    return value ? as_structure(*value) : nullptr;
}

const json::object* Fields::map(std::string_view name) const {
    const auto* value = raw(name);
    if (!value) return nullptr;
    if (value->is_object()) return &value->get_object();
    if (value->is_array()) type_error("Start of list found where not expected");
    type_error("Expected map or null");
}

Fields Fields::nested(std::string_view name) const {
    static const json::object kEmpty;
    const auto* object = structure(name);
    return Fields(object ? *object : kEmpty);
}

std::string value_text(const json::value* value) {
    if (!value || value->is_null()) return "null";
    if (value->is_string()) return std::string(value->get_string());
    return json::serialize(*value);
}

void Constraints::add(std::string text, std::string_view path, std::string_view constraint) {
    if (text != "null") text = "'" + text + "'";
    errors_.push_back("Value " + text + " at '" + std::string(path) +
                      "' failed to satisfy constraint: " + std::string(constraint));
}

void Constraints::not_null(const json::value* value, std::string_view path) {
    if (!value || value->is_null()) add("null", path, "Member must not be null");
}

void Constraints::one_of(std::optional<std::string_view> value, std::string_view path,
                         std::initializer_list<std::string_view> allowed) {
    if (!value) return;
    if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return;
    std::string set;
    for (auto a : allowed) set += (set.empty() ? "" : ", ") + std::string(a);
    add(std::string(*value), path, "Member must satisfy enum value set: [" + set + "]");
}

bool is_valid_name(std::string_view name) noexcept {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    });
}

void Constraints::name(std::optional<std::string_view> value, std::string_view path) {
    if (!value) return;
    if (!is_valid_name(*value))
        add(std::string(*value), path,
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    if (value->size() < 3)
        add(std::string(*value), path, "Member must have length greater than or equal to 3");
    if (value->size() > 255)
        add(std::string(*value), path, "Member must have length less than or equal to 255");
}

void Constraints::min_value(std::optional<std::int64_t> value, std::string_view path,
                            std::int64_t min) {
    if (value && *value < min)
        add(std::to_string(*value), path,
            "Member must have value greater than or equal to " + std::to_string(min));
}

void Constraints::max_value(std::optional<std::int64_t> value, std::string_view path,
                            std::int64_t max) {
    if (value && *value > max)
        add(std::to_string(*value), path,
            "Member must have value less than or equal to " + std::to_string(max));
}

void Constraints::min_length(const json::value* value, std::size_t length, std::string_view path,
                             std::size_t min) {
    if (value && length < min)
        add(value_text(value), path,
            "Member must have length greater than or equal to " + std::to_string(min));
}

void Constraints::max_length(const json::value* value, std::size_t length, std::string_view path,
                             std::size_t max) {
    if (value && length > max)
        add(value_text(value), path,
            "Member must have length less than or equal to " + std::to_string(max));
}

void Constraints::check() const {
    if (errors_.empty()) return;
    std::size_t shown = std::min<std::size_t>(errors_.size(), 10);
    std::string message =
        std::to_string(shown) + " validation error" + (shown > 1 ? "s" : "") + " detected: ";
    for (std::size_t i = 0; i < shown; ++i) message += (i ? "; " : "") + errors_[i];
    throw AwsError::validation(std::move(message));
}

void check_table_name_length(std::optional<std::string_view> name) {
    if (name && (name->size() < 3 || name->size() > 255))
        throw AwsError::validation(
            "TableName must be at least 3 characters long and at most 255 characters long");
}

}  // namespace floci::dynamodb::api
