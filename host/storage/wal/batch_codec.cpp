#include "storage/wal/batch_codec.hpp"

#include <floci/sdk/aws_error.hpp>
#include <optional>

#include "storage/wal/coding.hpp"

namespace floci::host::storage::wal {

using floci::sdk::AwsError;
using floci::sdk::Result;
using floci::sdk::WriteBatch;

namespace {

constexpr std::uint8_t kPut = 1;
constexpr std::uint8_t kErase = 2;
constexpr std::uint8_t kCreateSpace = 3;
constexpr std::uint8_t kDropSpace = 4;
// The smallest encoded op: a kind byte and an empty space name.
constexpr std::size_t kMinOpBytes = 2;

std::uint8_t kind_code(WriteBatch::OpKind kind) {
    switch (kind) {
        case WriteBatch::OpKind::put:
            return kPut;
        case WriteBatch::OpKind::erase:
            return kErase;
        case WriteBatch::OpKind::create_space:
            return kCreateSpace;
        case WriteBatch::OpKind::drop_space:
            return kDropSpace;
    }
    return 0;  // Unreachable for a valid enum; decodes as an error rather than as a wrong op.
}

AwsError malformed(const Decoder& in, const char* what) {
    return AwsError::internal("wal: malformed batch record at payload byte " +
                              std::to_string(in.offset()) + ": " + what);
}

}  // namespace

void encode_batch(std::uint64_t sequence, const WriteBatch& batch, std::string& out) {
    put_fixed64(out, sequence);
    put_varint(out, batch.size());
    for (const WriteBatch::Op& op : batch.ops()) {
        out.push_back(static_cast<char>(kind_code(op.kind)));
        put_bytes(out, op.space);
        if (op.kind == WriteBatch::OpKind::put || op.kind == WriteBatch::OpKind::erase) {
            put_bytes(out, op.key);
        }
        if (op.kind == WriteBatch::OpKind::put) put_bytes(out, op.value);
    }
}

std::string encode_batch(std::uint64_t sequence, const WriteBatch& batch) {
    std::string out;
    encode_batch(sequence, batch, out);
    return out;
}

Result<SequencedBatch> decode_batch(std::string_view payload) {
    Decoder in(payload);
    SequencedBatch out;
    std::optional<std::uint64_t> sequence = in.fixed64();
    if (!sequence) return malformed(in, "truncated sequence number");
    out.sequence = *sequence;
    std::optional<std::uint64_t> count = in.varint();
    // Bounding the count by the bytes left keeps a garbage count from reserving gigabytes.
    if (!count || *count > in.left() / kMinOpBytes) return malformed(in, "bad op count");

    auto& ops = out.batch.ops();
    ops.reserve(static_cast<std::size_t>(*count));
    for (std::uint64_t i = 0; i < *count; ++i) {
        std::optional<std::uint8_t> code = in.byte();
        if (!code) return malformed(in, "truncated op");
        WriteBatch::Op op;
        switch (*code) {
            case kPut:
                op.kind = WriteBatch::OpKind::put;
                break;
            case kErase:
                op.kind = WriteBatch::OpKind::erase;
                break;
            case kCreateSpace:
                op.kind = WriteBatch::OpKind::create_space;
                break;
            case kDropSpace:
                op.kind = WriteBatch::OpKind::drop_space;
                break;
            default:
                return malformed(in, "unknown op kind");
        }
        std::optional<std::string_view> space = in.bytes();
        if (!space) return malformed(in, "bad space name");
        op.space = *space;
        if (*code == kPut || *code == kErase) {
            std::optional<std::string_view> key = in.bytes();
            if (!key) return malformed(in, "bad key");
            op.key = *key;
        }
        if (*code == kPut) {
            std::optional<std::string_view> value = in.bytes();
            if (!value) return malformed(in, "bad value");
            op.value = *value;
        }
        ops.push_back(std::move(op));
    }
    if (in.left() != 0) return malformed(in, "trailing bytes after the last op");
    return out;
}

}  // namespace floci::host::storage::wal
