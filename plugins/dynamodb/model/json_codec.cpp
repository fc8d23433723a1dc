// Parsing of DynamoDB JSON attribute values. See json_codec.hpp for the contract; the writer
// is in json_writer.cpp.
#include "model/json_codec.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_set>

#include "floci/sdk/aws_error.hpp"
#include "model/base64.hpp"
#include "model/stored_item_reader.hpp"

namespace floci::dynamodb {
namespace {

namespace json = boost::json;
using sdk::AwsError;

constexpr std::string_view kInvalidPrefix = "One or more parameter values were invalid: ";
constexpr std::string_view kEmptyValue =
    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
constexpr std::string_view kManyTypes =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
    "supported datatypes";

// --- Shape errors: SerializationException, texts of AWS's JSON layer (dynalite checkTypes).

[[noreturn]] void serialization(std::string message) {
    throw AwsError::serialization(std::move(message));
}

// `target` is how AWS names the expected Java type: "an String", "a Blob", "an Boolean".
[[noreturn]] void scalar_mismatch(const json::value& v, std::string_view target) {
    if (v.is_array()) serialization("Start of list found where not expected");
    if (v.is_object()) serialization("Start of structure or map found where not expected.");
    const std::string cls = v.is_bool() ? "java.lang.Boolean"
                                        : "com.amazon.coral.value.json.numbers.TruncatingBigNumber";
    serialization("class " + cls + " can not be converted to " + std::string(target));
}

std::string expect_string(const json::value& v) {
    if (!v.is_string()) scalar_mismatch(v, "an String");
    return std::string(v.get_string().data(), v.get_string().size());
}

std::string blob_error(std::string_view text, const Base64Result& r) {
    std::string m = "'" + std::string(text) + "' can not be converted to a Blob: ";
    switch (r.error) {
        case Base64Error::kLength:
            return m + "Base64 encoded length is expected a multiple of 4 bytes but found: " +
                   std::to_string(text.size());
        case Base64Error::kCharacter:
            return m + "Invalid Base64 character: '" + r.bad_character + "'";
        default:  // AWS's spelling, "dectected" included.
            return m + "Invalid last non-pad Base64 character dectected";
    }
}

std::string expect_blob(const json::value& v) {
    if (!v.is_string()) scalar_mismatch(v, "a Blob");
    const std::string_view text(v.get_string().data(), v.get_string().size());
    std::string bytes;
    if (Base64Result r = base64_decode(text, bytes); !r.ok()) serialization(blob_error(text, r));
    return bytes;
}

// AWS's Boolean reader also takes the strings true/false, 1/0 and yes/no in any case.
bool expect_bool(const json::value& v) {
    if (v.is_bool()) return v.get_bool();
    if (!v.is_string()) scalar_mismatch(v, "an Boolean");
    std::string upper(v.get_string().data(), v.get_string().size());
    for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "TRUE" || upper == "1" || upper == "YES") return true;
    if (upper == "FALSE" || upper == "0" || upper == "NO") return false;
    serialization("'" + upper + "' can not be converted to an Boolean");
}

const json::array& expect_list(const json::value& v) {
    if (v.is_object()) serialization("Start of structure or map found where not expected.");
    if (!v.is_array()) serialization("Expected list or null");
    return v.get_array();
}

const json::object* expect_map(const json::value& v) {
    if (v.is_null()) return nullptr;
    if (v.is_array()) serialization("Start of list found where not expected");
    if (!v.is_object()) serialization("Expected map or null");
    return &v.get_object();
}

// "[a, b]" as AWS echoes a collection in duplicate messages.
std::string bracketed(const json::array& members) {
    std::string out = "[";
    for (const json::value& m : members) {
        if (out.size() > 1) out += ", ";
        if (m.is_string()) out.append(m.get_string().data(), m.get_string().size());
    }
    return out + "]";
}

// --- The parser: throws shape errors at once, keeps the first value error for later.

class Parser {
  public:
    AttributeValue value(const json::value& v, int level);
    AttributeMap map(const json::value& v, int level);

    void finish() {
        if (error_) throw *error_;
    }

  private:
    void defer(std::string_view message) {
        if (!error_) error_.emplace(AwsError::validation(std::string(message)));
    }
    void defer_invalid(std::string_view detail) {
        defer(std::string(kInvalidPrefix) + std::string(detail));
    }

    AttributeValue typed(AttributeType type, const json::value& v, int level);
    Number number(const std::string& text);
    AttributeList list(const json::value& v, int level);
    StringSet string_set(const json::value& v);
    NumberSet number_set(const json::value& v);
    BinarySet binary_set(const json::value& v);

