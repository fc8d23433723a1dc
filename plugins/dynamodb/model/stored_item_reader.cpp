#include "model/stored_item_reader.hpp"

#include <cstring>
#include <floci/sdk/aws_error.hpp>

#include "model/base64.hpp"
#include "model/stored_text_cursor.hpp"

namespace floci::dynamodb {
namespace {

using Malformed = StoredTextMalformed;

// write_json_string's output: '"', plain bytes, the escapes it writes, '"'.
class Reader : StoredTextCursor {
  public:
    explicit Reader(std::string_view text) : StoredTextCursor(text) {}

    Item item() {
        Item out = map(0);
        if (at_ != end_) throw Malformed{};
        return out;
    }

  private:
    // Deeper than any item AWS accepts (32 levels); guards the recursion.
    static constexpr int kMaxDepth = 40;

    Item map(int depth) {
        if (depth > kMaxDepth) throw Malformed{};
        expect('{');
        Item out;
        if (peek() == '}') {
            ++at_;
            return out;
        }
        while (true) {
            std::string name = string();
            expect(':');
            // Stored maps are written in name order, so each name goes at the end.
            out.emplace_hint(out.end(), std::move(name), value(depth));
            if (next() == '}') return out;
            if (at_[-1] != ',') throw Malformed{};
        }
    }

    AttributeValue value(int depth) {
        expect('{');
        expect('"');
        const char* type_start = at_;
        while (peek() != '"') ++at_;
        AttributeType type;
        if (!parse_type_name(std::string_view(type_start, std::size_t(at_ - type_start)), type))
            throw Malformed{};
        ++at_;
        expect(':');
        AttributeValue out = typed(type, depth);
        expect('}');
        return out;
    }

    AttributeValue typed(AttributeType type, int depth) {
        switch (type) {
            case AttributeType::S:
                return string();
            case AttributeType::N:
                return Number::parse(raw_string());
            case AttributeType::B:
                return Binary{binary()};
            case AttributeType::BOOL:
                return boolean();
            case AttributeType::NUL:
                if (!boolean()) throw Malformed{};
                return Null{};
            case AttributeType::M:
                return map(depth + 1);
            case AttributeType::L: {
                AttributeList list;
                array([&] { list.push_back(value(depth + 1)); });
                return list;
            }
            case AttributeType::SS: {
                StringSet set;
                array([&] { set.members.push_back(string()); });
                return set;
            }
            case AttributeType::NS: {
                NumberSet set;
                array([&] { set.members.push_back(Number::parse(raw_string())); });
                return set;
            }
            case AttributeType::BS: {
                BinarySet set;
                array([&] { set.members.push_back(binary()); });
                return set;
            }
        }
        throw Malformed{};
    }

    template <class ReadMember>
    void array(ReadMember read_member) {
        expect('[');
        if (peek() == ']') {
            ++at_;
            return;
        }
        while (true) {
            read_member();
            if (next() == ']') return;
            if (at_[-1] != ',') throw Malformed{};
        }
    }

    bool boolean() {
        if (match("true")) return true;
        if (match("false")) return false;
        throw Malformed{};
    }

    bool match(std::string_view word) {
        if (std::size_t(end_ - at_) < word.size() || std::memcmp(at_, word.data(), word.size()))
            return false;
        at_ += word.size();
        return true;
    }

    // A string with no escapes (numbers, base64), as a view into the text.
    std::string_view raw_string() {
        expect('"');
        const char* start = at_;
        const void* quote = std::memchr(at_, '"', std::size_t(end_ - at_));
        if (!quote) throw Malformed{};
        at_ = static_cast<const char*>(quote) + 1;
        const std::string_view out(start, std::size_t(at_ - 1 - start));
        if (out.find('\\') != std::string_view::npos) throw Malformed{};
        return out;
    }

    std::string binary() {
        std::string bytes;
        if (!base64_decode(raw_string(), bytes).ok()) throw Malformed{};
        return bytes;
    }

    std::string string() {
        expect('"');
        std::string out;
        while (true) {
            const char* start = at_;
            while (at_ < end_ && *at_ != '"' && *at_ != '\\') ++at_;
            out.append(start, std::size_t(at_ - start));
            const char c = next();
            if (c == '"') return out;
            out += unescape();
        }
    }

    char unescape() {
        switch (next()) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u': {
                // The writer escapes only control characters, as \u00XX.
                if (!match("00")) throw Malformed{};
                return char(hex_digit() << 4 | hex_digit());
            }
            default:
                throw Malformed{};
        }
    }
};

}  // namespace

std::optional<Item> read_stored_item(std::string_view text) {
    try {
        return Reader(text).item();
    } catch (const Malformed&) {
        return std::nullopt;
    } catch (const sdk::AwsError&) {  // a number Number::parse refuses
        return std::nullopt;
    }
}

}  // namespace floci::dynamodb
