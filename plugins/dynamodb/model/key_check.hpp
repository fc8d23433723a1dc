#pragma once
// Checks every key attribute value must pass, whatever the operation (PutItem Item keys,
// GetItem/DeleteItem/UpdateItem Key, BatchGetItem Keys, index keys): not an empty S or B,
// and within the key size limits. Type matching against the schema is the caller's, since
// only it knows the table.
#include <string_view>

#include "model/attribute_value.hpp"

namespace floci::dynamodb {

// Throws ValidationException for an empty S ("... cannot contain an empty string value.
// Key: <name>") or B ("... empty binary value ..."), then for a value over
// kMaxPartitionKeySize / kMaxSortKeySize (item_size.hpp). The string text is AWS's as client
// test suites quote it (Alternator's executor uses it too); the binary one follows the same
// pattern and is unverified.
void check_key_value(std::string_view name, const AttributeValue& value, bool partition_key);

}  // namespace floci::dynamodb
