#include "model/json_codec.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <utility>

#include "floci/sdk/aws_error.hpp"

namespace floci::dynamodb {
namespace {

AttributeValue parse(std::string_view json) {
    return parse_attribute_value(boost::json::parse(json));
}

// "Type: message" of the error parsing `json` as an AttributeValue.
std::string error_of(std::string_view json, bool as_item = false) {
    try {
        boost::json::parse_options options;
        options.max_depth = 1000;
        const boost::json::value v = boost::json::parse(json, {}, options);
        if (as_item) {
            parse_item(v);
        } else {
            parse_attribute_value(v);
        }
    } catch (const sdk::AwsError& e) {
        return e.type() + ": " + e.message();
    }
    return "<no error>";
}

std::string invalid(std::string_view detail) {
    return "ValidationException: One or more parameter values were invalid: " + std::string(detail);
}

std::string round_trip(std::string_view json) {
    std::string out;
    write_attribute_value(out, parse(json));
    return out;
}

std::string nested_maps(int depth, std::string_view leaf) {
    std::string json(leaf);
    for (int i = 0; i < depth; ++i) json = R"({"M":{"n":)" + json + "}}";
    return json;
}

const std::string kEmpty =
    "ValidationException: Supplied AttributeValue is empty, must contain exactly one of the "
    "supported datatypes";
const std::string kNesting = "ValidationException: " + std::string(kNestingExceededMessage);

TEST(JsonCodecTest, ParsesEveryType) {
    EXPECT_EQ(parse(R"({"S":"x"})"), AttributeValue(std::string("x")));
    EXPECT_EQ(parse(R"({"N":"1.50"})"), AttributeValue(Number::parse("1.5")));
    EXPECT_EQ(parse(R"({"B":"AP8="})"), AttributeValue(Binary{std::string("\0\xff", 2)}));
    EXPECT_EQ(parse(R"({"BOOL":false})"), AttributeValue(false));
    EXPECT_EQ(parse(R"({"NULL":true})"), AttributeValue(Null{}));
    EXPECT_EQ(parse(R"({"SS":["a","b"]})"), AttributeValue(StringSet{{"a", "b"}}));
    EXPECT_EQ(parse(R"({"NS":["1","2"]})"),
              AttributeValue(NumberSet{{Number::parse("1"), Number::parse("2")}}));
    EXPECT_EQ(parse(R"({"BS":["YQ==","Yg=="]})"), AttributeValue(BinarySet{{"a", "b"}}));
    const AttributeValue m = parse(R"({"M":{"a":{"L":[{"S":"x"},{"N":"2"}]}}})");
    const AttributeList list = {AttributeValue(std::string("x")),
                                AttributeValue(Number::parse("2"))};
    EXPECT_EQ(m, AttributeValue(AttributeMap{{"a", AttributeValue(list)}}));
}

TEST(JsonCodecTest, EmptyStringsAndBinariesAreValues) {
    // Allowed for non-key attributes since May 2020; keys are checked elsewhere.
    EXPECT_EQ(parse(R"({"S":""})"), AttributeValue(std::string()));
    EXPECT_EQ(parse(R"({"B":""})"), AttributeValue(Binary{}));
    EXPECT_EQ(parse(R"({"SS":[""]})"), AttributeValue(StringSet{{""}}));
    EXPECT_EQ(parse(R"({"M":{}})"), AttributeValue(AttributeMap{}));
    EXPECT_EQ(parse(R"({"L":[]})"), AttributeValue(AttributeList{}));
}

TEST(JsonCodecTest, UnknownAndNullMembersAreIgnored) {
    EXPECT_EQ(parse(R"({"X":"y","S":"a"})"), AttributeValue(std::string("a")));
    EXPECT_EQ(parse(R"({"S":null,"N":"1"})"), AttributeValue(Number::parse("1")));
}

TEST(JsonCodecTest, EmptyValueIsRejected) {
    EXPECT_EQ(error_of("{}"), kEmpty);
    EXPECT_EQ(error_of(R"({"a":""})"), kEmpty);
    EXPECT_EQ(error_of(R"({"S":null})"), kEmpty);
    EXPECT_EQ(error_of(R"({"L":[null]})"), kEmpty);
}

TEST(JsonCodecTest, TwoTypesAreRejected) {
    EXPECT_EQ(error_of(R"({"S":"a","N":"1"})"),
              "ValidationException: Supplied AttributeValue has more than one datatypes set, "
              "must contain exactly one of the supported datatypes");
}

TEST(JsonCodecTest, BadNumberWinsOverTwoTypes) {
    // dynalite's table: {S: 'a', N: 'b'} reports the number.
    EXPECT_EQ(error_of(R"({"S":"a","N":"b"})"),
              "ValidationException: The parameter cannot be converted to a numeric value: b");
    EXPECT_EQ(error_of(R"({"S":"a","N":""})"),
              "ValidationException: The parameter cannot be converted to a numeric value");
}

TEST(JsonCodecTest, NumberErrorsUseAwsTexts) {
    EXPECT_EQ(error_of(R"({"N":"1e126"})"),
              "ValidationException: " + std::string(kNumberOverflowMessage));
    EXPECT_EQ(error_of(R"({"N":"1e-131"})"),
              "ValidationException: " + std::string(kNumberUnderflowMessage));
    EXPECT_EQ(error_of(R"({"N":"123456789012345678901234567890123456789"})"),
              "ValidationException: " + std::string(kNumberTooManyDigitsMessage));
}

TEST(JsonCodecTest, NullFalseIsRejected) {
    EXPECT_EQ(error_of(R"({"NULL":false})"),
              invalid("Null attribute value types must have the value of true"));
    EXPECT_EQ(error_of(R"({"NULL":"no"})"),
              invalid("Null attribute value types must have the value of true"));
}

TEST(JsonCodecTest, EmptySetsAreRejectedWithPerTypeWording) {
    EXPECT_EQ(error_of(R"({"SS":[]})"), invalid("An string set  may not be empty"));
    EXPECT_EQ(error_of(R"({"NS":[]})"), invalid("An number set  may not be empty"));
    EXPECT_EQ(error_of(R"({"BS":[]})"), invalid("Binary sets should not be empty"));
}

TEST(JsonCodecTest, DuplicateSetMembersAreRejected) {
    EXPECT_EQ(error_of(R"({"SS":["a","b","a"]})"),
              invalid("Input collection [a, b, a] contains duplicates."));
    EXPECT_EQ(error_of(R"({"BS":["Yg==","Yg=="]})"),
              invalid("Input collection [Yg==, Yg==]of type BS contains duplicates."));
    EXPECT_EQ(error_of(R"({"NS":["1","1"]})"),
              "ValidationException: Input collection contains duplicates");
}

TEST(JsonCodecTest, NumberSetDuplicatesAreByValue) {
    EXPECT_EQ(error_of(R"({"NS":["1","1.0"]})"),
              "ValidationException: Input collection contains duplicates");
}

TEST(JsonCodecTest, BadNumberSetMemberIsReported) {
    EXPECT_EQ(error_of(R"({"NS":["1","b"]})"),
              "ValidationException: The parameter cannot be converted to a numeric value: b");
    EXPECT_EQ(error_of(R"({"NS":["1",""]})"),
              "ValidationException: The parameter cannot be converted to a numeric value");
}

TEST(JsonCodecTest, WrongJsonTypesAreSerializationErrors) {
    const std::string big = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
    EXPECT_EQ(error_of(R"({"S":5})"),
              "SerializationException: " + big + " can not be converted to an String");
    EXPECT_EQ(error_of(R"({"N":5})"),
              "SerializationException: " + big + " can not be converted to an String");
    EXPECT_EQ(error_of(R"({"S":true})"),
              "SerializationException: class java.lang.Boolean can not be converted to an String");
    EXPECT_EQ(error_of(R"({"B":1})"),
              "SerializationException: " + big + " can not be converted to a Blob");
    EXPECT_EQ(error_of(R"({"BOOL":1})"),
              "SerializationException: " + big + " can not be converted to an Boolean");
    EXPECT_EQ(error_of(R"({"S":{}})"),
              "SerializationException: Start of structure or map found where not expected.");
    EXPECT_EQ(error_of(R"({"S":[]})"),
              "SerializationException: Start of list found where not expected");
    EXPECT_EQ(error_of(R"({"L":"x"})"), "SerializationException: Expected list or null");
    EXPECT_EQ(error_of(R"({"SS":{}})"),
              "SerializationException: Start of structure or map found where not expected.");
    EXPECT_EQ(error_of(R"({"M":"x"})"), "SerializationException: Expected map or null");
    EXPECT_EQ(error_of(R"({"M":[]})"),
              "SerializationException: Start of list found where not expected");
    EXPECT_EQ(error_of(R"("x")"), "SerializationException: Expected null");
    EXPECT_EQ(error_of("[]"), "SerializationException: Start of list found where not expected");
}

TEST(JsonCodecTest, BooleanAcceptsAwsStringSpellings) {
    EXPECT_EQ(parse(R"({"BOOL":"yes"})"), AttributeValue(true));
    EXPECT_EQ(parse(R"({"BOOL":"False"})"), AttributeValue(false));
    EXPECT_EQ(parse(R"({"BOOL":"1"})"), AttributeValue(true));
    EXPECT_EQ(error_of(R"({"BOOL":"maybe"})"),
              "SerializationException: 'MAYBE' can not be converted to an Boolean");
}

TEST(JsonCodecTest, InvalidBase64IsASerializationError) {
    EXPECT_EQ(error_of(R"({"B":"abc"})"),
              "SerializationException: 'abc' can not be converted to a Blob: Base64 encoded "
              "length is expected a multiple of 4 bytes but found: 3");
    EXPECT_EQ(error_of(R"({"B":"ab!d"})"),
              "SerializationException: 'ab!d' can not be converted to a Blob: Invalid Base64 "
              "character: '!'");
    EXPECT_EQ(error_of(R"({"BS":["Zh=="]})"),
              "SerializationException: 'Zh==' can not be converted to a Blob: Invalid last "
              "non-pad Base64 character dectected");
}

TEST(JsonCodecTest, SerializationErrorWinsOverEarlierValidationError) {
    EXPECT_EQ(error_of(R"({"a":{"SS":[]},"b":{"S":5}})", true).substr(0, 22),
              "SerializationException");
}

TEST(JsonCodecTest, FirstValidationErrorInDocumentOrderIsReported) {
    EXPECT_EQ(error_of(R"({"a":{"NS":[]},"b":{"SS":[]}})", true),
              invalid("An number set  may not be empty"));
    EXPECT_EQ(error_of(R"({"L":[{"N":"x"},{"NULL":false}]})"),
              "ValidationException: The parameter cannot be converted to a numeric value: x");
}

TEST(JsonCodecTest, NestingUpToThirtyTwoLevelsIsAccepted) {
    EXPECT_EQ(error_of(nested_maps(31, R"({"S":"leaf"})")), "<no error>");
}

TEST(JsonCodecTest, NestingBeyondThirtyTwoLevelsIsRejected) {
    EXPECT_EQ(error_of(nested_maps(32, R"({"S":"leaf"})")), kNesting);
    EXPECT_EQ(error_of(nested_maps(63, R"({"S":"leaf"})")), kNesting);
    std::string lists = R"({"S":"leaf"})";
    for (int i = 0; i < 32; ++i) lists = R"({"L":[)" + lists + "]}";
    EXPECT_EQ(error_of(lists), kNesting);
}

TEST(JsonCodecTest, DepthIsReportedBeforeABadNumberBelowIt) {
    EXPECT_EQ(error_of(nested_maps(40, R"({"N":"abc"})")), kNesting);
}

TEST(JsonCodecTest, ItemAttributesStartAtLevelOne) {
    EXPECT_EQ(error_of(R"({"d":)" + nested_maps(31, R"({"S":"x"})") + "}", true), "<no error>");
    EXPECT_EQ(error_of(R"({"d":)" + nested_maps(32, R"({"S":"x"})") + "}", true), kNesting);
}

TEST(JsonCodecTest, ItemMustBeAMap) {
    EXPECT_EQ(error_of("[]", true),
              "SerializationException: Start of list found where not expected");
    EXPECT_EQ(error_of("5", true), "SerializationException: Expected map or null");
    EXPECT_TRUE(parse_item(boost::json::value(nullptr)).empty());
}

TEST(JsonCodecTest, ItemValueMustBeAnObject) {
    EXPECT_EQ(error_of(R"({"a":"x"})", true), "SerializationException: Expected null");
}

TEST(JsonCodecTest, WritesCanonicalCompactJson) {
    EXPECT_EQ(round_trip(R"({"N":"1.50e1"})"), R"({"N":"15"})");
    EXPECT_EQ(round_trip(R"({"B":"AP8="})"), R"({"B":"AP8="})");
    EXPECT_EQ(round_trip(R"({"NULL":true})"), R"({"NULL":true})");
    EXPECT_EQ(round_trip(R"({"BOOL":false})"), R"({"BOOL":false})");
    EXPECT_EQ(round_trip(R"({"SS":["b","a"]})"), R"({"SS":["b","a"]})");
    EXPECT_EQ(round_trip(R"({"NS":["1.0","-2"]})"), R"({"NS":["1","-2"]})");
    EXPECT_EQ(round_trip(R"({"BS":["YQ=="]})"), R"({"BS":["YQ=="]})");
    EXPECT_EQ(round_trip(R"({"L":[]})"), R"({"L":[]})");
    EXPECT_EQ(round_trip(R"({"M":{"b":{"S":"2"},"a":{"L":[{"N":"1"}]}}})"),
              R"({"M":{"a":{"L":[{"N":"1"}]},"b":{"S":"2"}}})");
}

TEST(JsonCodecTest, WriterEscapesStrings) {
    std::string out;
    write_json_string(out, std::string("a\"b\\c\n\t\x01\x1f\0z\xc3\xa9", 13));
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\\u0000z\xc3\xa9\"");
    // And boost::json reads back the same bytes.
    EXPECT_EQ(boost::json::parse(out).as_string(),
              std::string("a\"b\\c\n\t\x01\x1f\0z\xc3\xa9", 13));
}

// Every escapable byte at every position of strings long enough to cross the writer's
// 16-byte blocks, next to bytes that need no escape (0x20, 0x7f, 0x80, 0xff).
TEST(JsonCodecTest, WriterEscapesAtEveryPositionOfLongStrings) {
    auto reference = [](std::string_view text) {
        std::string out = "\"";
        for (unsigned char c : text) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20) {
                static constexpr char kShort[] = "btn?fr";
                if (c >= '\b' && c <= '\r' && c != 0x0b) {
                    out += '\\';
                    out += kShort[c - '\b'];
                } else {
                    constexpr char kHex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 15];
                }
            } else {
                out += static_cast<char>(c);
            }
        }
        return out + "\"";
    };
    const std::string plain = std::string("abc \x7f\x80\xff") + std::string(40, 'x');
    for (std::size_t length = 0; length <= 40; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (char special : {'"', '\\', '\0', '\n', '\x1f', ' ', '\x7f', '\xff'}) {
                std::string text = plain.substr(0, length);
                text[at] = special;
                std::string out;
                write_json_string(out, text);
                ASSERT_EQ(out, reference(text)) << "length " << length << " at " << at;
            }
        }
    }
}

TEST(JsonCodecTest, WriteItemAppends) {
    Item item = parse_item(boost::json::parse(R"({"k":{"S":"v"},"\"q":{"N":"0"}})"));
    std::string out = "X";
    write_item(out, item);
    EXPECT_EQ(out, R"(X{"\"q":{"N":"0"},"k":{"S":"v"}})");
    EXPECT_EQ(parse_item(boost::json::parse(out.substr(1))), item);
}

}  // namespace
}  // namespace floci::dynamodb
