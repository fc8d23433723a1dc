#include "expressions/resolve.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "expressions/attribute_maps.hpp"
#include "expressions/errors.hpp"
#include "expressions/functions.hpp"
#include "expressions/path_checks.hpp"

namespace floci::dynamodb::expr {
namespace {

// ADD and DELETE name their operand types in long form.
std::string_view long_type_name(AttributeType t) {
    switch (t) {
        case AttributeType::S:
            return "STRING";
        case AttributeType::N:
            return "NUMBER";
        case AttributeType::B:
            return "BINARY";
        case AttributeType::BOOL:
            return "BOOLEAN";
        case AttributeType::NUL:
            return "NULL";
        case AttributeType::M:
            return "MAP";
        case AttributeType::L:
            return "LIST";
        case AttributeType::SS:
            return "STRING_SET";
        case AttributeType::NS:
            return "NUMBER_SET";
        case AttributeType::BS:
            return "BINARY_SET";
    }
    return "NULL";
}

// What AWS reports as attribute_type's second operand type when it is not a value at all.
constexpr std::string_view kAnyType =
    "{SS,M,DECIMAL,DOUBLESET,HDS,N,B,DICT,INTSET,BOOL,HD,BS,INT,DECIMALSET,NULL,FLOAT,FS,S,L,NS,"
    "DOUBLE}";

}  // namespace

std::string bound_text(const AttributeValue& value) {
    std::string out = "AttributeValue: {";
    out += type_name(value.type());
    out += ':';
    switch (value.type()) {
        case AttributeType::S:
            out += *value.get_if<std::string>();
            break;
        case AttributeType::N:
            out += value.get_if<Number>()->to_string();
            break;
        case AttributeType::B: {
            // AWS prints the Java ByteBuffer holding the bytes.
            const auto n = std::to_string(value.get_if<Binary>()->bytes.size());
            out += "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
            break;
        }
        default:
            break;
    }
    return out + "}";
}

// One expression's walk over its placeholders and operands, stopping at the first problem.
class ResolvePass {
  public:
    ResolvePass(Resolver& r, ExpressionKind kind) : r_(r), kind_(kind) {}

    // Substitutes the #names of a path without the depth check.
    void names(Path& p) {
        for (auto& e : p.elements) {
            if (e.kind != PathElement::Kind::kNameRef) continue;
            auto it = r_.names_.find(e.name);
            if (it == r_.names_.end()) {
                fail(
                    "An expression attribute name used in the document path is not defined; "
                    "attribute name: " +
                    e.name);
            }
            r_.used_names_.insert(e.name);
            e.kind = PathElement::Kind::kName;
            e.name = it->second;
        }
    }

    void names(Operand& o) {
        if (o.kind == Operand::Kind::kPath) names(o.path);
        for (auto& a : o.args) names(a);
    }

    void path(Path& p) {
        names(p);
        if (p.elements.size() > kMaxPathDepth) {
            fail("The document path has too many nesting levels; nesting levels: " +
                 std::to_string(p.elements.size()));
        }
    }

    void operand(Operand& o) {
        switch (o.kind) {
            case Operand::Kind::kPath:
                path(o.path);
                return;
            case Operand::Kind::kValue:
                value(o);
                return;
            case Operand::Kind::kFunction:
                function(o.name, o.args);
                return;
        }
    }

    void condition(Condition& c) {
        switch (c.kind) {
            case Condition::Kind::kAnd:
            case Condition::Kind::kOr:
            case Condition::Kind::kNot:
                for (auto& child : c.children) condition(child);
                return;
            case Condition::Kind::kCompare:
                return compare(c);
            case Condition::Kind::kBetween:
                return between(c);
            case Condition::Kind::kIn:
                return in(c);
            case Condition::Kind::kFunction:
                return function(c.function, c.operands);
        }
    }

    void set_value(SetValue& v) {
        operand(v.left);
        if (v.kind == SetValue::Kind::kOperand) return;
        operand(v.right);
        const std::string_view op = v.kind == SetValue::Kind::kPlus ? "+" : "-";
        for (const Operand* o : {&v.left, &v.right}) require_type(op, *o, {AttributeType::N});
    }

