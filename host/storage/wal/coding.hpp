#pragma once
// Little-endian fixed-width integers and LevelDB varints, shared by the batch and checkpoint
// encodings. Decoder never reads past the end of its input: every getter returns nullopt
// instead, so a damaged payload becomes an error, never an over-read.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace floci::host::storage::wal {

// A 64-bit value takes at most 10 varint bytes (7 bits each).
inline constexpr std::size_t kMaxVarint64Bytes = 10;

inline void put_fixed64(std::string& out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

inline void put_varint(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

// A length-prefixed byte string.
inline void put_bytes(std::string& out, std::string_view bytes) {
    put_varint(out, bytes.size());
    out.append(bytes);
}

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

}  // namespace floci::host::storage::wal
