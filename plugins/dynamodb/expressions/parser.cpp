#include "expressions/parser.hpp"

#include <string>

#include "expressions/errors.hpp"
#include "expressions/functions.hpp"
#include "expressions/reserved_words.hpp"
#include "expressions/syntax.hpp"

namespace floci::dynamodb::expr {
namespace {

// An index AWS accepts must fit a Java int.
constexpr std::size_t kMaxIndexDigits = 10;
constexpr std::uint64_t kMaxIndex = 2147483647;

// The checks that need no placeholders, walking the expression in the order it is written
// and stopping at the first problem, as AWS does.
class StaticChecks {
  public:
    explicit StaticChecks(ExpressionKind kind) : kind_(kind) {}

    void path(Path& p) const {
        for (auto& e : p.elements) {
            if (e.kind == PathElement::Kind::kIndex) {
                std::uint64_t value = 0;
                if (e.name.size() <= kMaxIndexDigits) value = std::stoull(e.name);
                if (e.name.size() > kMaxIndexDigits || value > kMaxIndex) {
                    fail("List index is not within the allowable range; index: [" + e.name + "]");
                }
                e.index = static_cast<std::uint32_t>(value);
            } else if (e.kind == PathElement::Kind::kName && is_rejected_reserved_name(e.name)) {
                fail("Attribute name is a reserved keyword; reserved keyword: " + e.name);
            }
        }
    }

    void operand(Operand& o) const {
        if (o.kind == Operand::Kind::kPath) path(o.path);
        if (o.kind == Operand::Kind::kFunction) function(o.name, o.args, false);
    }

    void condition(Condition& c) const {
        switch (c.kind) {
            case Condition::Kind::kAnd:
            case Condition::Kind::kOr:
            case Condition::Kind::kNot:
                for (auto& child : c.children) condition(child);
                return;
            case Condition::Kind::kFunction:
                function(c.function, c.operands, true);
                return;
            default:
                for (auto& o : c.operands) operand(o);
        }
    }

    void update(UpdateExpression& u) const {
        // AWS reads an update a section at a time, in the order the sections first appear.
        std::vector<UpdateAction::Kind> sections;
        for (const auto& a : u.actions) {
            bool seen = false;
            for (auto s : sections) seen = seen || s == a.kind;
            if (!seen) sections.push_back(a.kind);
        }
        for (auto section : sections) {
            std::size_t first_clause = SIZE_MAX;
            bool repeated = false;
            for (auto& a : u.actions) {
                if (a.kind != section) continue;
                if (first_clause == SIZE_MAX) first_clause = a.clause;
                repeated = repeated || a.clause != first_clause;
                path(a.path);
                if (a.kind == UpdateAction::Kind::kRemove) continue;
                operand(a.value.left);
                if (a.value.kind != SetValue::Kind::kOperand) operand(a.value.right);
            }
            if (repeated) {
                fail("The \"" + std::string(action_name(section)) +
                     "\" section can only be used once in an update expression;");
            }
        }
    }

  private:
    void function(const std::string& name, std::vector<Operand>& args, bool as_condition) const {
        const FunctionInfo* info = find_function(name);
        if (!info) fail("Invalid function name; function: " + name);
        if (kind_ == ExpressionKind::kUpdate) {
            if (info->place != FunctionPlace::kUpdate)
                fail("The function is not allowed in an update expression; function: " + name);
        } else {
            if (info->place == FunctionPlace::kUpdate)
                fail("The function is not allowed in a condition expression; function: " + name);
            if (as_condition != (info->place == FunctionPlace::kCondition)) {
                fail(
                    "The function is not allowed to be used this way in an expression; "
                    "function: " +
                    name);
            }
            // An update's functions are counted later, with the placeholders (resolve.cpp).
            if (args.size() != info->arity) {
                fail(
                    "Incorrect number of operands for operator or function; operator or "
                    "function: " +
                    name + ", number of operands: " + std::to_string(args.size()));
            }
        }
        for (auto& a : args) operand(a);
    }

    [[noreturn]] void fail(const std::string& message) const { throw_invalid(kind_, message); }

    ExpressionKind kind_;
};

void check_text(std::string_view text, ExpressionKind kind) {
    if (text.empty()) throw_invalid(kind, "The expression can not be empty;");
    if (text.size() > kMaxExpressionBytes) {
        throw_invalid(kind,
                      "Expression size has exceeded the maximum allowed size; expression size: " +
                          std::to_string(text.size()));
    }
}

template <class Fn>
auto parse_with(std::string_view text, ExpressionKind kind, Fn&& fn) {
    check_text(text, kind);
    detail::Syntax syntax(text);
    try {
        return fn(syntax);
    } catch (const detail::SyntaxError& e) {
        throw_invalid(kind, syntax.describe(e));
    } catch (const detail::RedundantParentheses&) {
        throw_invalid(kind, "The expression has redundant parentheses;");
    }
}

}  // namespace

Condition parse_condition(std::string_view text, ExpressionKind kind) {
    Condition c =
        parse_with(text, kind, [](detail::Syntax& s) { return s.condition_expression(); });
    StaticChecks(kind).condition(c);
    return c;
}

UpdateExpression parse_update(std::string_view text) {
    constexpr auto kKind = ExpressionKind::kUpdate;
    UpdateExpression u =
        parse_with(text, kKind, [](detail::Syntax& s) { return s.update_expression(); });
    StaticChecks(kKind).update(u);
    return u;
}

ProjectionExpression parse_projection(std::string_view text) {
    constexpr auto kKind = ExpressionKind::kProjection;
    ProjectionExpression p =
        parse_with(text, kKind, [](detail::Syntax& s) { return s.projection_expression(); });
    StaticChecks checks(kKind);
    for (auto& path : p.paths) checks.path(path);
    return p;
}

}  // namespace floci::dynamodb::expr
