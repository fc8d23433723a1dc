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

class Number {
  public:
    static constexpr int kMaxDigits = 38;

    Number() = default;  // zero

    // Parses DynamoDB's number text (optional sign, digits, optional fraction, optional
    // exponent; leading and trailing zeros allowed). Throws AwsError ValidationException with
    // AWS's text for malformed text, more than 38 significant digits, or out-of-range
    // magnitude.
    static Number parse(std::string_view text);

    // The canonical text AWS returns: no exponent, no trailing fractional zeros, "-" for
    // negatives, "0" for zero (e.g. "1.50" -> "1.5", "1e3" -> "1000", "-0" -> "0").
    std::string to_string() const;

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

  private:
    Number(__int128 coefficient, int exponent) : coefficient_(coefficient), exponent_(exponent) {}

    __int128 coefficient_ = 0;  // |coefficient_| < 10^38
    int exponent_ = 0;
};

}  // namespace floci::dynamodb
