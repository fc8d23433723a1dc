#pragma once
// Splits expression text into tokens. Whitespace separates tokens and is dropped; every token
// remembers where it starts and ends, because AWS quotes the surrounding text in syntax errors.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace floci::dynamodb::expr {

enum class TokenKind : std::uint8_t {
    kName,      // attribute or function name: a letter, then letters, digits, '_'
    kNameRef,   // #name
    kValueRef,  // :value
    kInteger,   // a list index: "0" or digits not starting with 0
    kKeyword,   // AND OR NOT BETWEEN IN SET REMOVE ADD DELETE (any case)
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kPlus,
    kMinus,
    kComma,
    kDot,
    kLParen,
    kRParen,
    kLBracket,
    kRBracket,
    kInvalid,  // a character the language has no use for, or a bare '#' / ':'
    kEnd,      // "<EOF>"
};

struct Token {
    TokenKind kind = TokenKind::kEnd;
    std::string_view text;  // a view into the expression; "<EOF>" for kEnd
    std::size_t begin = 0;
    std::size_t end = 0;

    // For kKeyword tokens: case-insensitive match against an upper-case keyword.
    bool is_keyword(std::string_view upper) const noexcept;
};

// Always ends with one kEnd token. `text` must outlive the tokens.
std::vector<Token> tokenize(std::string_view text);

}  // namespace floci::dynamodb::expr
