#include "expressions/key_condition.hpp"

#include <algorithm>

#include "expressions/errors.hpp"
#include "expressions/functions.hpp"

namespace floci::dynamodb::expr {
namespace {

constexpr std::string_view kMissed = "Query condition missed key schema element";

KeyOp key_op(CompareOp op, bool flipped) {
    switch (op) {
        case CompareOp::kLt:
            return flipped ? KeyOp::kGt : KeyOp::kLt;
        case CompareOp::kLe:
            return flipped ? KeyOp::kGe : KeyOp::kLe;
        case CompareOp::kGt:
            return flipped ? KeyOp::kLt : KeyOp::kGt;
        case CompareOp::kGe:
            return flipped ? KeyOp::kLe : KeyOp::kGe;
        default:
            return KeyOp::kEq;
    }
}

[[noreturn]] void invalid_operator(std::string_view op) {
    throw_validation("Invalid operator used in KeyConditionExpression: " + std::string(op));
}

void collect(const Condition& c, std::vector<const Condition*>& leaves) {
    switch (c.kind) {
        case Condition::Kind::kAnd:
            for (const auto& child : c.children) collect(child, leaves);
            return;
        case Condition::Kind::kOr:
            invalid_operator("OR");
        case Condition::Kind::kNot:
            invalid_operator("NOT");
        case Condition::Kind::kIn:
            invalid_operator("IN");
        case Condition::Kind::kCompare:
            if (c.op == CompareOp::kNe) invalid_operator("<>");
            break;
        case Condition::Kind::kFunction:
            if (c.function != "begins_with") invalid_operator(c.function);
            break;
        case Condition::Kind::kBetween:
            break;
    }
    leaves.push_back(&c);
}

KeyTerm to_term(const Condition& c) {
    for (const auto& o : c.operands)
        if (o.kind == Operand::Kind::kFunction)
            throw_validation("KeyConditionExpressions cannot contain nested operations");
    const std::size_t paths =
        std::count_if(c.operands.begin(), c.operands.end(),
                      [](const Operand& o) { return o.kind == Operand::Kind::kPath; });
    if (paths > 1)
        throw_validation(
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
            "condition");
    // The attribute must come first, except that a comparison may be written either way round.
    const bool flipped =
        c.kind == Condition::Kind::kCompare && c.operands[1].kind == Operand::Kind::kPath;
    const Operand& key = c.operands[flipped ? 1 : 0];
    if (key.kind != Operand::Kind::kPath) {
        if (paths == 0)
            throw_validation(
                "Invalid condition in KeyConditionExpression: No key attribute specified");
        const std::string op = c.kind == Condition::Kind::kBetween ? "BETWEEN" : c.function;
        throw_validation("Invalid condition in KeyConditionExpression: " + op +
                         " operator must have the key attribute as its first operand");
    }
    KeyTerm term;
    term.attribute = key.path.head();
    if (key.path.elements.size() > 1) {
        throw_validation(
            "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
            "allowed: Key: " +
            term.attribute);
    }
    if (c.kind == Condition::Kind::kCompare)
        term.op = key_op(c.op, flipped);
    else
        term.op = c.kind == Condition::Kind::kBetween ? KeyOp::kBetween : KeyOp::kBeginsWith;
    for (std::size_t i = 0; i < c.operands.size(); ++i)
        if (&c.operands[i] != &key) term.values.push_back(*c.operands[i].value);
    return term;
}

}  // namespace

bool KeyTerm::matches(const AttributeValue& value) const {
    if (op == KeyOp::kBeginsWith) return begins_with(value, values[0]);
    auto first = order(value, values[0]);
    if (!first) return false;
    switch (op) {
        case KeyOp::kEq:
            return *first == 0;
        case KeyOp::kLt:
            return *first < 0;
        case KeyOp::kLe:
            return *first <= 0;
        case KeyOp::kGt:
            return *first > 0;
        case KeyOp::kGe:
            return *first >= 0;
        case KeyOp::kBetween: {
            auto second = order(value, values[1]);
            return *first >= 0 && second && *second <= 0;
        }
        default:
            return false;
    }
}

bool KeyCondition::matches(const Item& item) const {
    auto p = item.find(partition.attribute);
    if (p == item.end() || !partition.matches(p->second)) return false;
    if (!sort) return true;
    auto s = item.find(sort->attribute);
    return s != item.end() && sort->matches(s->second);
}

KeyCondition bind_key_terms(std::vector<KeyTerm> terms, const KeyAttribute& partition,
                            const std::optional<KeyAttribute>& sort) {
    for (std::size_t i = 0; i < terms.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (terms[i].attribute == terms[j].attribute)
                throw_validation("KeyConditionExpressions must only contain one condition per key");
    KeyCondition out;
    bool have_partition = false;
    for (auto& t : terms) {
        if (t.attribute == partition.name) {
            out.partition = std::move(t);
            have_partition = true;
        } else if (sort && t.attribute == sort->name) {
            out.sort = std::move(t);
        } else {
            // A condition on an attribute outside the key: AWS names the key it expected.
            throw_validation(std::string(kMissed) + ": " + (sort ? sort->name : partition.name));
        }
    }
    if (!have_partition) throw_validation(std::string(kMissed) + ": " + partition.name);
    if (out.partition.op != KeyOp::kEq) throw_validation("Query key condition not supported");
    auto check_types = [](const KeyTerm& t, AttributeType type) {
        for (const auto& v : t.values) {
            if (v.type() != type) {
                throw_validation(
                    "One or more parameter values were invalid: Condition parameter type does not "
                    "match schema type");
            }
        }
    };
    check_types(out.partition, partition.type);
    if (out.sort) check_types(*out.sort, sort->type);
    return out;
}

KeyCondition to_key_condition(const Condition& condition, const KeyAttribute& partition,
                              const std::optional<KeyAttribute>& sort) {
    std::vector<const Condition*> leaves;
    collect(condition, leaves);
    std::vector<KeyTerm> terms;
    for (const Condition* leaf : leaves) terms.push_back(to_term(*leaf));
    return bind_key_terms(std::move(terms), partition, sort);
}

namespace {

bool is_key(const std::vector<std::string>& keys, const std::string& name) {
    return std::find(keys.begin(), keys.end(), name) != keys.end();
}

PathVisitor scalar_check(const std::vector<std::string>& keys) {
    return [&keys](const Path& p) {
        if (p.elements.size() > 1 && is_key(keys, p.head())) {
            throw_validation(
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are "
                "not allowed: Key: " +
                p.head());
        }
    };
}

}  // namespace

void check_filter_avoids_keys(const Condition& filter,
                              const std::vector<std::string>& key_attributes) {
    for_each_path(filter, [&](const Path& p) {
        if (is_key(key_attributes, p.head())) {
            throw_validation(
                "Filter Expression can only contain non-primary key attributes: Primary key "
                "attribute: " +
                p.head());
        }
    });
}

void check_key_paths_scalar(const Condition& condition,
                            const std::vector<std::string>& key_attributes) {
    for_each_path(condition, scalar_check(key_attributes));
}

void check_key_paths_scalar(const UpdateExpression& update,
                            const std::vector<std::string>& key_attributes) {
    for_each_path(update, scalar_check(key_attributes));
}

}  // namespace floci::dynamodb::expr
