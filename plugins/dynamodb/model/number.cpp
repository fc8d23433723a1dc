// Exact decimal arithmetic for DynamoDB numbers. See number.hpp for the contract.
#include "model/number.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "floci/sdk/aws_error.hpp"

namespace floci::dynamodb {
namespace {

using sdk::AwsError;
using U128 = unsigned __int128;

constexpr U128 pow10(int n) noexcept {
    U128 r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

constexpr U128 kTenTo38 = pow10(38);

// 128-bit division is a library call; numbers in items mostly fit 64 bits, where dividing
// by 10 is a multiplication.
int count_digits(U128 v) noexcept {
    int n = 1;
    while (v > UINT64_MAX) {
        v /= 10;
        ++n;
    }
    for (std::uint64_t low = std::uint64_t(v); low >= 10; low /= 10) ++n;
    return n;
}

// Writes the decimal digits of `v` so that they end just before `end`; returns where they
// start. `end` needs 39 bytes of room before it.
char* write_digits(U128 v, char* end) noexcept {
    constexpr std::uint64_t kTenTo19 = 10000000000000000000ull;
    while (v > UINT64_MAX) {  // at most twice: |coefficient| < 10^38
        std::uint64_t chunk = std::uint64_t(v % kTenTo19);
        v /= kTenTo19;
        for (int i = 0; i < 19; ++i, chunk /= 10) *--end = char('0' + chunk % 10);
    }
    std::uint64_t low = std::uint64_t(v);
    do {
        *--end = char('0' + low % 10);
        low /= 10;
    } while (low != 0);
    return end;
}

U128 magnitude(__int128 v) noexcept { return v < 0 ? U128(0) - U128(v) : U128(v); }

// The pieces of "[+-]digits[.digits][(e|E)[+-]digits]". Java's BigDecimal grammar, which AWS
// follows: "+3", ".5", "1." and "1e+5" are numbers; spaces, "NaN" and "Infinity" are not
// (scylladb test/alternator/test_number.py test_invalid_numbers, run against AWS).
struct NumberText {
    bool negative = false;
    std::string_view int_digits;
    std::string_view frac_digits;
    bool exp_negative = false;
    std::string_view exp_digits;
};

std::string_view take_digits(std::string_view text, size_t& pos) {
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    return text.substr(start, pos - start);
}

bool take_sign(std::string_view text, size_t& pos) {
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) return text[pos++] == '-';
    return false;
}

bool split(std::string_view text, NumberText& out) {
    size_t pos = 0;
    out.negative = take_sign(text, pos);
    out.int_digits = take_digits(text, pos);
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        out.frac_digits = take_digits(text, pos);
    }
    if (out.int_digits.empty() && out.frac_digits.empty()) return false;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        out.exp_negative = take_sign(text, pos);
        out.exp_digits = take_digits(text, pos);
        if (out.exp_digits.empty()) return false;
    }
    return pos == text.size();
}

// The exponent must fit a signed 64-bit integer; beyond that AWS cannot convert the text at
// all, while a merely huge exponent is an overflow or underflow (paritysuite
// dynamodb-conformance tests/tier3/limits/numberExponent.test.ts, captured against AWS).
bool read_exponent(const NumberText& t, __int128& exp) {
    const U128 limit = U128(INT64_MAX) + (t.exp_negative ? 1 : 0);
    U128 v = 0;
    for (char c : t.exp_digits) {
        v = v * 10 + U128(c - '0');
        if (v > limit) return false;
    }
    exp = t.exp_negative ? -__int128(v) : __int128(v);
    return true;
}

[[noreturn]] void throw_message(std::string_view message) {
    throw AwsError::validation(std::string(message));
}

[[noreturn]] void throw_not_numeric(std::string_view text) {
    // AWS echoes the text, except when it is empty (dynalite checkNum).
    if (text.empty()) throw_message(kNumberNotNumericMessage);
    throw AwsError::validation(std::string(kNumberNotNumericMessage) + ": " + std::string(text));
}

void check_range(__int128 leading_exponent) {
    if (leading_exponent > Number::kMaxLeadingExponent) throw_message(kNumberOverflowMessage);
    if (leading_exponent < Number::kMinLeadingExponent) throw_message(kNumberUnderflowMessage);
}

}  // namespace

Number Number::parse(std::string_view text) {
    NumberText t;
    __int128 exp = 0;
    if (!split(text, t) || !read_exponent(t, exp)) throw_not_numeric(text);

    std::string digits;
    digits.reserve(t.int_digits.size() + t.frac_digits.size());
    digits.append(t.int_digits).append(t.frac_digits);
    exp -= __int128(t.frac_digits.size());  // value = digits * 10^exp

    const size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
        // Zero is range-checked by the exponent it is written with, as BigDecimal sees it
        // ("0e126" overflows, "0e125" is 0): numberExponent.test.ts.
        check_range(exp);
        return Number();
    }
    const size_t last = digits.find_last_not_of('0');
    exp += __int128(digits.size() - 1 - last);
    const std::string_view sig = std::string_view(digits).substr(first, last - first + 1);

    // Range before precision, as dynalite checkNum orders them.
    check_range(exp + __int128(sig.size()) - 1);
    if (sig.size() > size_t(kMaxDigits)) throw_message(kNumberTooManyDigitsMessage);

    __int128 coefficient = 0;
    for (char c : sig) coefficient = coefficient * 10 + (c - '0');
    return Number(t.negative ? -coefficient : coefficient, int(exp));
}

