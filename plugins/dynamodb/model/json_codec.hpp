#pragma once
// AttributeValue <-> DynamoDB JSON wire form ({"S": "x"}, {"N": "1"}, {"M": {...}}, ...).
//
// Parsing follows AWS's two phases. Shape errors (a JSON type where another is expected, bad
// base64) are SerializationExceptions and win over anything else in the value; value errors
// (empty sets, duplicates, bad numbers, NULL false, too deep) are ValidationExceptions, and
// the first one in document order is reported. Unknown type keys and null members are
// ignored, as AWS's JSON layer drops them. Messages are AWS's, taken from dynalite
// (validations/index.js: checkTypes, validateAttributeValue) and from captures against AWS in
// paritysuite/dynamodb-conformance (nesting depth).
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "model/attribute_value.hpp"

namespace floci::dynamodb {

// A stored item nests at most 32 levels, counting a top-level attribute value as level 1
// (tests/tier3/limits/nestingDepth.test.ts in paritysuite/dynamodb-conformance: a leaf at
// level 32 is accepted, one at level 33 refused). Developer guide: "Nested attribute depth".
inline constexpr int kMaxNestingLevel = 32;

inline constexpr std::string_view kNestingExceededMessage =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit";

// Parses one AttributeValue (nesting level 1). Throws AwsError (see above).
AttributeValue parse_attribute_value(const boost::json::value& json);

// Parses a map of attribute name to AttributeValue, e.g. PutItem's Item or a Key. JSON null
// gives an empty map (AWS treats a null member as absent). Throws AwsError.
Item parse_item(const boost::json::value& json);

// Parses an item from its DynamoDB JSON text as stored (write_item's output): with
// read_stored_item, or, for text it does not understand, through a JSON tree that lives in a
// stack arena for the call.
Item parse_item_text(std::string_view text);

// Parse options deep enough for stored items: 32 nested attribute levels are two JSON levels
// each ({"M":{...}}), past Boost.JSON's default limit of 32.
boost::json::parse_options stored_item_parse_options();

// Append compact JSON. Numbers are written in canonical form, binaries as base64, map keys in
// sorted order, set members in stored order.
void write_attribute_value(std::string& out, const AttributeValue& value);
void write_item(std::string& out, const Item& item);
// Appends `text` as a quoted JSON string ("\"", "\\" and control characters escaped).
void write_json_string(std::string& out, std::string_view text);

}  // namespace floci::dynamodb
