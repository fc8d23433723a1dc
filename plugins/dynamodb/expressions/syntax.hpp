#pragma once
// The recursive-descent grammar alone (no semantic checks), shared by parser.cpp. Internal to
// expressions/.
#include <map>
#include <string_view>
#include <variant>
#include <vector>

#include "expressions/ast.hpp"
#include "expressions/lexer.hpp"

namespace floci::dynamodb::expr::detail {

// Reading stopped at token `at`.
struct SyntaxError {
    std::size_t at;
};
// Two parentheses straight around the same thing; AWS reports it as soon as it reads it.
struct RedundantParentheses {};

class Syntax {
  public:
    explicit Syntax(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

    Condition condition_expression();
    UpdateExpression update_expression();
    ProjectionExpression projection_expression();

    // "Syntax error; token: \"<tok>\", near: \"<text from the token before to the one after>\""
    std::string describe(const SyntaxError& error) const;

  private:
    template <class T>
    struct Parsed {
        T node;
        bool parenthesized = false;
    };
    template <class T>
    using Memo =
        std::map<std::size_t, std::variant<std::pair<Parsed<T>, std::size_t>, SyntaxError>>;

    Parsed<Condition> or_condition();
    Parsed<Condition> and_condition();
    Parsed<Condition> not_condition();
    Parsed<Condition> primary();
    Parsed<Condition> parenthesized_condition();
    Parsed<Condition> comparison();
    Parsed<Operand> operand();
    Parsed<Operand> operand_uncached();
    Operand call();
    Path path();
    void set_action(UpdateAction& action);

    const Token& peek(std::size_t ahead = 0) const;
    const Token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
    bool is(TokenKind kind) const { return peek().kind == kind; }
    bool is_keyword(std::string_view upper) const { return peek().is_keyword(upper); }
    const Token& expect(TokenKind kind);
    void expect_keyword(std::string_view upper);
    [[noreturn]] void fail() const { throw SyntaxError{pos_}; }
    void expect_end() const {
        if (!is(TokenKind::kEnd)) fail();
    }

    std::string_view text_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    // Results by start token, so trying both readings of '(' stays polynomial.
    Memo<Condition> condition_memo_;
    Memo<Operand> operand_memo_;
};

}  // namespace floci::dynamodb::expr::detail