Number Number::from_integer(std::int64_t value) noexcept {
    __int128 c = value;
    int exp = 0;
    while (c != 0 && c % 10 == 0) {
        c /= 10;
        ++exp;
    }
    return Number(c, exp);
}

int Number::digit_count() const noexcept { return count_digits(magnitude(coefficient_)); }

std::string Number::digits() const {
    char buffer[40];
    char* const end = buffer + sizeof(buffer);
    return std::string(write_digits(magnitude(coefficient_), end), end);
}

bool Number::to_int64(std::int64_t& out) const noexcept {
    if (exponent_ < 0) return false;
    if (is_zero()) {
        out = 0;
        return true;
    }
    if (leading_exponent() > 18) return false;
    const __int128 v = coefficient_ * __int128(pow10(exponent_));
    if (v > INT64_MAX || v < INT64_MIN) return false;
    out = std::int64_t(v);
    return true;
}

std::string Number::to_string() const {
    std::string out;
    append_to(out);
    return out;
}

void Number::append_to(std::string& out) const {
    if (is_zero()) {
        out += '0';
        return;
    }
    char buffer[40];
    char* const end = buffer + sizeof(buffer);
    const std::string_view d(write_digits(magnitude(coefficient_), end), end);
    if (is_negative()) out += '-';
    if (exponent_ >= 0) {
        out += d;
        out.append(std::size_t(exponent_), '0');
        return;
    }
    const int point = int(d.size()) + exponent_;  // digits before the decimal point
    if (point <= 0) {
        out += "0.";
        out.append(std::size_t(-point), '0');
        out += d;
        return;
    }
    out += d.substr(0, std::size_t(point));
    out += '.';
    out += d.substr(std::size_t(point));
}

std::strong_ordering Number::operator<=>(const Number& other) const noexcept {
    const int sign_a = coefficient_ < 0 ? -1 : coefficient_ > 0;
    const int sign_b = other.coefficient_ < 0 ? -1 : other.coefficient_ > 0;
    if (sign_a != sign_b || sign_a == 0) return sign_a <=> sign_b;
    // Same non-zero sign: compare magnitudes, then flip for negatives.
    std::strong_ordering mag = leading_exponent() <=> other.leading_exponent();
    if (mag == 0) {
        // Equal leading exponents: left-align both coefficients to 38 digits.
        const U128 a = magnitude(coefficient_) * pow10(kMaxDigits - digit_count());
        const U128 b = magnitude(other.coefficient_) * pow10(kMaxDigits - other.digit_count());
        mag = a <=> b;
    }
    return sign_a > 0 ? mag : 0 <=> mag;
}

Number Number::operator-() const { return Number(-coefficient_, exponent_); }

Number Number::operator-(const Number& other) const { return *this + (-other); }

Number Number::operator+(const Number& other) const {
    if (other.is_zero()) return *this;
    if (is_zero()) return other;
    const Number& hi = exponent_ >= other.exponent_ ? *this : other;  // larger exponent
    const Number& lo = exponent_ >= other.exponent_ ? other : *this;
    const int shift = hi.exponent_ - lo.exponent_;
    // lo's last digit (at lo.exponent_) is non-zero, so the exact sum keeps a digit there; to
    // fit 38 digits its magnitude must stay below 10^38 * 10^lo.exponent_, so hi, aligned to
    // lo's exponent, must be below 2 * 10^38. Anything wider cannot be stored exactly.
    const U128 limit = 2 * kTenTo38;
    const U128 hi_mag = magnitude(hi.coefficient_);
    if (hi.digit_count() + shift > kMaxDigits + 1 || hi_mag > limit / pow10(shift)) {
        throw_message(kNumberOverflowMessage);
    }
    const U128 a = hi_mag * pow10(shift);
    const U128 b = magnitude(lo.coefficient_);
    const bool hi_negative = hi.is_negative();
    U128 sum;
    bool negative;
    if (hi_negative == lo.is_negative()) {
        sum = a + b;
        negative = hi_negative;
    } else {
        sum = a >= b ? a - b : b - a;
        negative = a >= b ? hi_negative : !hi_negative;
    }
    if (sum == 0) return Number();
    int exp = lo.exponent_;
    while (sum % 10 == 0) {
        sum /= 10;
        ++exp;
    }
    if (sum >= kTenTo38) throw_message(kNumberOverflowMessage);
    check_range(__int128(exp) + count_digits(sum) - 1);
    const __int128 c = __int128(sum);
    return Number(negative ? -c : c, exp);
}

}  // namespace floci::dynamodb
