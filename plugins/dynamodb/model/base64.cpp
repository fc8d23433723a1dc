// Strict standard base64. See base64.hpp.
#include "model/base64.hpp"

#include <array>
#include <cstdint>

namespace floci::dynamodb {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int8_t kInvalid = -1;
constexpr int8_t kPad = -2;

constexpr std::array<int8_t, 256> make_table() {
    std::array<int8_t, 256> t{};
    for (auto& v : t) v = kInvalid;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = int8_t(i);
    t['='] = kPad;
    return t;
}

constexpr std::array<int8_t, 256> kTable = make_table();

int8_t value_of(char c) { return kTable[static_cast<unsigned char>(c)]; }

// The first character AWS names as invalid: anything outside the alphabet, or a "=" that is
// followed by something other than "=" (dynalite's /[^a-zA-Z0-9+/=]|\=[^=]/).
Base64Result find_bad_character(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        const int8_t v = value_of(text[i]);
        if (v == kInvalid) return {Base64Error::kCharacter, text[i]};
        if (v == kPad && i + 1 < text.size() && text[i + 1] != '=') {
            return {Base64Error::kCharacter, '='};
        }
    }
    return {};
}

}  // namespace

void base64_encode(std::string& out, std::string_view bytes) {
    out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t n = uint32_t(uint8_t(bytes[i])) << 16 |
                           uint32_t(uint8_t(bytes[i + 1])) << 8 | uint32_t(uint8_t(bytes[i + 2]));
        out += kAlphabet[n >> 18];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest == 0) return;
    uint32_t n = uint32_t(uint8_t(bytes[i])) << 16;
    if (rest == 2) n |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
}

std::string base64_encode(std::string_view bytes) {
    std::string out;
    base64_encode(out, bytes);
    return out;
}

Base64Result base64_decode(std::string_view text, std::string& out) {
    out.clear();
    if (text.size() % 4 != 0) return {Base64Error::kLength, 0};
    if (Base64Result bad = find_bad_character(text); !bad.ok()) return bad;
    // "=" only appears as a tail now; more than two, or stray bits before it, is what AWS
    // calls an invalid last non-pad character.
    const size_t data = text.find('=') == std::string_view::npos ? text.size() : text.find('=');
    const size_t pad = text.size() - data;
    if (pad > 2) return {Base64Error::kLastCharacter, 0};
    out.reserve(text.size() / 4 * 3);
    uint32_t bits = 0;
    int bit_count = 0;
    for (size_t i = 0; i < data; ++i) {
        bits = (bits << 6) | uint32_t(value_of(text[i]));
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out += char((bits >> bit_count) & 0xFF);
        }
    }
    if ((bits & ((1u << bit_count) - 1)) != 0) return {Base64Error::kLastCharacter, 0};
    return {};
}

}  // namespace floci::dynamodb
