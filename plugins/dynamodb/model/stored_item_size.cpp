#include "model/stored_item_size.hpp"

#include <boost/json/parse.hpp>
#include <cstdint>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/number.hpp"

namespace floci::dynamodb {
namespace {

// Size rules as in item_size.cpp: maps and lists cost 3 bytes plus 1 per element.
constexpr std::size_t kContainerOverhead = 3;
constexpr std::size_t kElementOverhead = 1;

struct Malformed {};  // unwinds the scanner on anything unexpected

class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    std::size_t item() {
        std::size_t size = 0;
        members('{', '}', [&] {
            size += string_bytes();
            expect(':');
            size += typed_value();
        });
        if (pos_ != text_.size()) throw Malformed{};
        return size;
    }

  private:
    // Calls `member` for each element of a '{...}' or '[...]' run.
    template <class Member>
    void members(char open, char close, Member&& member) {
        expect(open);
        if (peek() == close) return void(++pos_);
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
        const std::string_view type = raw_string();
        expect(':');
        const std::size_t size = value_of(type);
        expect('}');
        return size;
    }

    std::size_t value_of(std::string_view type) {
        if (type == "S") return string_bytes();
        if (type == "N") return number_bytes();
        if (type == "B") return binary_bytes();
        if (type == "BOOL" || type == "NULL") return literal();
        std::size_t size = 0;
        if (type == "M") {
            size = kContainerOverhead;
            members('{', '}', [&] {
                size += kElementOverhead + string_bytes();
                expect(':');
                size += typed_value();
            });
        } else if (type == "L") {
            size = kContainerOverhead;
            members('[', ']', [&] { size += kElementOverhead + typed_value(); });
        } else if (type == "SS") {
            members('[', ']', [&] { size += string_bytes(); });
        } else if (type == "NS") {
            members('[', ']', [&] { size += number_bytes(); });
        } else if (type == "BS") {
            members('[', ']', [&] { size += binary_bytes(); });
        } else {
            throw Malformed{};
        }
        return size;
    }

    std::size_t literal() {
        for (std::string_view word : {"true", "false"}) {
            if (text_.substr(pos_, word.size()) == word) {
                pos_ += word.size();
                return 1;
            }
        }
        throw Malformed{};
    }

    std::size_t number_bytes() {
        try {
            return number_size(Number::parse(raw_string()));
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

    // The UTF-8 byte count of a JSON string's decoded value.
    std::size_t string_bytes() {
        expect('"');
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

    // A string without escapes (type names, numbers, base64), as a view.
    std::string_view raw_string() {
        expect('"');
        const std::size_t end = text_.find('"', pos_);
        if (end == std::string_view::npos) throw Malformed{};
        const std::string_view content = text_.substr(pos_, end - pos_);
        if (content.find('\\') != std::string_view::npos) throw Malformed{};
        pos_ = end + 1;
        return content;
    }

    std::uint32_t hex4() {
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = next();
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= c - '0';
            else if (c >= 'a' && c <= 'f')
                value |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                value |= c - 'A' + 10;
            else
                throw Malformed{};
        }
        return value;
    }

    char peek() const {
        if (pos_ >= text_.size()) throw Malformed{};
        return text_[pos_];
    }
    char next() {
        const char c = peek();
        ++pos_;
        return c;
    }
    void expect(char c) {
        if (next() != c) throw Malformed{};
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::size_t> stored_item_size(std::string_view json) noexcept {
    try {
        return Scanner(json).item();
    } catch (...) {
        return std::nullopt;
    }
}

std::size_t stored_item_bytes(std::string_view stored) {
    if (auto size = stored_item_size(stored)) return *size;
    return item_size(parse_item_text(stored));
}

}  // namespace floci::dynamodb
