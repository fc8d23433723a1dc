#pragma once
// Item size as DynamoDB measures it against its limits and for capacity units (developer
// guide, "Item sizes and formats"): each attribute costs its name's UTF-8 bytes plus its
// value's size. Value sizes follow dynalite db/index.js valSize (fitted to AWS's consumed
// capacity) and, for numbers, the byte-exact captures in paritysuite/dynamodb-conformance
// src/item-size.ts (23 literals sized at the 400 KB gate, all reproduced by number_size).
#include <cstddef>
#include <string_view>

#include "model/attribute_value.hpp"

namespace floci::dynamodb {

// "The maximum item size in DynamoDB is 400 KB, which includes both attribute name binary
// length (UTF-8 length) and attribute value lengths" (Service quotas). 409,600 is accepted,
// 409,601 refused.
inline constexpr std::size_t kMaxItemSize = 409600;
// Partition key values are at most 2048 bytes, sort key values 1024 (Service quotas,
// "Partition key value" and "Sort key value").
inline constexpr std::size_t kMaxPartitionKeySize = 2048;
inline constexpr std::size_t kMaxSortKeySize = 1024;

// AWS's texts for the limits above (dynalite putItem/updateItem and db checkKeySize, "of2048"
// without a space as AWS writes it).
inline constexpr std::string_view kItemSizeExceededMessage =
    "Item size has exceeded the maximum allowed size";
inline constexpr std::string_view kUpdateItemSizeExceededMessage =
    "Item size to update has exceeded the maximum allowed size";
inline constexpr std::string_view kPartitionKeyTooLargeMessage =
    "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
    "limit of2048 bytes";
inline constexpr std::string_view kSortKeyTooLargeMessage =
    "One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
    "the size limit of 1024 bytes";

// A number costs 1 byte plus one per base-100 digit pair, pairs aligned on the decimal point,
// plus 1 if negative; zero costs 1. So 12 costs 2, 1.5 costs 3 and 100.5 costs 4.
std::size_t number_size(const Number& number) noexcept;

// S and B: their bytes; N: number_size; BOOL and NULL: 1; sets: the sum of their members;
// L: 3 + sum(1 + element); M: 3 + sum(1 + name bytes + value).
std::size_t attribute_value_size(const AttributeValue& value) noexcept;

// Sum over attributes of name bytes + attribute_value_size.
std::size_t item_size(const Item& item) noexcept;

// The size compared with kMaxPartitionKeySize / kMaxSortKeySize: bytes of an S or B value
// (numbers are always within the limits).
std::size_t key_value_size(const AttributeValue& value) noexcept;

}  // namespace floci::dynamodb
