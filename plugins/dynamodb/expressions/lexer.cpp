#include "expressions/lexer.hpp"

#include <array>

namespace floci::dynamodb::expr {
namespace {

// Only these words are grammar keywords; the other reserved words are ordinary names to the
// lexer and are rejected later, with a different message (see reserved_words.hpp).
constexpr std::array<std::string_view, 9> kKeywords = {"AND", "OR",     "NOT", "BETWEEN", "IN",
                                                       "SET", "REMOVE", "ADD", "DELETE"};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_letter(c) || is_digit(c) || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool iequals(std::string_view a, std::string_view upper) {
    if (a.size() != upper.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != upper[i]) return false;
    }
    return true;
}

bool is_keyword_text(std::string_view word) {
    for (auto k : kKeywords)
        if (iequals(word, k)) return true;
    return false;
}

// Operators and punctuation; two-character operators first.
std::size_t scan_symbol(std::string_view s, std::size_t i, TokenKind& kind) {
    char c = s[i];
    char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c == '<' && next == '>') return kind = TokenKind::kNe, 2;
    if (c == '<' && next == '=') return kind = TokenKind::kLe, 2;
    if (c == '>' && next == '=') return kind = TokenKind::kGe, 2;
    switch (c) {
        case '=':
            kind = TokenKind::kEq;
            break;
        case '<':
            kind = TokenKind::kLt;
            break;
        case '>':
            kind = TokenKind::kGt;
            break;
        case '+':
            kind = TokenKind::kPlus;
            break;
        case '-':
            kind = TokenKind::kMinus;
            break;
        case ',':
            kind = TokenKind::kComma;
            break;
        case '.':
            kind = TokenKind::kDot;
            break;
        case '(':
            kind = TokenKind::kLParen;
            break;
        case ')':
            kind = TokenKind::kRParen;
            break;
        case '[':
            kind = TokenKind::kLBracket;
            break;
        case ']':
            kind = TokenKind::kRBracket;
            break;
        default:
            kind = TokenKind::kInvalid;
            break;
    }
    return 1;
}

}  // namespace

bool Token::is_keyword(std::string_view upper) const noexcept {
    return kind == TokenKind::kKeyword && iequals(text, upper);
}

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_space(s[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        TokenKind kind;
        char c = s[i];
        if (is_letter(c)) {
            while (i < s.size() && is_word(s[i])) ++i;
            kind = is_keyword_text(s.substr(start, i - start)) ? TokenKind::kKeyword
                                                               : TokenKind::kName;
        } else if (c == '#' || c == ':') {
            ++i;
            while (i < s.size() && is_word(s[i])) ++i;
            if (i == start + 1)
                kind = TokenKind::kInvalid;
            else
                kind = c == '#' ? TokenKind::kNameRef : TokenKind::kValueRef;
        } else if (is_digit(c)) {
            // "01" lexes as "0" then "1", so a leading zero is a syntax error, as in AWS.
            ++i;
            if (c != '0')
                while (i < s.size() && is_digit(s[i])) ++i;
            kind = TokenKind::kInteger;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            // A non-ASCII character is never valid; report it whole, not one UTF-8 byte of it.
            ++i;
            while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
            kind = TokenKind::kInvalid;
        } else {
            i += scan_symbol(s, i, kind);
        }
        out.push_back(Token{kind, s.substr(start, i - start), start, i});
    }
    out.push_back(Token{TokenKind::kEnd, "<EOF>", s.size(), s.size()});
    return out;
}

}  // namespace floci::dynamodb::expr
