#include "expressions/request_expressions.hpp"

#include <boost/json.hpp>
#include <floci/sdk/aws_error.hpp>

#include "expressions/errors.hpp"
#include "expressions/parse_cache.hpp"
#include "expressions/parser.hpp"
#include "expressions/resolve.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::expr {
namespace {

bool present(const boost::json::object& request, std::string_view member) {
    const auto* v = request.if_contains(member);
    return v && !v->is_null();
}

// AWS's JSON layer words a wrong JSON type in Java terms.
std::string_view string_member(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::string:
            return v.get_string();
        case boost::json::kind::bool_:
            throw sdk::AwsError::serialization(
                "class java.lang.Boolean can not be converted to an String");
        case boost::json::kind::object:
            throw sdk::AwsError::serialization(
                "Start of structure or map found where not expected.");
        case boost::json::kind::array:
            throw sdk::AwsError::serialization("Start of list found where not expected");
        default:
            throw sdk::AwsError::serialization(
                "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be "
                "converted to an String");
    }
}

const boost::json::object& object_member(const boost::json::value& v) {
    if (v.is_object()) return v.get_object();
    if (v.is_array()) throw sdk::AwsError::serialization("Start of list found where not expected");
    throw sdk::AwsError::serialization("Expected map or null");
}

NameMap read_names(const boost::json::object& request) {
    NameMap names;
    if (!present(request, "ExpressionAttributeNames")) return names;
    for (const auto& [key, value] : object_member(request.at("ExpressionAttributeNames")))
        names.emplace(std::string(key), std::string(string_member(value)));
    validate_attribute_names(names);
    return names;
}

ValueMap read_values(const boost::json::object& request) {
    ValueMap values;
    if (!present(request, "ExpressionAttributeValues")) return values;
    const auto& json = object_member(request.at("ExpressionAttributeValues"));
    // Keys are checked before any value, so collect them first with placeholder values.
    for (const auto& [key, value] : json) values.emplace(std::string(key), AttributeValue());
    validate_attribute_values(values);
    for (const auto& [key, value] : json) {
        try {
            values[std::string(key)] = parse_attribute_value(value);
        } catch (const sdk::AwsError& e) {
            if (e.type() != "ValidationException") throw;
            throw_validation("ExpressionAttributeValues contains invalid value: " + e.message() +
                             " for key " + std::string(key));
        }
    }
    return values;
}

}  // namespace

RequestExpressions read_expressions(const boost::json::object& request,
                                    std::span<const ExpressionKind> order, bool with_values) {
    const NameMap names = read_names(request);
    const ValueMap values = with_values ? read_values(request) : ValueMap{};
    Resolver resolver(names, values);
    RequestExpressions out;
    for (ExpressionKind kind : order) {
        const std::string_view member = kind_name(kind);
        if (!present(request, member)) continue;
        const std::string_view text = string_member(request.at(member));
        switch (kind) {
            case ExpressionKind::kUpdate:
                out.update = cached_parse_update(text);
                resolver.resolve(*out.update);
                break;
            case ExpressionKind::kProjection:
                out.projection = cached_parse_projection(text);
                resolver.resolve(*out.projection);
                break;
            default: {
                Condition c = cached_parse_condition(text, kind);
                resolver.resolve(c, kind);
                auto& slot = kind == ExpressionKind::kCondition ? out.condition
                             : kind == ExpressionKind::kFilter  ? out.filter
                                                                : out.key_condition;
                slot = std::move(c);
            }
        }
    }
    resolver.check_unused();
    return out;
}

void check_expression_parameters(const boost::json::object& request,
                                 std::span<const std::string_view> expressions,
                                 std::span<const std::string_view> legacy) {
    auto join_present = [&](std::span<const std::string_view> members) {
        std::string out;
        for (auto m : members) {
            if (!present(request, m)) continue;
            if (!out.empty()) out += ", ";
            out += m;
        }
        return out;
    };
    const std::string used = join_present(expressions);
    const std::string used_legacy = join_present(legacy);
    if (!used.empty() && !used_legacy.empty()) {
        throw_validation(
            "Can not use both expression and non-expression parameters in the same request: "
            "Non-expression parameters: {" +
            used_legacy + "} Expression parameters: {" + used + "}");
    }
    if (present(request, "ExpressionAttributeNames") && used.empty())
        throw_validation("ExpressionAttributeNames can only be specified when using expressions");
    std::vector<std::string_view> value_members;
    for (auto m : expressions)
        if (m != "ProjectionExpression") value_members.push_back(m);
    if (value_members.empty() || !present(request, "ExpressionAttributeValues")) return;
    for (auto m : value_members)
        if (present(request, m)) return;
    std::string list;
    for (std::size_t i = 0; i < value_members.size(); ++i) {
        if (i) list += " and ";
        list += value_members[i];
    }
    throw_validation("ExpressionAttributeValues can only be specified when using expressions: " +
                     list + (value_members.size() > 1 ? " are" : " is") + " null");
}

}  // namespace floci::dynamodb::expr
