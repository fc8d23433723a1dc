#include <boost/json.hpp>
#include <floci/sdk/aws_error.hpp>

#include "expressions/errors.hpp"
#include "expressions/functions.hpp"
#include "expressions/legacy.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::expr {
namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";
constexpr std::string_view kOperators =
    "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";

enum class Op : std::uint8_t {
    kEq,
    kNe,
    kLe,
    kLt,
    kGe,
    kGt,
    kNotNull,
    kNull,
    kContains,
    kNotContains,
    kBeginsWith,
    kIn,
    kBetween
};

struct OpInfo {
    std::string_view name;
    Op op;
    std::size_t min_values;
    std::size_t max_values;
    std::string_view filter_types;  // value types a Query/Scan filter accepts, "" for none
};

constexpr OpInfo kOps[] = {
    {"EQ", Op::kEq, 1, 1, "S N B SS NS BS"},
    {"NE", Op::kNe, 1, 1, "S N B SS NS BS"},
    {"LE", Op::kLe, 1, 1, "S N B"},
    {"LT", Op::kLt, 1, 1, "S N B"},
    {"GE", Op::kGe, 1, 1, "S N B"},
    {"GT", Op::kGt, 1, 1, "S N B"},
    {"NOT_NULL", Op::kNotNull, 0, 0, ""},
    {"NULL", Op::kNull, 0, 0, ""},
    {"CONTAINS", Op::kContains, 1, 1, "S N B"},
    {"NOT_CONTAINS", Op::kNotContains, 1, 1, "S N B"},
    {"BEGINS_WITH", Op::kBeginsWith, 1, 1, "S B"},
    {"IN", Op::kIn, 1, SIZE_MAX, "S N B"},
    {"BETWEEN", Op::kBetween, 2, 2, "S N B"},
};

const OpInfo* find_op(std::string_view name) {
    for (const auto& info : kOps)
        if (info.name == name) return &info;
    return nullptr;
}

bool type_listed(std::string_view list, AttributeType type) {
    const std::string_view name = type_name(type);
    std::size_t pos = 0;
    while (pos <= list.size()) {
        std::size_t end = list.find(' ', pos);
        if (end == std::string_view::npos) end = list.size();
        if (list.substr(pos, end - pos) == name) return true;
        pos = end + 1;
    }
    return false;
}

const boost::json::object& as_object(const boost::json::value& v) {
    if (!v.is_object())
        throw sdk::AwsError::serialization("Start of list found where not expected");
    return v.as_object();
}

Operand path_operand(const std::string& attribute) {
    Operand o;
    o.kind = Operand::Kind::kPath;
    o.path.elements.push_back(PathElement{PathElement::Kind::kName, attribute});
    return o;
}

Operand value_operand(const AttributeValue& value) {
    Operand o;
    o.kind = Operand::Kind::kValue;
    o.value = value;
    return o;
}

Condition function(std::string name, const std::string& attribute, const AttributeValue* v) {
    Condition c;
    c.kind = Condition::Kind::kFunction;
    c.function = std::move(name);
    c.operands.push_back(path_operand(attribute));
    if (v) c.operands.push_back(value_operand(*v));
    return c;
}

Condition join(Condition::Kind kind, Condition a, Condition b) {
    Condition c;
    c.kind = kind;
    c.children.push_back(std::move(a));
    c.children.push_back(std::move(b));
    return c;
}

Condition compare(CompareOp op, const std::string& attribute, const AttributeValue& v) {
    Condition c;
    c.kind = Condition::Kind::kCompare;
    c.op = op;
    c.operands.push_back(path_operand(attribute));
    c.operands.push_back(value_operand(v));
    return c;
}

