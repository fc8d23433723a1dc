#include "model/number.hpp"

#include <gtest/gtest.h>

#include <string>

#include "floci/sdk/aws_error.hpp"

namespace floci::dynamodb {
namespace {

std::string canonical(std::string_view text) { return Number::parse(text).to_string(); }

std::string parse_error(std::string_view text) {
    try {
        Number::parse(text);
    } catch (const sdk::AwsError& e) {
        EXPECT_EQ(e.type(), "ValidationException");
        return e.message();
    }
    return "<no error>";
}

std::string sum_error(std::string_view a, std::string_view b) {
    try {
        (void)(Number::parse(a) + Number::parse(b));
    } catch (const sdk::AwsError& e) {
        return e.message();
    }
    return "<no error>";
}

const std::string kOverflow(kNumberOverflowMessage);
const std::string kUnderflow(kNumberUnderflowMessage);
const std::string kTooMany(kNumberTooManyDigitsMessage);

TEST(NumberTest, TrailingZerosAreDropped) {
    EXPECT_EQ(canonical("1.50"), "1.5");
    EXPECT_EQ(canonical("1.000"), "1");
    EXPECT_EQ(canonical("0042.1200"), "42.12");
}

TEST(NumberTest, ExponentsAreExpanded) {
    EXPECT_EQ(canonical("1e3"), "1000");
    EXPECT_EQ(canonical("1E+3"), "1000");
    EXPECT_EQ(canonical("-17.4E37"), "-174" + std::string(36, '0'));
    EXPECT_EQ(canonical("1.5e-3"), "0.0015");
    EXPECT_EQ(canonical("1E125"), "1" + std::string(125, '0'));
    EXPECT_EQ(canonical("1E-130"), "0." + std::string(129, '0') + "1");
}

TEST(NumberTest, ZeroHasOneSpelling) {
    EXPECT_EQ(canonical("-0"), "0");
    EXPECT_EQ(canonical("0.000"), "0");
    EXPECT_EQ(canonical("+0e5"), "0");
    EXPECT_FALSE(Number::parse("-0").is_negative());
    EXPECT_EQ(Number::parse("-0"), Number());
}

TEST(NumberTest, SmallFractionsKeepLeadingZeros) {
    EXPECT_EQ(canonical("0.000001"), "0.000001");
    EXPECT_EQ(canonical(".5"), "0.5");
    EXPECT_EQ(canonical("5."), "5");
    EXPECT_EQ(canonical("-0.25"), "-0.25");
}

TEST(NumberTest, JavaStyleSignsAreAccepted) {
    EXPECT_EQ(canonical("+3"), "3");
    EXPECT_EQ(canonical("1e+5"), "100000");
    EXPECT_EQ(canonical("0001.23"), "1.23");
}

TEST(NumberTest, MalformedTextIsEchoed) {
    for (const char* text : {"NaN", "Infinity", "-Infinity", "dog", " 1", "1 ", "1e", "e5", ".",
                             "-", "1.2.3", "1e5.5", "0x10", "--1", "1_000"}) {
        EXPECT_EQ(parse_error(text), std::string(kNumberNotNumericMessage) + ": " + text) << text;
    }
}

TEST(NumberTest, EmptyTextIsNotEchoed) { EXPECT_EQ(parse_error(""), kNumberNotNumericMessage); }

TEST(NumberTest, ThirtyEightDigitsAreAccepted) {
    EXPECT_EQ(canonical("3.1415926535897932384626433832795028841"),
              "3.1415926535897932384626433832795028841");
    EXPECT_EQ(canonical("31415926535897932384626433832795028841e30"),
              "31415926535897932384626433832795028841" + std::string(30, '0'));
}

TEST(NumberTest, ThirtyNineDigitsAreRejected) {
    EXPECT_EQ(parse_error("123456789012345678901234567890123456789"), kTooMany);
    EXPECT_EQ(parse_error("-1.23456789012345678901234567890123456789"), kTooMany);
}

TEST(NumberTest, ZerosDoNotCountAsSignificantDigits) {
    EXPECT_EQ(canonical("1" + std::string(60, '0')), "1" + std::string(60, '0'));
    EXPECT_EQ(canonical("0.000000000000000000000000000000000000000000001"),
              "0.000000000000000000000000000000000000000000001");
}

TEST(NumberTest, MagnitudeLimitsAreInclusive) {
    EXPECT_EQ(canonical("9.9999999999999999999999999999999999999E+125"),
              "99999999999999999999999999999999999999" + std::string(88, '0'));
    EXPECT_NO_THROW(Number::parse("-1e-130"));
    EXPECT_NO_THROW(Number::parse("1e125"));
}

TEST(NumberTest, TooLargeMagnitudeOverflows) {
    EXPECT_EQ(parse_error("1e126"), kOverflow);
    EXPECT_EQ(parse_error("-1e126"), kOverflow);
    EXPECT_EQ(parse_error("11e125"), kOverflow);
    EXPECT_EQ(parse_error("1e99999999999"), kOverflow);
    EXPECT_EQ(parse_error("1e2147483648"), kOverflow);
}

TEST(NumberTest, TooSmallMagnitudeUnderflows) {
    EXPECT_EQ(parse_error("1e-131"), kUnderflow);
    EXPECT_EQ(parse_error("-1e-131"), kUnderflow);
    EXPECT_EQ(parse_error("0.9e-130"), kUnderflow);
    EXPECT_EQ(parse_error("1e-99999999999"), kUnderflow);
    EXPECT_EQ(parse_error("1e-9223372036854775808"), kUnderflow);
}

TEST(NumberTest, RangeIsCheckedBeforeDigitCount) {
    EXPECT_EQ(parse_error("123456789012345678901234567890123456789e100"), kOverflow);
}

TEST(NumberTest, ExponentBeyondSixtyFourBitsCannotBeConverted) {
    EXPECT_EQ(parse_error("1e9223372036854775808"),
              std::string(kNumberNotNumericMessage) + ": 1e9223372036854775808");
    EXPECT_EQ(parse_error("1e-9223372036854775809"),
              std::string(kNumberNotNumericMessage) + ": 1e-9223372036854775809");
}

TEST(NumberTest, LeadingZerosInExponentAreHarmless) {
    EXPECT_EQ(canonical("1e00000000000000000000000003"), "1000");
}

TEST(NumberTest, ZeroIsRangeCheckedByItsWrittenExponent) {
    EXPECT_EQ(parse_error("0e126"), kOverflow);
    EXPECT_EQ(parse_error("0e-131"), kUnderflow);
    EXPECT_EQ(canonical("0e125"), "0");
    EXPECT_EQ(canonical("0e-130"), "0");
}

TEST(NumberTest, EqualValuesAreEqual) {
    EXPECT_EQ(Number::parse("1"), Number::parse("1.0"));
    EXPECT_EQ(Number::parse("1"), Number::parse("1e0"));
    EXPECT_EQ(Number::parse("100"), Number::parse("1E2"));
    EXPECT_NE(Number::parse("1"), Number::parse("-1"));
}

TEST(NumberTest, OrderingIsNumeric) {
    const char* ascending[] = {"-1e125", "-100",   "-99.5", "-1",  "-0.5", "-1e-130",
                               "0",      "1e-130", "0.001", "0.5", "1",    "1.05",
                               "9",      "10",     "10.5",  "99",  "100",  "1e125"};
    for (size_t i = 0; i + 1 < std::size(ascending); ++i) {
        EXPECT_LT(Number::parse(ascending[i]), Number::parse(ascending[i + 1]))
            << ascending[i] << " < " << ascending[i + 1];
        EXPECT_GT(Number::parse(ascending[i + 1]), Number::parse(ascending[i]));
    }
    EXPECT_EQ(Number::parse("2.50") <=> Number::parse("2.5"), std::strong_ordering::equal);
}

TEST(NumberTest, AdditionIsExact) {
    EXPECT_EQ((Number::parse("1") + Number::parse("10000000000000000000000")).to_string(),
              "10000000000000000000001");
    EXPECT_EQ((Number::parse("10000000000000000000000") - Number::parse("1")).to_string(),
              "9999999999999999999999");
    EXPECT_EQ((Number::parse("0.1") + Number::parse("0.2")).to_string(), "0.3");
    EXPECT_EQ((Number::parse("1.5") + Number::parse("-1.5")).to_string(), "0");
    EXPECT_EQ((Number::parse("-2") + Number::parse("0.5")).to_string(), "-1.5");
    EXPECT_EQ((Number::parse("5") - Number::parse("7")).to_string(), "-2");
    EXPECT_EQ((Number() - Number::parse("7")).to_string(), "-7");
}

TEST(NumberTest, CancellationCanBringWideOperandsBackInRange) {
    // 1e38 - 99999999999999999999999999999999999999 = 1: the operands align to 39 digits.
    const std::string nines(38, '9');
    EXPECT_EQ((Number::parse("1e38") - Number::parse(nines)).to_string(), "1");
    EXPECT_EQ((Number::parse("1e38") + Number::parse("-" + nines)).to_string(), "1");
}

TEST(NumberTest, InexactSumOverflows) {
    // AWS answers "Number overflow" for results needing more than 38 digits
    // (scylladb test_update_expression_plus_imprecise).
    EXPECT_EQ(sum_error("1e50", "1"), kOverflow);
    EXPECT_EQ(sum_error("1", "1e-130"), kOverflow);
    EXPECT_EQ(sum_error(std::string(38, '9'), "1e-1"), kOverflow);
}

TEST(NumberTest, SumBeyondRangeOverflows) {
    EXPECT_EQ(sum_error("9e125", "9e125"), kOverflow);
    EXPECT_EQ(sum_error("-9e125", "-9e125"), kOverflow);
}

TEST(NumberTest, SumOfThirtyEightNinesAndOneIsExact) {
    EXPECT_EQ((Number::parse(std::string(38, '9')) + Number::parse("1")).to_string(),
              "1" + std::string(38, '0'));
}

TEST(NumberTest, FromIntegerNormalizes) {
    EXPECT_EQ(Number::from_integer(1000), Number::parse("1e3"));
    EXPECT_EQ(Number::from_integer(0), Number());
    EXPECT_EQ(Number::from_integer(INT64_MIN).to_string(), "-9223372036854775808");
}

TEST(NumberTest, ToInt64AcceptsOnlyIntegersThatFit) {
    std::int64_t v = -1;
    EXPECT_TRUE(Number::parse("12e2").to_int64(v));
    EXPECT_EQ(v, 1200);
    EXPECT_TRUE(Number::parse("0").to_int64(v));
    EXPECT_EQ(v, 0);
    EXPECT_FALSE(Number::parse("1.5").to_int64(v));
    EXPECT_FALSE(Number::parse("1e19").to_int64(v));
    EXPECT_TRUE(Number::parse("-9223372036854775808").to_int64(v));
    EXPECT_EQ(v, INT64_MIN);
}

TEST(NumberTest, DigitsAndLeadingExponentDescribeTheValue) {
    const Number n = Number::parse("-0.0150");
    EXPECT_EQ(n.digits(), "15");
    EXPECT_EQ(n.digit_count(), 2);
    EXPECT_EQ(n.leading_exponent(), -2);
    EXPECT_EQ(Number().digits(), "0");
    EXPECT_EQ(Number::parse("1200").leading_exponent(), 3);
}

}  // namespace
}  // namespace floci::dynamodb
