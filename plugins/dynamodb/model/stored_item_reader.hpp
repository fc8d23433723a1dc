#pragma once
// Reads an item back from its stored text (write_item's compact DynamoDB JSON) straight into
// an Item. The text was validated when it was written, so this reader checks only what it
// needs to stay safe; it skips Boost.JSON's tree and the request parser's validation, which
// together cost as much as the rest of an UpdateItem.
#include <optional>
#include <string_view>

#include "model/attribute_value.hpp"

namespace floci::dynamodb {

// The item, or nullopt for text this reader does not understand (the caller then parses it
// with parse_item_text).
std::optional<Item> read_stored_item(std::string_view text);

}  // namespace floci::dynamodb
