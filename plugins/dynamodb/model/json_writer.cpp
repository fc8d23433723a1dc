// Writing of DynamoDB JSON attribute values straight into a string, with no boost::json
// intermediate: responses (GetItem, Query pages) are mostly items, so this is the hot path.
#include <cstdint>
#include <cstring>

#include "model/base64.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void write_escape(std::string& out, unsigned char c) {
    switch (c) {
        case '"':
            out += "\\\"";
            return;
        case '\\':
            out += "\\\\";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\f':
            out += "\\f";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
    }
}

// Opens {"<type>": and leaves the value to the caller.
void open_value(std::string& out, std::string_view type) {
    out += "{\"";
    out += type;
    out += "\":";
}

void write_binary(std::string& out, std::string_view bytes) {
    out += '"';
    base64_encode(out, bytes);
    out += '"';
}

template <class T, class WriteMember>
void write_array(std::string& out, const std::vector<T>& members, WriteMember write_member) {
    out += '[';
    for (size_t i = 0; i < members.size(); ++i) {
        if (i != 0) out += ',';
        write_member(members[i]);
    }
    out += ']';
}

struct ValueWriter {
    std::string& out;

    void operator()(const std::string& s) const { write_json_string(out, s); }
    void operator()(const Number& n) const { write_json_string(out, n.to_string()); }
    void operator()(const Binary& b) const { write_binary(out, b.bytes); }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(const Null&) const { out += "true"; }
    void operator()(const AttributeMap& m) const { write_item(out, m); }
    void operator()(const AttributeList& l) const {
        write_array(out, l, [&](const AttributeValue& v) { write_attribute_value(out, v); });
    }
    void operator()(const StringSet& s) const {
        write_array(out, s.members, [&](const std::string& v) { write_json_string(out, v); });
    }
    void operator()(const NumberSet& s) const {
        write_array(out, s.members,
                    [&](const Number& v) { write_json_string(out, v.to_string()); });
    }
    void operator()(const BinarySet& s) const {
        write_array(out, s.members, [&](const std::string& v) { write_binary(out, v); });
    }
};

}  // namespace

// True when any byte of `word` is below 0x20, '"' or '\\': the bytes JSON must escape.
// Checking eight bytes at a time keeps long plain strings (the common case) cheap.
static bool needs_escape(std::uint64_t word) noexcept {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
    return below_space || has_zero(word ^ (kOnes * '"')) || has_zero(word ^ (kOnes * '\\'));
}

void write_json_string(std::string& out, std::string_view text) {
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    size_t plain_start = 0;
    size_t i = 0;
    while (i < text.size()) {
        if (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, sizeof(word));
            if (!needs_escape(word)) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(text.data() + plain_start, i - plain_start);
        write_escape(out, c);
        plain_start = ++i;
    }
    out.append(text.data() + plain_start, text.size() - plain_start);
    out += '"';
}

void write_attribute_value(std::string& out, const AttributeValue& value) {
    open_value(out, type_name(value.type()));
    std::visit(ValueWriter{out}, value.variant());
    out += '}';
}

void write_item(std::string& out, const Item& item) {
    out += '{';
    bool first = true;
    for (const auto& [name, value] : item) {
        if (!first) out += ',';
        first = false;
        write_json_string(out, name);
        out += ':';
        write_attribute_value(out, value);
    }
    out += '}';
}

}  // namespace floci::dynamodb
