#pragma once
// The DynamoDB size of an item straight from its stored DynamoDB JSON text (as write_item
// produced it), without building an AttributeValue tree. Query and Scan need every read item's
// size for the 1 MB page limit; parsing each item only to measure it was most of a Query's CPU.
// Returns the same number as item_size(parse_item(text)), or nullopt for text this scanner does
// not understand (the caller then parses).
#include <cstddef>
#include <optional>
#include <string_view>

namespace floci::dynamodb {

std::optional<std::size_t> stored_item_size(std::string_view json) noexcept;

// The summed sizes of stored items written one after another with a comma between them (the
// members of a Query page's Items array), or nullopt as above.
std::optional<std::size_t> stored_items_size(std::string_view joined) noexcept;

// No stored item's size exceeds the length of its text: a name or an S value costs at most its
// JSON string's length, and each value's {"<T>":...} wrapper is longer than what a number, a
// BOOL or NULL, or a container costs beyond its contents. So items whose texts add up to less
// than a limit are below it in size too, and a reader may skip sizing them
// (stored_item_size_test.cpp checks the bound).

// The item_size of an item as stored: stored_item_size, or parsing the text when the scanner
// does not understand it (it always should).
std::size_t stored_item_bytes(std::string_view stored);

}  // namespace floci::dynamodb
