#include "model/key_encoding.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "floci/sdk/aws_error.hpp"

namespace floci::dynamodb {
namespace {

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }
AttributeValue n(std::string_view v) { return AttributeValue(Number::parse(v)); }
AttributeValue b(std::string_view v) { return AttributeValue(Binary{std::string(v)}); }

// std::string compares as unsigned bytes (char_traits<char>::compare is memcmp-like).
bool encodes_before(const AttributeValue& x, const AttributeValue& y) {
    return encode_key_value(x) < encode_key_value(y);
}

void expect_strictly_ascending(const std::vector<AttributeValue>& values) {
    for (size_t i = 0; i + 1 < values.size(); ++i) {
        EXPECT_TRUE(encodes_before(values[i], values[i + 1])) << "at " << i;
        EXPECT_FALSE(encodes_before(values[i + 1], values[i])) << "at " << i;
    }
}

AttributeValue round_trip(const AttributeValue& v) {
    std::string encoded = encode_key_value(v);
    std::string_view in = encoded;
    AttributeValue out = decode_key_value(in);
    EXPECT_TRUE(in.empty());
    return out;
}

TEST(KeyEncodingTest, StringsSortByUtf8Bytes) {
    expect_strictly_ascending({s(""), s("A"), s("Z"), s("a"), s("ab"), s("a\xc3\xa9"), s("b"),
                               s("\xc3\xa9"), s("\xef\xbf\xbd")});
}

TEST(KeyEncodingTest, ShorterPrefixSortsFirst) {
    expect_strictly_ascending({s("a"), s(std::string("a\0", 2)), s(std::string("a\0\0", 3)),
                               s(std::string("a\0\x01", 3)), s("a\x01"), s("ab")});
}

TEST(KeyEncodingTest, BinariesSortAsUnsignedBytes) {
    expect_strictly_ascending({b(""), b(std::string("\0", 1)), b(std::string("\0\xff", 2)),
                               b("\x01"), b("\x7f"), b("\x80"), b("\xfe"), b("\xff"),
                               b("\xff\xff")});
}

TEST(KeyEncodingTest, NegativeNumbersSortBeforePositive) {
    expect_strictly_ascending({n("-1e125"), n("-100"), n("-10"), n("-9.5"), n("-9"), n("-1.5"),
                               n("-1"), n("-0.5"), n("-1e-130"), n("0"), n("1e-130"), n("0.5"),
                               n("1"), n("1.5"), n("9"), n("9.5"), n("10"), n("100"),
                               n("9.9999999999999999999999999999999999999e125")});
}

TEST(KeyEncodingTest, NumberOrderMatchesNumericOrderOnRandomValues) {
    std::mt19937 rng(42);
    std::vector<Number> numbers;
    for (int i = 0; i < 2000; ++i) {
        std::string text = (rng() % 2) ? "-" : "";
        const int digits = 1 + int(rng() % 38);
        for (int d = 0; d < digits; ++d) text += char('0' + rng() % 10);
        text += "e" + std::to_string(int(rng() % 200) - 120);  // stays in range
        numbers.push_back(Number::parse(text));
    }
    std::sort(numbers.begin(), numbers.end());
    for (size_t i = 0; i + 1 < numbers.size(); ++i) {
        const bool equal = numbers[i] == numbers[i + 1];
        EXPECT_EQ(encode_key_value(numbers[i]) == encode_key_value(numbers[i + 1]), equal);
        if (!equal) {
            EXPECT_TRUE(encodes_before(numbers[i], numbers[i + 1])) << i;
        }
    }
}

TEST(KeyEncodingTest, EqualNumbersEncodeEqually) {
    EXPECT_EQ(encode_key_value(n("1.50")), encode_key_value(n("15e-1")));
    EXPECT_EQ(encode_key_value(n("-0")), encode_key_value(n("0")));
}

TEST(KeyEncodingTest, ValuesRoundTrip) {
    for (const AttributeValue& v :
         {s(""), s("hello"), s(std::string("\0x\0", 3)), b(""), b(std::string("\0\xff\0", 3)),
          n("0"), n("-1.5"), n("1e125"), n("-1e-130"), n("12345678901234567890123456789012345678"),
          n("-9.9999999999999999999999999999999999999e125")}) {
        EXPECT_EQ(round_trip(v), v);
    }
}

TEST(KeyEncodingTest, TypesNeverCollide) {
    EXPECT_NE(encode_key_value(s("a")), encode_key_value(b("a")));
    EXPECT_NE(encode_key_value(s("1")), encode_key_value(n("1")));
}

TEST(KeyEncodingTest, PartitionItemsAreContiguousAndSortedByRangeKey) {
    // Hash keys where one is a byte-prefix of the other must not interleave.
    std::vector<std::string> keys = {
        encode_table_key(s("a"), n("2")),  encode_table_key(s("ab"), n("1")),
        encode_table_key(s("a"), n("-5")), encode_table_key(s(std::string("a\0", 2)), n("0")),
        encode_table_key(s("a"), n("10")),
    };
    std::sort(keys.begin(), keys.end());
    const std::string prefix = encode_table_key(s("a"));
    std::vector<std::string> ranges;
    for (const std::string& k : keys) {
        if (k.compare(0, prefix.size(), prefix) == 0) ranges.push_back(k);
    }
    ASSERT_EQ(ranges.size(), 3u);
    EXPECT_EQ(ranges[0], encode_table_key(s("a"), n("-5")));
    EXPECT_EQ(ranges[1], encode_table_key(s("a"), n("2")));
    EXPECT_EQ(ranges[2], encode_table_key(s("a"), n("10")));
    EXPECT_EQ(keys[0], ranges[0]);  // "a" partition first, all three in a row
    EXPECT_EQ(keys[2], ranges[2]);
}

TEST(KeyEncodingTest, TableKeyRoundTrips) {
    const TableKey hash_only = decode_table_key(encode_table_key(n("7")));
    EXPECT_EQ(hash_only.hash, n("7"));
    EXPECT_FALSE(hash_only.range.has_value());
    const TableKey both = decode_table_key(encode_table_key(b(std::string("\0", 1)), s("x")));
    EXPECT_EQ(both.hash, b(std::string("\0", 1)));
    ASSERT_TRUE(both.range.has_value());
    EXPECT_EQ(*both.range, s("x"));
}

TEST(KeyEncodingTest, PrefixCoversEveryExtension) {
    std::string prefix;
    append_key_prefix(prefix, s("ab"));
    for (const char* v : {"ab", "abc", "ab\xff"}) {
        EXPECT_EQ(encode_key_value(s(v)).compare(0, prefix.size(), prefix), 0) << v;
    }
    EXPECT_NE(encode_key_value(s("a")).compare(0, prefix.size(), prefix), 0);
    EXPECT_NE(encode_key_value(s("ac")).compare(0, prefix.size(), prefix), 0);
}

TEST(KeyEncodingTest, NonKeyTypesAreRejected) {
    EXPECT_THROW(encode_key_value(AttributeValue(true)), sdk::AwsError);
    EXPECT_THROW(encode_key_value(AttributeValue(StringSet{{"a"}})), sdk::AwsError);
    std::string out;
    EXPECT_THROW(append_key_prefix(out, n("1")), sdk::AwsError);
}

TEST(KeyEncodingTest, CorruptBytesAreRejected) {
    for (std::string bad :
         {std::string(""), std::string("X"), std::string("Sab"), std::string("Sa\0\x02", 4),
          std::string("N\x03\x82"), std::string("N\x04"), std::string("N\x03\x82\x0b\x00", 5)}) {
        std::string_view in = bad;
        EXPECT_THROW(decode_key_value(in), sdk::AwsError) << bad;
    }
    EXPECT_THROW(decode_table_key(encode_table_key(s("a"), s("b")) + "x"), sdk::AwsError);
}

}  // namespace
}  // namespace floci::dynamodb
