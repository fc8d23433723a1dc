// Writing of DynamoDB JSON attribute values straight into a string, with no boost::json
// intermediate: responses (GetItem, Query pages) are mostly items, so this is the hot path.
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// A number's text never needs escaping.
void write_number(std::string& out, const Number& n) {
    out += '"';
    n.append_to(out);
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
    void operator()(const Number& n) const { write_number(out, n); }
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
        write_array(out, s.members, [&](const Number& v) { write_number(out, v); });
    }
    void operator()(const BinarySet& s) const {
        write_array(out, s.members, [&](const std::string& v) { write_binary(out, v); });
    }
};

}  // namespace

namespace {

bool must_escape(unsigned char c) noexcept { return c < 0x20 || c == '"' || c == '\\'; }

// The index of the first byte at or after `i` that JSON must escape (below 0x20, '"' or
// '\\'), or text.size(). Item text is mostly plain, so the scan checks 16 bytes at a time.
std::size_t find_escape(std::string_view text, std::size_t i) noexcept {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1f);
    for (; i + 16 <= text.size(); i += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
        // min(b, 0x1f) == b exactly when b <= 0x1f (unsigned).
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);
        const __m128i special =
            _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash));
        const int mask = _mm_movemask_epi8(_mm_or_si128(control, special));
        if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    for (; i < text.size(); ++i)
        if (must_escape(static_cast<unsigned char>(text[i]))) return i;
    return text.size();
}

}  // namespace

void write_json_string(std::string& out, std::string_view text) {
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    std::size_t i = 0;
    while (true) {
        const std::size_t special = find_escape(text, i);
        out.append(text.data() + i, special - i);
        if (special == text.size()) break;
        write_escape(out, static_cast<unsigned char>(text[special]));
        i = special + 1;
    }
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
