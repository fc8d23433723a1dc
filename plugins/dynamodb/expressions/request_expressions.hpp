#pragma once
// The one call a request handler makes: read every expression of a request, with its
// ExpressionAttributeNames and ExpressionAttributeValues, in the order AWS checks them, and
// stop at the first problem with AWS's message. What comes back is parsed and resolved, ready
// for evaluate(), apply_update(), project() and to_key_condition().
#include <boost/json/object.hpp>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "expressions/ast.hpp"

namespace floci::dynamodb::expr {

// The expressions each operation takes, in the order AWS checks them.
inline constexpr ExpressionKind kGetItemOrder[] = {ExpressionKind::kProjection};
inline constexpr ExpressionKind kPutItemOrder[] = {ExpressionKind::kCondition};
inline constexpr ExpressionKind kDeleteItemOrder[] = {ExpressionKind::kCondition};
inline constexpr ExpressionKind kUpdateItemOrder[] = {ExpressionKind::kUpdate,
                                                      ExpressionKind::kCondition};
inline constexpr ExpressionKind kQueryOrder[] = {
    ExpressionKind::kFilter, ExpressionKind::kProjection, ExpressionKind::kKeyCondition};
inline constexpr ExpressionKind kScanOrder[] = {ExpressionKind::kFilter,
                                                ExpressionKind::kProjection};

struct RequestExpressions {
    std::optional<Condition> condition;      // ConditionExpression
    std::optional<Condition> filter;         // FilterExpression
    std::optional<Condition> key_condition;  // KeyConditionExpression
    std::optional<UpdateExpression> update;  // UpdateExpression
    std::optional<ProjectionExpression> projection;

    bool empty() const { return !condition && !filter && !key_condition && !update && !projection; }
};

// Reads the request members named by `order` (absent or null ones are skipped), checking in
// turn: ExpressionAttributeNames, ExpressionAttributeValues (keys, then values: "...contains
// invalid value: <reason> for key :v"), each expression (parse, then resolve), then unused
// names and unused values across all of them. `read_values` is false for GetItem and the
// BatchGetItem/TransactGetItems gets, which ignore ExpressionAttributeValues. Throws AwsError.
RequestExpressions read_expressions(const boost::json::object& request,
                                    std::span<const ExpressionKind> order, bool read_values = true);

// Which parameters may go together (checked before read_expressions):
//   "Can not use both expression and non-expression parameters in the same request:
//    Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"
//   "ExpressionAttributeNames can only be specified when using expressions"
//   "ExpressionAttributeValues can only be specified when using expressions:
//    UpdateExpression and ConditionExpression are null"
// `expressions` are the operation's expression members in AWS's order, e.g.
// {"UpdateExpression", "ConditionExpression"}; `legacy` its legacy members, e.g.
// {"AttributeUpdates", "Expected"} (Query: leave KeyConditions out when KeyConditionExpression
// is absent). ProjectionExpression does not count for ExpressionAttributeValues.
void check_expression_parameters(const boost::json::object& request,
                                 std::span<const std::string_view> expressions,
                                 std::span<const std::string_view> legacy);

}  // namespace floci::dynamodb::expr