    std::optional<AwsError> error_;
};

AttributeValue Parser::value(const json::value& v, int level) {
    // Depth is judged before content: a bad number under too many levels reports the depth
    // (paritysuite tests/tier3/partiql/... "an unconvertible number at the bottom").
    if (level > kMaxNestingLevel) defer(kNestingExceededMessage);
    if (v.is_null()) {
        defer(kEmptyValue);
        return {};
    }
    if (v.is_array()) serialization("Start of list found where not expected");
    if (!v.is_object()) serialization("Expected null");
    AttributeValue result;
    int types = 0;
    for (const auto& member : v.get_object()) {
        AttributeType type;
        if (member.value().is_null() || !parse_type_name(member.key(), type)) continue;
        AttributeValue parsed = typed(type, member.value(), level);
        if (++types == 1) result = std::move(parsed);
    }
    if (types == 0) defer(kEmptyValue);
    if (types > 1) defer(kManyTypes);
    return result;
}

AttributeMap Parser::map(const json::value& v, int level) {
    AttributeMap out;
    const json::object* obj = expect_map(v);
    if (obj == nullptr) return out;
    for (const auto& member : *obj) {
        AttributeValue parsed = value(member.value(), level);
        out.insert_or_assign(std::string(member.key()), std::move(parsed));
    }
    return out;
}

AttributeValue Parser::typed(AttributeType type, const json::value& v, int level) {
    switch (type) {
        case AttributeType::S:
            return expect_string(v);
        case AttributeType::N:
            return number(expect_string(v));
        case AttributeType::B:
            return Binary{expect_blob(v)};
        case AttributeType::BOOL:
            return expect_bool(v);
        case AttributeType::NUL:
            if (!expect_bool(v)) {
                defer_invalid("Null attribute value types must have the value of true");
            }
            return Null{};
        case AttributeType::M:
            return map(v, level + 1);
        case AttributeType::L:
            return list(v, level);
        case AttributeType::SS:
            return string_set(v);
        case AttributeType::NS:
            return number_set(v);
        case AttributeType::BS:
            return binary_set(v);
    }
    return {};
}

Number Parser::number(const std::string& text) {
    try {
        return Number::parse(text);
    } catch (const AwsError& e) {
        defer(e.message());
        return {};
    }
}

AttributeList Parser::list(const json::value& v, int level) {
    AttributeList out;
    for (const json::value& element : expect_list(v)) out.push_back(value(element, level + 1));
    return out;
}

StringSet Parser::string_set(const json::value& v) {
    const json::array& members = expect_list(v);
    StringSet out;
    bool has_null = false;
    for (const json::value& m : members) {
        if (m.is_null()) {
            has_null = true;
            continue;
        }
        out.members.push_back(expect_string(m));
    }
    if (members.empty()) defer_invalid("An string set  may not be empty");
    // A null member: dynalite's pre-2020 text for a missing string member (unverified).
    if (has_null) defer_invalid("An string set may not have a empty string as a member");
    std::unordered_set<std::string_view> seen;
    for (const std::string& s : out.members) {
        if (!seen.insert(s).second) {
            defer_invalid("Input collection " + bracketed(members) + " contains duplicates.");
            break;
        }
    }
    return out;
}

NumberSet Parser::number_set(const json::value& v) {
    const json::array& members = expect_list(v);
    std::vector<std::string> texts;
    for (const json::value& m : members) texts.push_back(m.is_null() ? "" : expect_string(m));
    NumberSet out;
    if (members.empty()) defer_invalid("An number set  may not be empty");
    for (const std::string& text : texts) {
        try {
            out.members.push_back(Number::parse(text));
        } catch (const AwsError& e) {
            defer(e.message());
            return out;
        }
    }
    // By value: "1" and "1.0" are the same member. AWS's text has no prefix here.
    std::set<Number> seen(out.members.begin(), out.members.end());
    if (seen.size() != out.members.size()) defer("Input collection contains duplicates");
    return out;
}

BinarySet Parser::binary_set(const json::value& v) {
    const json::array& members = expect_list(v);
    BinarySet out;
    bool has_null = false;
    for (const json::value& m : members) {
        if (m.is_null()) {
            has_null = true;
            continue;
        }
        out.members.push_back(expect_blob(m));
    }
    if (members.empty()) defer_invalid("Binary sets should not be empty");
    if (has_null) defer_invalid("Binary sets may not contain null or empty values");
    std::unordered_set<std::string_view> seen;
    for (const std::string& bytes : out.members) {
        if (!seen.insert(bytes).second) {
            // Sic: no space before "of".
            defer_invalid("Input collection " + bracketed(members) +
                          "of type BS contains duplicates.");
            break;
        }
    }
    return out;
}

}  // namespace

AttributeValue parse_attribute_value(const boost::json::value& json) {
    Parser parser;
    AttributeValue result = parser.value(json, 1);
    parser.finish();
    return result;
}

Item parse_item(const boost::json::value& json) {
    Parser parser;
    Item result = parser.map(json, 1);
    parser.finish();
    return result;
}

json::parse_options stored_item_parse_options() {
    json::parse_options options;
    options.max_depth = 2 * kMaxNestingLevel + 8;
    return options;
}

Item parse_item_text(std::string_view text) {
    if (auto item = read_stored_item(text)) return std::move(*item);
    unsigned char buffer[4096];
    json::monotonic_resource arena(buffer, sizeof(buffer));
    return parse_item(json::parse(text, &arena, stored_item_parse_options()));
}

}  // namespace floci::dynamodb
