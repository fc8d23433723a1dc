#include <algorithm>
#include <boost/json.hpp>
#include <floci/sdk/aws_error.hpp>

#include "expressions/errors.hpp"
#include "expressions/legacy.hpp"
#include "expressions/set_algebra.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::expr {
namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";
constexpr std::string_view kTypeMismatch = "Type mismatch for attribute to update";

const boost::json::object& as_object(const boost::json::value& v) {
    if (!v.is_object())
        throw sdk::AwsError::serialization("Start of list found where not expected");
    return v.as_object();
}

AttributeUpdate::Action action_of(const boost::json::object& update, const std::string& attribute) {
    const auto* action = update.if_contains("Action");
    if (!action || action->is_null()) return AttributeUpdate::Action::kPut;
    const std::string name = action->is_string() ? std::string(action->as_string()) : "";
    if (name == "PUT") return AttributeUpdate::Action::kPut;
    if (name == "ADD") return AttributeUpdate::Action::kAdd;
    if (name == "DELETE") return AttributeUpdate::Action::kDelete;
    throw_validation("1 validation error detected: Value '" + name + "' at 'attributeUpdates." +
                     attribute +
                     ".member.action' failed to satisfy constraint: Member must satisfy enum value "
                     "set: [ADD, PUT, DELETE]");
}

}  // namespace

std::vector<AttributeUpdate> parse_attribute_updates(const boost::json::value& updates) {
    std::vector<AttributeUpdate> out;
    for (const auto& [key, value] : as_object(updates)) {
        AttributeUpdate u;
        u.attribute = std::string(key);
        const auto& update = as_object(value);
        u.action = action_of(update, u.attribute);
        if (const auto* v = update.if_contains("Value"); v && !v->is_null())
            u.value = parse_attribute_value(*v);
        if (!u.value && u.action != AttributeUpdate::Action::kDelete) {
            throw_validation(std::string(kInvalid) +
                             "Only DELETE action is allowed when no attribute value is specified");
        }
        if (u.value && u.action == AttributeUpdate::Action::kDelete &&
            !is_set_type(u.value->type())) {
            throw_validation(std::string(kInvalid) +
                             "DELETE action with value is not supported for the type " +
                             std::string(type_name(u.value->type())));
        }
        if (u.value && u.action == AttributeUpdate::Action::kAdd) {
            const AttributeType t = u.value->type();
            if (t != AttributeType::N && t != AttributeType::L && !is_set_type(t)) {
                throw_validation(std::string(kInvalid) +
                                 "ADD action is not supported for the type " +
                                 std::string(type_name(t)));
            }
        }
        out.push_back(std::move(u));
    }
    return out;
}

Item apply_attribute_updates(const std::vector<AttributeUpdate>& updates, const Item& item) {
    Item out = item;
    for (const auto& u : updates) {
        auto it = out.find(u.attribute);
        AttributeValue* current = it == out.end() ? nullptr : &it->second;
        switch (u.action) {
            case AttributeUpdate::Action::kPut:
                out.insert_or_assign(u.attribute, *u.value);
                break;
            case AttributeUpdate::Action::kAdd: {
                if (!current) {
                    out.emplace(u.attribute, *u.value);
                    break;
                }
                if (current->type() != u.value->type())
                    throw_validation(std::string(kTypeMismatch));
                if (const auto* n = u.value->get_if<Number>()) {
                    *current = AttributeValue(*current->get_if<Number>() + *n);
                } else if (const auto* list = u.value->get_if<AttributeList>()) {
                    auto& target = *current->get_if<AttributeList>();
                    target.insert(target.end(), list->begin(), list->end());
                } else {
                    *current = set_union(*current, *u.value);
                }
                break;
            }
            case AttributeUpdate::Action::kDelete:
                if (!current) break;
                if (!u.value) {
                    out.erase(it);
                    break;
                }
                if (current->type() != u.value->type())
                    throw_validation(std::string(kTypeMismatch));
                *current = set_difference(*current, *u.value);
                if (set_size(*current) == 0) out.erase(it);
                break;
        }
    }
    return out;
}

void check_key_not_updated(const std::vector<AttributeUpdate>& updates,
                           const std::vector<std::string>& key_attributes) {
    for (const auto& u : updates) {
        if (std::find(key_attributes.begin(), key_attributes.end(), u.attribute) !=
            key_attributes.end()) {
            throw_validation(std::string(kInvalid) + "Cannot update attribute " + u.attribute +
                             ". This attribute is part of the key");
        }
    }
}

ProjectionExpression projection_from_attributes_to_get(const boost::json::value& names) {
    if (!names.is_array()) throw sdk::AwsError::serialization("Expected list or null");
    ProjectionExpression p;
    for (const auto& v : names.as_array()) {
        if (!v.is_string()) throw sdk::AwsError::serialization("Expected string");
        const std::string name(v.as_string());
        for (const auto& existing : p.paths) {
            if (existing.head() == name) {
                throw_validation(std::string(kInvalid) +
                                 "Duplicate value in attribute name: " + name);
            }
        }
        Path path;
        path.elements.push_back(PathElement{PathElement::Kind::kName, name});
        p.paths.push_back(std::move(path));
    }
    return p;
}

}  // namespace floci::dynamodb::expr
