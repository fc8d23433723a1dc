#include "model/key_check.hpp"

#include <gtest/gtest.h>

#include "floci/sdk/aws_error.hpp"
#include "model/item_size.hpp"

namespace floci::dynamodb {
namespace {

std::string error_of(std::string_view name, const AttributeValue& value, bool partition) {
    try {
        check_key_value(name, value, partition);
    } catch (const sdk::AwsError& e) {
        EXPECT_EQ(e.type(), "ValidationException");
        return e.message();
    }
    return "<no error>";
}

AttributeValue s(std::size_t n) { return AttributeValue(std::string(n, 'x')); }

TEST(KeyCheckTest, EmptyStringKeyIsRejectedNamingTheKey) {
    EXPECT_EQ(error_of("pk", s(0), true),
              "One or more parameter values are not valid. The AttributeValue for a key "
              "attribute cannot contain an empty string value. Key: pk");
}

TEST(KeyCheckTest, EmptyBinaryKeyIsRejected) {
    EXPECT_EQ(error_of("sk", AttributeValue(Binary{}), false),
              "One or more parameter values are not valid. The AttributeValue for a key "
              "attribute cannot contain an empty binary value. Key: sk");
}

TEST(KeyCheckTest, PartitionKeyUpTo2048BytesIsAccepted) {
    EXPECT_EQ(error_of("pk", s(2048), true), "<no error>");
    EXPECT_EQ(error_of("pk", s(2049), true), kPartitionKeyTooLargeMessage);
}

TEST(KeyCheckTest, SortKeyUpTo1024BytesIsAccepted) {
    EXPECT_EQ(error_of("sk", s(1024), false), "<no error>");
    EXPECT_EQ(error_of("sk", AttributeValue(Binary{std::string(1025, 'x')}), false),
              kSortKeyTooLargeMessage);
}

TEST(KeyCheckTest, NumbersAndZeroAreFine) {
    EXPECT_EQ(error_of("pk", AttributeValue(Number()), true), "<no error>");
    EXPECT_EQ(error_of("sk", AttributeValue(Number::parse("-1.5e100")), false), "<no error>");
}

}  // namespace
}  // namespace floci::dynamodb