Condition build(Op op, const std::string& attribute, const std::vector<AttributeValue>& values) {
    switch (op) {
        case Op::kEq:
            return compare(CompareOp::kEq, attribute, values[0]);
        case Op::kNe:
            return compare(CompareOp::kNe, attribute, values[0]);
        case Op::kLe:
            return compare(CompareOp::kLe, attribute, values[0]);
        case Op::kLt:
            return compare(CompareOp::kLt, attribute, values[0]);
        case Op::kGe:
            return compare(CompareOp::kGe, attribute, values[0]);
        case Op::kGt:
            return compare(CompareOp::kGt, attribute, values[0]);
        case Op::kNotNull:
            return function("attribute_exists", attribute, nullptr);
        case Op::kNull:
            return function("attribute_not_exists", attribute, nullptr);
        case Op::kContains:
            return function("contains", attribute, &values[0]);
        case Op::kBeginsWith:
            return function("begins_with", attribute, &values[0]);
        case Op::kNotContains: {
            // NOT_CONTAINS needs the attribute to be there.
            Condition negated;
            negated.kind = Condition::Kind::kNot;
            negated.children.push_back(function("contains", attribute, &values[0]));
            return join(Condition::Kind::kAnd, function("attribute_exists", attribute, nullptr),
                        std::move(negated));
        }
        case Op::kIn:
        case Op::kBetween: {
            Condition c;
            c.kind = op == Op::kIn ? Condition::Kind::kIn : Condition::Kind::kBetween;
            c.operands.push_back(path_operand(attribute));
            for (const auto& v : values) c.operands.push_back(value_operand(v));
            return c;
        }
    }
    return {};
}

std::string lower_first(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z')
        out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

const OpInfo& operator_of(const boost::json::value& v, std::string_view parameter,
                          const std::string& attribute) {
    const std::string name = v.is_string() ? std::string(v.as_string()) : std::string();
    const OpInfo* info = find_op(name);
    if (!info) {
        throw_validation("1 validation error detected: Value '" + name + "' at '" +
                         lower_first(parameter) + "." + attribute +
                         ".member.comparisonOperator' failed to satisfy constraint: Member must "
                         "satisfy enum value set: " +
                         std::string(kOperators));
    }
    return *info;
}

std::vector<AttributeValue> value_list(const boost::json::object& condition) {
    std::vector<AttributeValue> values;
    if (const auto* list = condition.if_contains("AttributeValueList"); list && !list->is_null()) {
        if (!list->is_array()) throw sdk::AwsError::serialization("Expected list or null");
        for (const auto& v : list->as_array()) values.push_back(parse_attribute_value(v));
    }
    return values;
}

bool present(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && !v->is_null();
}

// Checks shared by every legacy form: operand count, one type, ordered BETWEEN bounds.
void check_values(const OpInfo& info, const std::vector<AttributeValue>& values, bool check_types) {
    if (values.size() < info.min_values || values.size() > info.max_values) {
        throw_validation(std::string(kInvalid) + "Invalid number of argument(s) for the " +
                         std::string(info.name) + " ComparisonOperator");
    }
    for (const auto& v : values) {
        if (v.type() != values[0].type()) {
            throw_validation(std::string(kInvalid) +
                             "AttributeValues inside AttributeValueList must be of same type");
        }
    }
    if (check_types) {
        for (const auto& v : values) {
            if (!type_listed(info.filter_types, v.type())) {
                throw_validation(std::string(kInvalid) + "ComparisonOperator " +
                                 std::string(info.name) + " is not valid for " +
                                 std::string(type_name(v.type())) + " AttributeValue type");
            }
        }
    }
    if (info.op == Op::kBetween) {
        auto o = order(values[0], values[1]);
        if (o && *o > 0) {
            throw_validation(
                "The BETWEEN condition was provided a range where the lower bound is greater than "
                "the upper bound");
        }
    }
}

Condition expected_entry(const std::string& attribute, const boost::json::object& c) {
    const bool has_list = c.contains("AttributeValueList");
    const bool has_value = present(c, "Value");
    const auto must = [&](std::string_view what) {
        throw_validation(std::string(kInvalid) + std::string(what) +
                         " for Attribute: " + attribute);
    };
    if (has_list && has_value) must("Value and AttributeValueList cannot be used together");
    if (present(c, "ComparisonOperator")) {
        const OpInfo& info = operator_of(c.at("ComparisonOperator"), "Expected", attribute);
        if (present(c, "Exists")) must("Exists and ComparisonOperator cannot be used together");
        if (info.min_values > 0 && !has_list && !has_value) {
            must("Value or AttributeValueList must be used with ComparisonOperator: " +
                 std::string(info.name));
        }
        std::vector<AttributeValue> values = value_list(c);
        if (has_value) values.push_back(parse_attribute_value(c.at("Value")));
        check_values(info, values, false);
        return build(info.op, attribute, values);
    }
    if (has_list) must("AttributeValueList can only be used with a ComparisonOperator");
    const auto* exists = c.if_contains("Exists");
    const bool null_exists = !exists || exists->is_null();
    const bool should_exist = null_exists || (exists->is_bool() && exists->as_bool());
    if (should_exist && !has_value)
        must(std::string("Value must be provided when Exists is ") +
             (null_exists ? "null" : "true"));
    if (!should_exist && has_value) must("Value cannot be used when Exists is false");
    if (!should_exist) return build(Op::kNull, attribute, {});
    return build(Op::kEq, attribute, {parse_attribute_value(c.at("Value"))});
}

std::optional<Condition> combine(std::vector<Condition> parts,
                                 std::string_view conditional_operator) {
    if (parts.empty()) return std::nullopt;
    const auto kind = conditional_operator == "OR" ? Condition::Kind::kOr : Condition::Kind::kAnd;
    Condition out = std::move(parts[0]);
    for (std::size_t i = 1; i < parts.size(); ++i)
        out = join(kind, std::move(out), std::move(parts[i]));
    return out;
}

}  // namespace

