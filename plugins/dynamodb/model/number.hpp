#pragma once
// An exact DynamoDB number: up to 38 significant decimal digits, magnitude 1E-130 to
// 9.9999999999999999999999999999999999999E+125, or zero. Never a double: "1", "1.0" and "1e0"
// are the same number, and ADD/SET arithmetic is exact (AWS: "Number" in the developer guide's
// "Supported data types"). Value = coefficient * 10^exponent, kept normalized (no trailing
// zeros in the coefficient; zero has exponent 0), so equal numbers have equal representations.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace floci::dynamodb {

// AWS's ValidationException texts for numbers, verbatim (dynalite validations/index.js
// checkNum, which mirrors AWS; confirmed by the scylladb test/alternator/test_number.py runs
// against AWS). Inexact +/- results also get the overflow text: AWS does that too, see
// test_update_expression_plus_imprecise there.
inline constexpr std::string_view kNumberNotNumericMessage =
    "The parameter cannot be converted to a numeric value";
inline constexpr std::string_view kNumberTooManyDigitsMessage =
    "Attempting to store more than 38 significant digits in a Number";
inline constexpr std::string_view kNumberOverflowMessage =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
inline constexpr std::string_view kNumberUnderflowMessage =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

class Number {
  public:
    static constexpr int kMaxDigits = 38;
    // Exponent of the leading digit: 1E-130 is the smallest magnitude, 9.99...E+125 the
    // largest (developer guide, "Supported data types" > Number).
    static constexpr int kMinLeadingExponent = -130;
    static constexpr int kMaxLeadingExponent = 125;

    Number() = default;  // zero

    // Parses DynamoDB's number text (optional sign, digits, optional fraction, optional
    // exponent; leading and trailing zeros allowed). Throws AwsError ValidationException with
    // AWS's text for malformed text (kNumberNotNumericMessage, plus ": <text>" unless the text
    // is empty), out-of-range magnitude (checked first) or more than 38 significant digits.
    static Number parse(std::string_view text);

    // Exact conversion of a machine integer (e.g. the result of size()). Never throws.
    static Number from_integer(std::int64_t value) noexcept;

    // The canonical text AWS returns: no exponent, no trailing fractional zeros, "-" for
    // negatives, "0" for zero (e.g. "1.50" -> "1.5", "1e3" -> "1000", "-0" -> "0").
    std::string to_string() const;
    // Appends to_string()'s text to `out` without a temporary string.
    void append_to(std::string& out) const;

    // Exact sum and difference. Throw ValidationException "Number overflow. Attempting to
    // store a number with magnitude larger than supported range" (or the underflow text)
    // when the result leaves the range, and when it needs more than 38 digits.
    Number operator+(const Number& other) const;
    Number operator-(const Number& other) const;
    Number operator-() const;

    bool is_zero() const noexcept { return coefficient_ == 0; }
    bool is_negative() const noexcept { return coefficient_ < 0; }

    std::strong_ordering operator<=>(const Number& other) const noexcept;
    bool operator==(const Number& other) const noexcept = default;

    __int128 coefficient() const noexcept { return coefficient_; }
    int exponent() const noexcept { return exponent_; }
    // Significant digits of the coefficient (1 for zero).
    int digit_count() const noexcept;
    // Exponent of the most significant digit: 0 for 1..9, 2 for 100, -3 for 0.001; 0 for zero.
    int leading_exponent() const noexcept { return exponent_ + digit_count() - 1; }
    // The significant digits without sign, e.g. "15" for -1.5 ("0" for zero).
    std::string digits() const;
    // The value if it is an integer that fits, else false (for list indexes and the like).
    bool to_int64(std::int64_t& out) const noexcept;

  private:
    Number(__int128 coefficient, int exponent) : coefficient_(coefficient), exponent_(exponent) {}

    __int128 coefficient_ = 0;  // |coefficient_| < 10^38
    int exponent_ = 0;
};

}  // namespace floci::dynamodb
