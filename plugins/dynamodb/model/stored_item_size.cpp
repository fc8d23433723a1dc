#include "model/stored_item_size.hpp"

#include <boost/json/parse.hpp>
#include <cstdint>
#include <cstring>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/number.hpp"
#include "model/stored_text_cursor.hpp"

namespace floci::dynamodb {
namespace {

// Size rules as in item_size.cpp: maps and lists cost 3 bytes plus 1 per element.
constexpr std::size_t kContainerOverhead = 3;
constexpr std::size_t kElementOverhead = 1;

// Number texts this short hold at most 38 significant digits and a decimal exponent within
// +-38, so Number::parse would accept them whatever they are; longer ones take that path.
constexpr std::size_t kShortNumberText = 38;

using Malformed = StoredTextMalformed;

// floor(k / 2), also for negative k: the base-100 digit holding decimal position k
// (as in item_size.cpp).
int pair_index(int k) noexcept { return k >= 0 ? k / 2 : -((1 - k) / 2); }

// number_size(Number::parse(text)) for a short "[+-]digits[.digits]" text, computed from the
// positions of its first and last non-zero digits; nullopt for anything else.
std::optional<std::size_t> plain_number_size(std::string_view text) noexcept {
    if (text.empty() || text.size() > kShortNumberText) return std::nullopt;
    std::size_t i = 0;
    const bool negative = text[0] == '-';
    if (text[0] == '-' || text[0] == '+') ++i;
    int digits = 0;             // digits seen so far
    int int_digits = -1;        // digits before the point, once the point is seen
    int first = -1, last = -1;  // indexes of the first and last non-zero digits
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && int_digits < 0) {
            int_digits = digits;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        if (c != '0') {
            if (first < 0) first = digits;
            last = digits;
        }
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    if (first < 0) return 1;  // zero, whatever its sign
    if (int_digits < 0) int_digits = digits;
    // The decimal exponent of digit k is int_digits - 1 - k.
    const int pairs = pair_index(int_digits - 1 - first) - pair_index(int_digits - 1 - last) + 1;
    return 1 + std::size_t(pairs) + (negative ? 1 : 0);
}

class Scanner : StoredTextCursor {
  public:
    explicit Scanner(std::string_view text) : StoredTextCursor(text) {}

    // The size of the one item the text holds.
    std::size_t item() {
        const std::size_t size = item_at_front();
        if (at_ != end_) throw Malformed{};
        return size;
    }

    // The summed sizes of the comma-separated items the text holds.
    std::size_t items() {
        std::size_t size = 0;
        for (;;) {
            size += item_at_front();
            if (at_ == end_) return size;
            expect(',');
        }
    }

  private:
    std::size_t item_at_front() {
        std::size_t size = 0;
        members('{', '}', [&] {
            size += string_bytes();
            expect(':');
            size += typed_value();
        });
        return size;
    }

    // Calls `member` for each element of a '{...}' or '[...]' run.
    template <class Member>
    void members(char open, char close, Member&& member) {
        expect(open);
        if (peek() == close) return void(++at_);
        for (;;) {
            member();
            const char c = next();
            if (c == close) return;
            if (c != ',') throw Malformed{};
        }
    }

    // {"<T>":<value>}
    std::size_t typed_value() {
        expect('{');
        const std::string_view type = type_tag();
        expect(':');
        const std::size_t size = value_of(type);
        expect('}');
        return size;
    }

    // A type tag is one to four capital letters: read it without searching the text.
    std::string_view type_tag() {
        expect('"');
        const char* start = at_;
        while (at_ < end_ && *at_ != '"') {
            if (at_ - start == 4) throw Malformed{};
            ++at_;
        }
        const std::string_view tag(start, static_cast<std::size_t>(at_ - start));
        expect('"');
        return tag;
    }

    std::size_t value_of(std::string_view type) {
        switch (type.size()) {
            case 1:
                switch (type[0]) {
                    case 'S':
                        return string_bytes();
                    case 'N':
                        return number_bytes();
                    case 'B':
                        return binary_bytes();
                    case 'M':
                        return map_bytes();
                    case 'L':
                        return list_bytes();
                }
                break;
            case 2:
                if (type[1] != 'S') break;
                if (type[0] == 'S') return set_bytes([&] { return string_bytes(); });
                if (type[0] == 'N') return set_bytes([&] { return number_bytes(); });
                if (type[0] == 'B') return set_bytes([&] { return binary_bytes(); });
                break;
            case 4:
                if (type == "BOOL" || type == "NULL") return literal();
                break;
        }
        throw Malformed{};
    }