    void add_or_delete(const UpdateAction& a) {
        auto type = static_type(a.value.left);
        if (!type) return;
        const bool add = a.kind == UpdateAction::Kind::kAdd;
        const bool ok = *type == AttributeType::SS || *type == AttributeType::NS ||
                        *type == AttributeType::BS || (add && *type == AttributeType::N);
        if (ok) return;
        const std::string_view name = action_name(a.kind);
        fail("Incorrect operand type for operator or function; operator: " + std::string(name) +
             ", operand type: " + std::string(long_type_name(*type)) + ", typeSet: ALLOWED_FOR_" +
             std::string(name) + "_OPERAND");
    }

    [[noreturn]] void fail(const std::string& message) const { throw_invalid(kind_, message); }

  private:
    void value(Operand& o) {
        auto it = r_.values_.find(o.name);
        if (it == r_.values_.end()) {
            fail(
                "An expression attribute value used in expression is not defined; attribute "
                "value: " +
                o.name);
        }
        r_.used_values_.insert(o.name);
        o.value = it->second;
    }

    // A value's type, N for size(); nothing for paths and other functions, whose type depends
    // on the item.
    static std::optional<AttributeType> static_type(const Operand& o) {
        if (o.kind == Operand::Kind::kValue && o.value) return o.value->type();
        if (o.kind == Operand::Kind::kFunction && o.name == "size") return AttributeType::N;
        return std::nullopt;
    }

    void require_type(std::string_view op, const Operand& o,
                      std::initializer_list<AttributeType> allowed) const {
        auto type = static_type(o);
        if (!type || std::find(allowed.begin(), allowed.end(), *type) != allowed.end()) return;
        type_problem(op, type_name(*type));
    }

    [[noreturn]] void type_problem(std::string_view op, std::string_view type) const {
        fail("Incorrect operand type for operator or function; operator or function: " +
             std::string(op) + ", operand type: " + std::string(type));
    }

    void distinct(std::string_view op, const Operand& first, const Operand* rest,
                  std::size_t count) const {
        if (first.kind != Operand::Kind::kPath) return;
        for (std::size_t i = 0; i < count; ++i) {
            if (rest[i].kind == Operand::Kind::kPath && rest[i].path == first.path) {
                fail(
                    "The first operand must be distinct from the remaining operands for this "
                    "operator or function; operator: " +
                    std::string(op) + ", first operand: " + first.path.to_string());
            }
        }
    }

    void compare(Condition& c) {
        for (auto& o : c.operands) operand(o);
        const std::string_view op = compare_op_text(c.op);
        distinct(op, c.operands[0], &c.operands[1], 1);
        if (c.op == CompareOp::kEq || c.op == CompareOp::kNe) return;
        for (const auto& o : c.operands)
            require_type(op, o, {AttributeType::S, AttributeType::N, AttributeType::B});
    }

    void between(Condition& c) {
        for (auto& o : c.operands) operand(o);
        distinct("BETWEEN", c.operands[0], &c.operands[1], 2);
        for (const auto& o : c.operands)
            require_type("BETWEEN", o, {AttributeType::S, AttributeType::N, AttributeType::B});
        const Operand& lo = c.operands[1];
        const Operand& hi = c.operands[2];
        if (lo.kind != Operand::Kind::kValue || hi.kind != Operand::Kind::kValue) return;
        // Rendered only for a message: a Query's key condition passes here on every request.
        auto bounds = [&] {
            return "lower bound operand: " + bound_text(*lo.value) +
                   ", upper bound operand: " + bound_text(*hi.value);
        };
        if (lo.value->type() != hi.value->type()) {
            fail("The BETWEEN operator requires same data type for lower and upper bounds; " +
                 bounds());
        }
        auto ordering = order(*lo.value, *hi.value);
        if (ordering && *ordering > 0) {
            fail(
                "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                "bound; " +
                bounds());
        }
    }

