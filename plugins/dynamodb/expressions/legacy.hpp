#pragma once
// The legacy (pre-expression) parameters, translated so that the expression machinery serves
// both forms: Expected, QueryFilter and ScanFilter become a resolved Condition for
// evaluate(); KeyConditions become KeyTerms for bind_key_terms(); AttributesToGet becomes a
// projection. AttributeUpdates keep their own small applier, because their ADD appends to
// lists and their errors read differently from an UpdateExpression's.
// Inputs are the request's JSON members; AttributeValues go through the model's JSON codec.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expressions/ast.hpp"
#include "expressions/key_condition.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

// Expected + ConditionalOperator ("AND" when absent) of PutItem, UpdateItem and DeleteItem.
// Throws ValidationException with AWS's texts ("Value and AttributeValueList cannot be used
// together for Attribute: a", "Invalid number of argument(s) for the EQ ComparisonOperator",
// ...). Empty for an empty Expected (nothing to check).
std::optional<Condition> condition_from_expected(const boost::json::value& expected,
                                                 std::string_view conditional_operator = "AND");

// QueryFilter / ScanFilter: each attribute's ComparisonOperator + AttributeValueList, also
// checking the value types each operator accepts. `parameter` ("QueryFilter", "ScanFilter")
// names the member in enum errors.
std::optional<Condition> condition_from_filter(const boost::json::value& filter,
                                               std::string_view parameter,
                                               std::string_view conditional_operator = "AND");

// Query's KeyConditions: one or two conditions with indexable operators (EQ, LE, LT, GE, GT,
// BEGINS_WITH, BETWEEN). Pass the result to bind_key_terms().
std::vector<KeyTerm> key_terms_from_key_conditions(const boost::json::value& key_conditions);

// AttributesToGet: top-level names, no duplicates ("One or more parameter values were
// invalid: Duplicate value in attribute name: a").
ProjectionExpression projection_from_attributes_to_get(const boost::json::value& names);

struct AttributeUpdate {
    enum class Action : std::uint8_t { kPut, kAdd, kDelete };
    std::string attribute;
    Action action = Action::kPut;
    std::optional<AttributeValue> value;
};

// UpdateItem's AttributeUpdates, validated as AWS does (Action PUT when absent).
std::vector<AttributeUpdate> parse_attribute_updates(const boost::json::value& updates);

// Applies them in order to a copy of `item`. Throws "Type mismatch for attribute to update"
// when ADD or DELETE meets an attribute of another type.
Item apply_attribute_updates(const std::vector<AttributeUpdate>& updates, const Item& item);

// Throws "One or more parameter values were invalid: Cannot update attribute <name>. This
// attribute is part of the key" for an update of a key attribute.
void check_key_not_updated(const std::vector<AttributeUpdate>& updates,
                           const std::vector<std::string>& key_attributes);

}  // namespace floci::dynamodb::expr