    std::size_t map_bytes() {
        std::size_t size = kContainerOverhead;
        members('{', '}', [&] {
            size += kElementOverhead + string_bytes();
            expect(':');
            size += typed_value();
        });
        return size;
    }

    std::size_t list_bytes() {
        std::size_t size = kContainerOverhead;
        members('[', ']', [&] { size += kElementOverhead + typed_value(); });
        return size;
    }

    template <class Member>
    std::size_t set_bytes(Member&& member_bytes) {
        std::size_t size = 0;
        members('[', ']', [&] { size += member_bytes(); });
        return size;
    }

    std::size_t literal() {
        for (std::string_view word : {"true", "false"}) {
            if (static_cast<std::size_t>(end_ - at_) >= word.size() &&
                std::memcmp(at_, word.data(), word.size()) == 0) {
                at_ += word.size();
                return 1;
            }
        }
        throw Malformed{};
    }

    std::size_t number_bytes() {
        const std::string_view text = raw_string();
        if (auto size = plain_number_size(text)) return *size;
        try {
            return number_size(Number::parse(text));
        } catch (...) {
            throw Malformed{};
        }
    }

    // Decoded length of base64 text (the writer always pads).
    std::size_t binary_bytes() {
        const std::string_view b64 = raw_string();
        if (b64.size() % 4 != 0) throw Malformed{};
        std::size_t padding = 0;
        if (!b64.empty() && b64.back() == '=') ++padding;
        if (b64.size() > 1 && b64[b64.size() - 2] == '=') ++padding;
        return b64.size() / 4 * 3 - padding;
    }

    // The UTF-8 byte count of a JSON string's decoded value. Most strings have no escape:
    // then it is the distance to the closing quote, found with memchr.
    std::size_t string_bytes() {
        expect('"');
        const char* start = at_;
        const char* quote = find(start, '"');
        if (!std::memchr(start, '\\', static_cast<std::size_t>(quote - start))) {
            at_ = quote + 1;
            return static_cast<std::size_t>(quote - start);
        }
        return escaped_string_bytes();
    }

    // string_bytes() for a string with escapes, from just after its opening quote.
    std::size_t escaped_string_bytes() {
        std::size_t bytes = 0;
        for (;;) {
            const char c = next();
            if (c == '"') return bytes;
            if (c != '\\') {
                ++bytes;
                continue;
            }
            const char escaped = next();
            if (escaped != 'u') {
                ++bytes;
                continue;
            }
            const std::uint32_t unit = hex4();
            if (unit >= 0xD800 && unit <= 0xDBFF) {  // a surrogate pair is one 4-byte character
                expect('\\');
                expect('u');
                hex4();
                bytes += 4;
            } else {
                bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
            }
        }
    }

    // A string without escapes (numbers, base64), as a view.
    std::string_view raw_string() {
        expect('"');
        const char* start = at_;
        const char* quote = find(start, '"');
        const std::string_view content(start, static_cast<std::size_t>(quote - start));
        if (content.find('\\') != std::string_view::npos) throw Malformed{};
        at_ = quote + 1;
        return content;
    }

    const char* find(const char* from, char c) const {
        const void* found = std::memchr(from, c, static_cast<std::size_t>(end_ - from));
        if (!found) throw Malformed{};
        return static_cast<const char*>(found);
    }

    std::uint32_t hex4() {
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) value = value << 4 | std::uint32_t(hex_digit());
        return value;
    }
};

}  // namespace

std::optional<std::size_t> stored_item_size(std::string_view json) noexcept {
    try {
        return Scanner(json).item();
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<std::size_t> stored_items_size(std::string_view joined) noexcept {
    try {
        return Scanner(joined).items();
    } catch (...) {
        return std::nullopt;
    }
}

std::size_t stored_item_bytes(std::string_view stored) {
    if (auto size = stored_item_size(stored)) return *size;
    return item_size(parse_item_text(stored));
}

}  // namespace floci::dynamodb
