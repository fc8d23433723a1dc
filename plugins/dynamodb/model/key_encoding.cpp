// Order-preserving key encoding. The format is documented in key_encoding.hpp.
#include "model/key_encoding.hpp"

#include <cstdint>

#include "floci/sdk/aws_error.hpp"

namespace floci::dynamodb {
namespace {

using sdk::AwsError;

constexpr char kTagS = 'S';
constexpr char kTagN = 'N';
constexpr char kTagB = 'B';
constexpr char kEscape = '\x00';
constexpr char kEscapedZero = '\xFF';
constexpr char kBytesEnd = '\x01';
constexpr char kNegative = '\x01';
constexpr char kZero = '\x02';
constexpr char kPositive = '\x03';
constexpr char kPositiveEnd = '\x00';
constexpr char kNegativeEnd = '\xFF';
constexpr int kExponentBias = -Number::kMinLeadingExponent;  // 130: 1E-130 encodes as 0

[[noreturn]] void corrupt() { throw AwsError::internal("Corrupt key encoding"); }

void append_escaped(std::string& out, std::string_view bytes) {
    for (char c : bytes) {
        out += c;
        if (c == kEscape) out += kEscapedZero;
    }
}

void append_number(std::string& out, const Number& n) {
    if (n.is_zero()) {
        out += kZero;
        return;
    }
    const int biased = n.leading_exponent() + kExponentBias;  // 0..255
    const bool negative = n.is_negative();
    out += negative ? kNegative : kPositive;
    out += char(uint8_t(negative ? 255 - biased : biased));
    for (char d : n.digits()) out += char(negative ? 10 - (d - '0') : (d - '0') + 1);
    out += negative ? kNegativeEnd : kPositiveEnd;
}

char take(std::string_view& in) {
    if (in.empty()) corrupt();
    const char c = in.front();
    in.remove_prefix(1);
    return c;
}

std::string decode_bytes(std::string_view& in) {
    std::string out;
    for (;;) {
        const char c = take(in);
        if (c != kEscape) {
            out += c;
            continue;
        }
        const char next = take(in);
        if (next == kBytesEnd) return out;
        if (next != kEscapedZero) corrupt();
        out += kEscape;
    }
}

Number decode_number(std::string_view& in) {
    const char cls = take(in);
    if (cls == kZero) return Number();
    if (cls != kNegative && cls != kPositive) corrupt();
    const bool negative = cls == kNegative;
    const int stored = uint8_t(take(in));
    const int leading = (negative ? 255 - stored : stored) - kExponentBias;
    std::string digits;
    for (char c = take(in); c != (negative ? kNegativeEnd : kPositiveEnd); c = take(in)) {
        const int d = negative ? 10 - int(c) : int(c) - 1;
        if (d < 0 || d > 9) corrupt();
        digits += char('0' + d);
    }
    if (digits.empty()) corrupt();
    const int exponent = leading - int(digits.size()) + 1;
    try {
        return Number::parse((negative ? "-" : "") + digits + "e" + std::to_string(exponent));
    } catch (const AwsError&) {
        corrupt();
    }
}

}  // namespace

void append_key_value(std::string& out, const AttributeValue& value) {
    if (const auto* n = value.get_if<Number>()) {
        out += kTagN;
        append_number(out, *n);
        return;
    }
    append_key_prefix(out, value);  // S or B
    out += kEscape;
    out += kBytesEnd;
}

void append_key_prefix(std::string& out, const AttributeValue& value) {
    if (const auto* s = value.get_if<std::string>()) {
        out += kTagS;
        append_escaped(out, *s);
    } else if (const auto* b = value.get_if<Binary>()) {
        out += kTagB;
        append_escaped(out, b->bytes);
    } else {
        throw AwsError::internal("Key values must be S, N or B, not " +
                                 std::string(type_name(value.type())));
    }
}

std::string encode_key_value(const AttributeValue& value) {
    std::string out;
    append_key_value(out, value);
    return out;
}

std::string encode_table_key(const AttributeValue& hash) { return encode_key_value(hash); }

std::string encode_table_key(const AttributeValue& hash, const AttributeValue& range) {
    std::string out = encode_key_value(hash);
    append_key_value(out, range);
    return out;
}

AttributeValue decode_key_value(std::string_view& in) {
    switch (take(in)) {
        case kTagS:
            return decode_bytes(in);
        case kTagB:
            return Binary{decode_bytes(in)};
        case kTagN:
            return decode_number(in);
        default:
            corrupt();
    }
}

TableKey decode_table_key(std::string_view encoded) {
    TableKey key{decode_key_value(encoded), std::nullopt};
    if (!encoded.empty()) key.range = decode_key_value(encoded);
    if (!encoded.empty()) corrupt();
    return key;
}

}  // namespace floci::dynamodb
