#include "model/base64.hpp"

#include <gtest/gtest.h>

namespace floci::dynamodb {
namespace {

std::string decoded(std::string_view text) {
    std::string out;
    EXPECT_TRUE(base64_decode(text, out).ok()) << text;
    return out;
}

Base64Result failure(std::string_view text) {
    std::string out;
    return base64_decode(text, out);
}

TEST(Base64Test, EncodesRfc4648Vectors) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
    EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Test, EncodeAppends) {
    std::string out = "x";
    base64_encode(out, std::string("\xff\x00", 2));
    EXPECT_EQ(out, "x/wA=");
}

TEST(Base64Test, DecodesWhatItEncodes) {
    std::string all;
    for (int i = 0; i < 256; ++i) all += char(i);
    for (size_t n = 0; n < 8; ++n)
        EXPECT_EQ(decoded(base64_encode(all.substr(0, n))), all.substr(0, n));
    EXPECT_EQ(decoded(base64_encode(all)), all);
}

TEST(Base64Test, LengthNotMultipleOfFourIsRejectedFirst) {
    EXPECT_EQ(failure("abc").error, Base64Error::kLength);
    EXPECT_EQ(failure("a!c").error, Base64Error::kLength);
}

TEST(Base64Test, InvalidCharacterIsNamed) {
    const Base64Result r = failure("ab!d");
    EXPECT_EQ(r.error, Base64Error::kCharacter);
    EXPECT_EQ(r.bad_character, '!');
    EXPECT_EQ(failure("Zg-_").bad_character, '-');
}

TEST(Base64Test, PaddingInTheMiddleIsAnInvalidCharacter) {
    const Base64Result r = failure("Zg=aZg==");
    EXPECT_EQ(r.error, Base64Error::kCharacter);
    EXPECT_EQ(r.bad_character, '=');
}

TEST(Base64Test, NonZeroTrailingBitsAreRejected) {
    EXPECT_EQ(failure("Zh==").error, Base64Error::kLastCharacter);
    EXPECT_EQ(failure("Zm9=").error, Base64Error::kLastCharacter);
}

TEST(Base64Test, TooMuchPaddingIsRejected) {
    EXPECT_EQ(failure("a===").error, Base64Error::kLastCharacter);
    EXPECT_EQ(failure("====").error, Base64Error::kLastCharacter);
}

}  // namespace
}  // namespace floci::dynamodb
