#pragma once
// Order-preserving byte encoding of key attribute values (S, N, B), for the sorted store.
//
// Comparing two encodings as unsigned bytes (memcmp, then the shorter first) gives DynamoDB's
// key order: S by UTF-8 bytes, B by bytes, N numerically (developer guide, "Query" > "Key
// condition expressions": "sorted in order by sort key value ... numeric order ... UTF-8
// bytes ... unsigned bytes"). Every encoding is self-delimiting (no encoding is a prefix of
// another), so a table key (hash, then range) keeps all items of one partition contiguous
// and sorted by range key inside it, and no two different keys share an encoding.
//
// Format of one value:
//   tag        1 byte: 'S' (0x53), 'N' (0x4E) or 'B' (0x42)
//   S, B body  the bytes with 0x00 written as 0x00 0xFF, then the terminator 0x00 0x01
//              ("a" < "a\0" < "ab" holds: 0x01 < 0xFF < 'b')
//   N body     class byte 0x01 negative, 0x02 zero (nothing follows), 0x03 positive; then
//              positive: leading exponent + 130 (0..255), each significant digit d as d + 1,
//                        terminator 0x00 (fewer digits = smaller: 1 < 1.5)
//              negative: 125 - leading exponent (0..255), each digit as 10 - d, terminator
//                        0xFF (everything inverted: larger magnitude sorts first)
// A table key is the hash value's encoding followed by the range value's, if any.
#include <optional>
#include <string>
#include <string_view>

#include "model/attribute_value.hpp"

namespace floci::dynamodb {

// Appends the encoding of `value`, which must be S, N or B (AwsError internal otherwise).
void append_key_value(std::string& out, const AttributeValue& value);
std::string encode_key_value(const AttributeValue& value);

// Appends the encoding of an S or B value without its terminator: every value that begins
// with `value`'s bytes encodes to something that begins with this (for begins_with ranges).
void append_key_prefix(std::string& out, const AttributeValue& value);

// The partition prefix (hash only), or the full key of an item of a hash+range table.
std::string encode_table_key(const AttributeValue& hash);
std::string encode_table_key(const AttributeValue& hash, const AttributeValue& range);

// Decodes one value from the front of `in` and advances `in` past it. Throws AwsError
// internal on bytes that no encoder produced.
AttributeValue decode_key_value(std::string_view& in);

struct TableKey {
    AttributeValue hash;
    std::optional<AttributeValue> range;
};

// The inverse of encode_table_key (for LastEvaluatedKey and the like).
TableKey decode_table_key(std::string_view encoded);

}  // namespace floci::dynamodb
