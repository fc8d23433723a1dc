#include "expressions/syntax.hpp"

#include <utility>

namespace floci::dynamodb::expr::detail {
namespace {

bool comparator(TokenKind kind, CompareOp& op) {
    switch (kind) {
        case TokenKind::kEq:
            op = CompareOp::kEq;
            return true;
        case TokenKind::kNe:
            op = CompareOp::kNe;
            return true;
        case TokenKind::kLt:
            op = CompareOp::kLt;
            return true;
        case TokenKind::kLe:
            op = CompareOp::kLe;
            return true;
        case TokenKind::kGt:
            op = CompareOp::kGt;
            return true;
        case TokenKind::kGe:
            op = CompareOp::kGe;
            return true;
        default:
            return false;
    }
}

Condition combine(Condition::Kind kind, Condition left, Condition right) {
    Condition c;
    c.kind = kind;
    c.children.push_back(std::move(left));
    c.children.push_back(std::move(right));
    return c;
}

}  // namespace

const Token& Syntax::peek(std::size_t ahead) const {
    std::size_t i = pos_ + ahead;
    return tokens_[i < tokens_.size() ? i : tokens_.size() - 1];
}

const Token& Syntax::expect(TokenKind kind) {
    if (!is(kind)) fail();
    return next();
}

void Syntax::expect_keyword(std::string_view upper) {
    if (!is_keyword(upper)) fail();
    next();
}

std::string Syntax::describe(const SyntaxError& error) const {
    const std::size_t at = error.at;
    const Token& tok = tokens_[at];
    const std::size_t from = at > 0 ? tokens_[at - 1].begin : 0;
    const std::size_t to = at + 1 < tokens_.size() ? tokens_[at + 1].end : tok.end;
    std::string out = "Syntax error; token: \"";
    out += tok.text;
    out += "\", near: \"";
    out += text_.substr(from, to - from);
    out += "\"";
    return out;
}

Condition Syntax::condition_expression() {
    Condition c = or_condition().node;
    expect_end();
    return c;
}

Syntax::Parsed<Condition> Syntax::or_condition() {
    const std::size_t start = pos_;
    if (auto it = condition_memo_.find(start); it != condition_memo_.end()) {
        if (auto* error = std::get_if<SyntaxError>(&it->second)) throw *error;
        auto& [parsed, end] = std::get<0>(it->second);
        pos_ = end;
        return parsed;
    }
    try {
        Parsed<Condition> left = and_condition();
        while (is_keyword("OR")) {
            next();
            Parsed<Condition> right = and_condition();
            left = {combine(Condition::Kind::kOr, std::move(left.node), std::move(right.node))};
        }
        condition_memo_.emplace(start, std::make_pair(left, pos_));
        return left;
    } catch (const SyntaxError& e) {
        condition_memo_.emplace(start, e);
        throw;
    }
}

Syntax::Parsed<Condition> Syntax::and_condition() {
    Parsed<Condition> left = not_condition();
    while (is_keyword("AND")) {
        next();
        Parsed<Condition> right = not_condition();
        left = {combine(Condition::Kind::kAnd, std::move(left.node), std::move(right.node))};
    }
    return left;
}

Syntax::Parsed<Condition> Syntax::not_condition() {
    if (!is_keyword("NOT")) return primary();
    next();
    Condition c;
    c.kind = Condition::Kind::kNot;
    c.children.push_back(not_condition().node);
    return {std::move(c)};
}

// '(' starts either a parenthesized condition or a parenthesized operand of a comparison.
// Like AWS's parser, try the condition first and, when both fail, report the reading that got
// further.
Syntax::Parsed<Condition> Syntax::primary() {
    if (!is(TokenKind::kLParen)) return comparison();
    const std::size_t start = pos_;
    SyntaxError first{0};
    try {
        return parenthesized_condition();
    } catch (const SyntaxError& e) {
        first = e;
    }
    pos_ = start;
    try {
        return comparison();
    } catch (const SyntaxError& e) {
        throw e.at > first.at ? e : first;
    }
}

Syntax::Parsed<Condition> Syntax::parenthesized_condition() {
    expect(TokenKind::kLParen);
    Parsed<Condition> inner = or_condition();
    expect(TokenKind::kRParen);
    if (inner.parenthesized) throw RedundantParentheses{};
    inner.parenthesized = true;
    return inner;
}

Syntax::Parsed<Condition> Syntax::comparison() {
    Parsed<Operand> a = operand();
    Condition c;
    if (comparator(peek().kind, c.op)) {
        next();
        c.kind = Condition::Kind::kCompare;
        c.operands.push_back(std::move(a.node));
        c.operands.push_back(operand().node);
    } else if (is_keyword("BETWEEN")) {
        next();
        c.kind = Condition::Kind::kBetween;
        c.operands.push_back(std::move(a.node));
        c.operands.push_back(operand().node);
        expect_keyword("AND");
        c.operands.push_back(operand().node);
    } else if (is_keyword("IN")) {
        next();
        c.kind = Condition::Kind::kIn;
        c.operands.push_back(std::move(a.node));
        expect(TokenKind::kLParen);
        c.operands.push_back(operand().node);
        while (is(TokenKind::kComma)) {
            next();
            c.operands.push_back(operand().node);
        }
        expect(TokenKind::kRParen);
    } else if (a.node.kind == Operand::Kind::kFunction && !a.parenthesized) {
        c.kind = Condition::Kind::kFunction;
        c.function = std::move(a.node.name);
        c.operands = std::move(a.node.args);
    } else {
        fail();
    }
    return {std::move(c)};
}

Syntax::Parsed<Operand> Syntax::operand() {
    const std::size_t start = pos_;
    if (auto it = operand_memo_.find(start); it != operand_memo_.end()) {
        if (auto* error = std::get_if<SyntaxError>(&it->second)) throw *error;
        auto& [parsed, end] = std::get<0>(it->second);
        pos_ = end;
        return parsed;
    }
    try {
        Parsed<Operand> parsed = operand_uncached();
        operand_memo_.emplace(start, std::make_pair(parsed, pos_));
        return parsed;
    } catch (const SyntaxError& e) {
        operand_memo_.emplace(start, e);
        throw;
    }
}

Syntax::Parsed<Operand> Syntax::operand_uncached() {
    const Token& tok = peek();
    if (tok.kind == TokenKind::kValueRef) {
        Operand v;
        v.kind = Operand::Kind::kValue;
        v.name = std::string(tok.text);
        v.offset = tok.begin;
        next();
        return {std::move(v)};
    }
    if (tok.kind == TokenKind::kLParen) {
        next();
        Parsed<Operand> inner = operand();
        expect(TokenKind::kRParen);
        if (inner.parenthesized) throw RedundantParentheses{};
        inner.parenthesized = true;
        return inner;
    }
    if (tok.kind == TokenKind::kName && peek(1).kind == TokenKind::kLParen) return {call()};
    if (tok.kind == TokenKind::kName || tok.kind == TokenKind::kNameRef) {
        Operand p;
        p.kind = Operand::Kind::kPath;
        p.offset = tok.begin;
        p.path = path();
        return {std::move(p)};
    }
    fail();
}

Operand Syntax::call() {
    Operand f;
    f.kind = Operand::Kind::kFunction;
    f.offset = peek().begin;
    f.name = std::string(next().text);
    expect(TokenKind::kLParen);
    f.args.push_back(operand().node);
    while (is(TokenKind::kComma)) {
        next();
        f.args.push_back(operand().node);
    }
    expect(TokenKind::kRParen);
    return f;
}

Path Syntax::path() {
    auto element = [this](const Token& t) {
        PathElement e;
        e.kind =
            t.kind == TokenKind::kNameRef ? PathElement::Kind::kNameRef : PathElement::Kind::kName;
        e.name = std::string(t.text);
        e.offset = t.begin;
        return e;
    };
    if (!is(TokenKind::kName) && !is(TokenKind::kNameRef)) fail();
    Path p;
    p.elements.push_back(element(next()));
    while (is(TokenKind::kDot) || is(TokenKind::kLBracket)) {
        if (next().kind == TokenKind::kDot) {
            if (!is(TokenKind::kName) && !is(TokenKind::kNameRef)) fail();
            p.elements.push_back(element(next()));
        } else {
            const Token& t = expect(TokenKind::kInteger);
            PathElement e;
            e.kind = PathElement::Kind::kIndex;
            e.name = std::string(t.text);
            e.offset = t.begin;
            expect(TokenKind::kRBracket);
            p.elements.push_back(std::move(e));
        }
    }
    return p;
}

void Syntax::set_action(UpdateAction& action) {
    action.path = path();
    expect(TokenKind::kEq);
    action.value.left = operand().node;
    if (is(TokenKind::kPlus) || is(TokenKind::kMinus)) {
        action.value.kind =
            next().kind == TokenKind::kPlus ? SetValue::Kind::kPlus : SetValue::Kind::kMinus;
        action.value.right = operand().node;
    }
}

UpdateExpression Syntax::update_expression() {
    using Kind = UpdateAction::Kind;
    UpdateExpression u;
    std::size_t clause = 0;
    do {
        Kind kind;
        if (is_keyword("SET"))
            kind = Kind::kSet;
        else if (is_keyword("REMOVE"))
            kind = Kind::kRemove;
        else if (is_keyword("ADD"))
            kind = Kind::kAdd;
        else if (is_keyword("DELETE"))
            kind = Kind::kDelete;
        else
            fail();
        next();
        do {
            UpdateAction a;
            a.kind = kind;
            a.clause = clause;
            if (kind == Kind::kSet) {
                set_action(a);
            } else {
                a.path = path();
                if (kind != Kind::kRemove) {
                    const Token& v = expect(TokenKind::kValueRef);
                    a.value.left.kind = Operand::Kind::kValue;
                    a.value.left.name = std::string(v.text);
                    a.value.left.offset = v.begin;
                }
            }
            u.actions.push_back(std::move(a));
        } while (is(TokenKind::kComma) && (next(), true));
        ++clause;
    } while (!is(TokenKind::kEnd));
    return u;
}

ProjectionExpression Syntax::projection_expression() {
    ProjectionExpression p;
    p.paths.push_back(path());
    while (is(TokenKind::kComma)) {
        next();
        p.paths.push_back(path());
    }
    expect_end();
    return p;
}

}  // namespace floci::dynamodb::expr::detail
