#include "storage/wal/batch_codec.hpp"

#include <floci/sdk/aws_error.hpp>
#include <optional>

namespace floci::host::storage::wal {

using floci::sdk::AwsError;
using floci::sdk::Result;
using floci::sdk::WriteBatch;

namespace {

constexpr std::uint8_t kPut = 1;
constexpr std::uint8_t kErase = 2;
constexpr std::uint8_t kCreateSpace = 3;
constexpr std::uint8_t kDropSpace = 4;
constexpr std::size_t kMaxVarint64Bytes = 10;
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

void put_varint(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void put_bytes(std::string& out, std::string_view bytes) {
    put_varint(out, bytes.size());
    out.append(bytes);
}

// A cursor over the payload that never reads past its end.
class Decoder {
  public:
    explicit Decoder(std::string_view in) : in_(in), size_(in.size()) {}

    std::size_t offset() const { return size_ - in_.size(); }
    std::size_t left() const { return in_.size(); }

    std::optional<std::uint64_t> fixed64() {
        if (in_.size() < 8) return std::nullopt;
        std::uint64_t value = 0;
        for (int i = 0; i < 8; ++i) {
            value |= std::uint64_t{static_cast<unsigned char>(in_[i])} << (8 * i);
        }
        in_.remove_prefix(8);
        return value;
    }

    std::optional<std::uint8_t> byte() {
        if (in_.empty()) return std::nullopt;
        auto value = static_cast<std::uint8_t>(in_[0]);
        in_.remove_prefix(1);
        return value;
    }

    std::optional<std::uint64_t> varint() {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < kMaxVarint64Bytes && i < in_.size(); ++i) {
            auto b = static_cast<unsigned char>(in_[i]);
            // The tenth byte may only carry the top bit of a 64-bit value.
            if (i == kMaxVarint64Bytes - 1 && b > 1) return std::nullopt;
            value |= std::uint64_t{b & 0x7fu} << (7 * i);
            if ((b & 0x80) == 0) {
                in_.remove_prefix(i + 1);
                return value;
            }
        }
        return std::nullopt;
    }

    std::optional<std::string_view> bytes() {
        std::optional<std::uint64_t> length = varint();
        if (!length || *length > in_.size()) return std::nullopt;
        std::string_view out = in_.substr(0, static_cast<std::size_t>(*length));
        in_.remove_prefix(out.size());
        return out;
    }

  private:
    std::string_view in_;
    std::size_t size_;
};

AwsError malformed(const Decoder& in, const char* what) {
    return AwsError::internal("wal: malformed batch record at payload byte " +
                              std::to_string(in.offset()) + ": " + what);
}

}  // namespace

void encode_batch(std::uint64_t sequence, const WriteBatch& batch, std::string& out) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((sequence >> (8 * i)) & 0xff));
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
