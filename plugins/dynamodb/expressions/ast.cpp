#include "expressions/ast.hpp"

namespace floci::dynamodb::expr {

std::string_view kind_name(ExpressionKind kind) noexcept {
    switch (kind) {
        case ExpressionKind::kCondition:
            return "ConditionExpression";
        case ExpressionKind::kFilter:
            return "FilterExpression";
        case ExpressionKind::kKeyCondition:
            return "KeyConditionExpression";
        case ExpressionKind::kUpdate:
            return "UpdateExpression";
        case ExpressionKind::kProjection:
            return "ProjectionExpression";
    }
    return "Expression";
}

std::string_view compare_op_text(CompareOp op) noexcept {
    switch (op) {
        case CompareOp::kEq:
            return "=";
        case CompareOp::kNe:
            return "<>";
        case CompareOp::kLt:
            return "<";
        case CompareOp::kLe:
            return "<=";
        case CompareOp::kGt:
            return ">";
        case CompareOp::kGe:
            return ">=";
    }
    return "=";
}

std::string_view action_name(UpdateAction::Kind kind) noexcept {
    switch (kind) {
        case UpdateAction::Kind::kSet:
            return "SET";
        case UpdateAction::Kind::kRemove:
            return "REMOVE";
        case UpdateAction::Kind::kAdd:
            return "ADD";
        case UpdateAction::Kind::kDelete:
            return "DELETE";
    }
    return "SET";
}

std::string Path::to_string() const {
    std::string out = "[";
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i) out += ", ";
        const auto& e = elements[i];
        out += e.is_index() ? "[" + e.name + "]" : e.name;
    }
    return out + "]";
}

bool operator==(const Path& a, const Path& b) {
    if (a.elements.size() != b.elements.size()) return false;
    for (std::size_t i = 0; i < a.elements.size(); ++i) {
        const auto& x = a.elements[i];
        const auto& y = b.elements[i];
        if (x.is_index() != y.is_index() || x.name != y.name) return false;
    }
    return true;
}

void for_each_path(const Operand& operand, const PathVisitor& fn) {
    if (operand.kind == Operand::Kind::kPath) fn(operand.path);
    for (const auto& arg : operand.args) for_each_path(arg, fn);
}

void for_each_path(const Condition& condition, const PathVisitor& fn) {
    for (const auto& o : condition.operands) for_each_path(o, fn);
    for (const auto& child : condition.children) for_each_path(child, fn);
}

void for_each_path(const UpdateExpression& update, const PathVisitor& fn) {
    for (const auto& a : update.actions) {
        fn(a.path);
        if (a.kind == UpdateAction::Kind::kRemove) continue;
        for_each_path(a.value.left, fn);
        if (a.value.kind != SetValue::Kind::kOperand) for_each_path(a.value.right, fn);
    }
}

}  // namespace floci::dynamodb::expr