std::optional<Condition> condition_from_expected(const boost::json::value& expected,
                                                 std::string_view conditional_operator) {
    std::vector<Condition> parts;
    for (const auto& [key, condition] : as_object(expected))
        parts.push_back(expected_entry(std::string(key), as_object(condition)));
    return combine(std::move(parts), conditional_operator);
}

std::optional<Condition> condition_from_filter(const boost::json::value& filter,
                                               std::string_view parameter,
                                               std::string_view conditional_operator) {
    std::vector<Condition> parts;
    for (const auto& [key, value] : as_object(filter)) {
        const std::string attribute(key);
        const auto& c = as_object(value);
        std::vector<AttributeValue> values = value_list(c);
        const boost::json::value none;
        const OpInfo& info =
            operator_of(c.contains("ComparisonOperator") ? c.at("ComparisonOperator") : none,
                        parameter, attribute);
        check_values(info, values, true);
        parts.push_back(build(info.op, attribute, values));
    }
    return combine(std::move(parts), conditional_operator);
}

std::vector<KeyTerm> key_terms_from_key_conditions(const boost::json::value& key_conditions) {
    std::vector<KeyTerm> terms;
    for (const auto& [key, value] : as_object(key_conditions)) {
        const std::string attribute(key);
        const auto& c = as_object(value);
        std::vector<AttributeValue> values = value_list(c);
        const boost::json::value none;
        const OpInfo& info =
            operator_of(c.contains("ComparisonOperator") ? c.at("ComparisonOperator") : none,
                        "KeyConditions", attribute);
        check_values(info, values, true);
        KeyTerm t;
        t.attribute = attribute;
        switch (info.op) {
            case Op::kEq:
                t.op = KeyOp::kEq;
                break;
            case Op::kLe:
                t.op = KeyOp::kLe;
                break;
            case Op::kLt:
                t.op = KeyOp::kLt;
                break;
            case Op::kGe:
                t.op = KeyOp::kGe;
                break;
            case Op::kGt:
                t.op = KeyOp::kGt;
                break;
            case Op::kBeginsWith:
                t.op = KeyOp::kBeginsWith;
                break;
            case Op::kBetween:
                t.op = KeyOp::kBetween;
                break;
            default:
                throw_validation("Attempted conditional constraint is not an indexable operation");
        }
        t.values = std::move(values);
        terms.push_back(std::move(t));
    }
    if (terms.empty() || terms.size() > 2)
        throw_validation("Conditions can be of length 1 or 2 only");
    return terms;
}

}  // namespace floci::dynamodb::expr
