#pragma once
// Pieces every single-item operation shares: binding a Key or an Item to the table's key
// schema (with AWS's texts, dynalite db/index.js validateKey/validateItem), the request
// members all of them take, and consumed capacity.
#include <floci/sdk/aws_error.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/consumed_capacity.hpp"
#include "api/request_fields.hpp"
#include "model/attribute_value.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

// The encoded storage key of a Key parameter: exactly the key attributes with the schema's
// types, else "The provided key element does not match the schema"; then the key value
// checks (empty S/B, sizes).
std::string bind_key(const KeySchema& schema, const Item& key);

// The encoded storage key of a whole item (PutItem): "Missing the key <name> in the item",
// "Type mismatch for key <name> expected: S actual: N", key value checks, then the index key
// attributes' types.
std::string bind_item(const TableMeta& meta, const Item& item);

// The index key attributes an item has must have the index's types and must not be empty S or
// B values (PutItem's texts; UpdateItem checks its new item the same way).
void check_index_keys(const TableMeta& meta, const Item& item);

// Parses an Item or Key member. A value error (ValidationException) is kept in `deferred`
// instead of thrown, because AWS reports every member's type error before any value error.
Item read_item_member(const Fields& fields, std::string_view name,
                      std::optional<floci::sdk::AwsError>& deferred);

// An item as stored (DynamoDB JSON text).
Item parse_stored_item(std::string_view text);

// Common members: TableName (pattern and length constraints), ReturnConsumedCapacity.
struct CommonRequest {
    std::string table_name;
    std::string consumed_capacity;  // "", "TOTAL" or "INDEXES"
};
void read_table_member(const Fields& fields, Constraints& c, CommonRequest& out);
void read_capacity_member(const Fields& fields, Constraints& c, CommonRequest& out);

// Capacity units (developer guide, "Read/write capacity mode"): a write costs 1 per KB of
// the larger of the old and new item, rounded up (at least 1); a read 1 per 4 KB, rounded up
// (at least 1), halved when eventually consistent.
double write_units(std::size_t size);
double read_units(std::size_t size, bool consistent);

// Appends ,"ConsumedCapacity":{...} when `mode` asks for it: `capacity`, or `units` read or
// written on the table alone.
void append_consumed_capacity(std::string& out, std::string_view mode,
                              const ConsumedCapacity& capacity);
void append_consumed_capacity(std::string& out, std::string_view mode, std::string_view table,
                              double units);

}  // namespace floci::dynamodb::api