    void in(Condition& c) {
        for (auto& o : c.operands) operand(o);
        const std::size_t list = c.operands.size() - 1;
        if (list > kMaxInOperands) {
            fail("The IN operator is provided with too many operands; number of operands: " +
                 std::to_string(list));
        }
        distinct("IN", c.operands[0], &c.operands[1], list);
    }

    void function(const std::string& name, std::vector<Operand>& args) {
        const FunctionInfo* info = find_function(name);
        // Conditions had their operands counted by the parser; an update's are counted here.
        if (kind_ == ExpressionKind::kUpdate && args.size() != info->arity) {
            fail("Incorrect number of operands for operator or function; operator or function: " +
                 name + ", number of operands: " + std::to_string(args.size()));
        }
        for (auto& a : args) operand(a);
        const bool needs_path = name == "attribute_exists" || name == "attribute_not_exists" ||
                                name == "attribute_type" || name == "if_not_exists";
        if (needs_path && args[0].kind != Operand::Kind::kPath)
            fail("Operator or function requires a document path; operator or function: " + name);
        if (name != "size" && name != "list_append")
            distinct(name, args[0], args.data() + 1, args.size() - 1);
        if (name == "size") {
            require_type(name, args[0],
                         {AttributeType::S, AttributeType::B, AttributeType::SS, AttributeType::NS,
                          AttributeType::BS, AttributeType::L, AttributeType::M});
        } else if (name == "begins_with") {
            for (const auto& a : args) require_type(name, a, {AttributeType::S, AttributeType::B});
        } else if (name == "list_append") {
            for (const auto& a : args) require_type(name, a, {AttributeType::L});
        } else if (name == "attribute_type") {
            attribute_type(args[1]);
        }
    }

    void attribute_type(const Operand& second) const {
        if (second.kind != Operand::Kind::kValue) {
            const bool size = second.kind == Operand::Kind::kFunction && second.name == "size";
            type_problem("attribute_type", size ? "N" : kAnyType);
        }
        if (second.value->type() != AttributeType::S)
            type_problem("attribute_type", type_name(second.value->type()));
        const std::string& type = *second.value->get_if<std::string>();
        if (!is_attribute_type_name(type)) {
            fail("Invalid attribute type name found; type: " + type +
                 ", valid types: " + std::string(kAttributeTypeNames));
        }
    }

    Resolver& r_;
    ExpressionKind kind_;
};

void Resolver::resolve(Condition& condition, ExpressionKind kind) {
    ResolvePass(*this, kind).condition(condition);
}

void Resolver::resolve(UpdateExpression& update) {
    ResolvePass pass(*this, ExpressionKind::kUpdate);
    // AWS reads the paths' #names and checks for overlaps before it looks at the values.
    for (auto& a : update.actions) pass.names(a.path);
    std::vector<const Path*> paths;
    for (const auto& a : update.actions) paths.push_back(&a.path);
    check_overlaps(paths, ExpressionKind::kUpdate);
    // Then it goes from the last action back to the first: every #name first, then the values
    // and their types.
    for (auto it = update.actions.rbegin(); it != update.actions.rend(); ++it) {
        if (it->kind == UpdateAction::Kind::kRemove) continue;
        pass.names(it->value.left);
        if (it->value.kind != SetValue::Kind::kOperand) pass.names(it->value.right);
    }
    for (auto it = update.actions.rbegin(); it != update.actions.rend(); ++it) {
        pass.path(it->path);
        if (it->kind == UpdateAction::Kind::kRemove) continue;
        pass.set_value(it->value);
        if (it->kind != UpdateAction::Kind::kSet) pass.add_or_delete(*it);
    }
}

void Resolver::resolve(ProjectionExpression& projection) {
    ResolvePass pass(*this, ExpressionKind::kProjection);
    std::vector<const Path*> paths;
    for (auto& p : projection.paths) {
        pass.path(p);
        paths.push_back(&p);
    }
    check_overlaps(paths, ExpressionKind::kProjection);
}

void Resolver::check_unused() const {
    check_unused_names(names_, used_names_);
    check_unused_values(values_, used_values_);
}

}  // namespace floci::dynamodb::expr
