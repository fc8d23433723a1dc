#pragma once
// The payload of a log record: one WriteBatch and the sequence number the engine gave it. Part
// of the on-disk contract of log_format.hpp (covered by its kFormatVersion):
//
//   payload := sequence:u64le op_count:varint64 op*
//   op      := kind:u8 space:bytes [key:bytes [value:bytes]]
//   bytes   := length:varint64 byte[length]
//
//   kind: 1 put (space, key, value), 2 erase (space, key), 3 create_space (space),
//         4 drop_space (space).
//
// The kind codes are fixed here rather than taken from WriteBatch::OpKind so that reordering
// the SDK enum can never change what old logs mean. Varints are LevelDB's (7 bits a byte, low
// bits first). Decoding trusts nothing: every length is checked against the bytes left, and a
// payload with anything malformed or left over is an error, because the checksum only proves
// the bytes are the ones written, not that a bug did not write them.
#include <cstdint>
#include <floci/sdk/result.hpp>
#include <floci/sdk/storage.hpp>
#include <string>
#include <string_view>

namespace floci::host::storage::wal {

struct SequencedBatch {
    std::uint64_t sequence = 0;
    floci::sdk::WriteBatch batch;
};

// Appends the encoding of (sequence, batch) to `out`.
void encode_batch(std::uint64_t sequence, const floci::sdk::WriteBatch& batch, std::string& out);
std::string encode_batch(std::uint64_t sequence, const floci::sdk::WriteBatch& batch);

// Decodes a payload written by encode_batch(); an internal error says what is wrong and where.
floci::sdk::Result<SequencedBatch> decode_batch(std::string_view payload);

}  // namespace floci::host::storage::wal
