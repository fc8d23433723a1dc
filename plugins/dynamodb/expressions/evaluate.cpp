#include "expressions/evaluate.hpp"

#include <optional>

#include "expressions/functions.hpp"

namespace floci::dynamodb::expr {
namespace {

// An operand's value for one item: a reference into the item or the expression, or a value
// computed by size(); get() is null when it has none.
struct OperandValue {
    const AttributeValue* ref = nullptr;
    std::optional<AttributeValue> owned;

    const AttributeValue* get() const { return owned ? &*owned : ref; }
};

template <class ItemT, class ValueT>
ValueT* find_in(ItemT& item, const Path& path) {
    auto it = item.find(path.elements.front().name);
    if (it == item.end()) return nullptr;
    ValueT* cur = &it->second;
    for (std::size_t i = 1; i < path.elements.size(); ++i) {
        const PathElement& e = path.elements[i];
        if (e.is_index()) {
            auto* list = cur->template get_if<AttributeList>();
            if (!list || e.index >= list->size()) return nullptr;
            cur = &(*list)[e.index];
        } else {
            auto* map = cur->template get_if<AttributeMap>();
            if (!map) return nullptr;
            auto next = map->find(e.name);
            if (next == map->end()) return nullptr;
            cur = &next->second;
        }
    }
    return cur;
}

class Evaluator {
  public:
    explicit Evaluator(const Item& item) : item_(item) {}

    bool condition(const Condition& c) const {
        switch (c.kind) {
            case Condition::Kind::kAnd:
                return condition(c.children[0]) && condition(c.children[1]);
            case Condition::Kind::kOr:
                return condition(c.children[0]) || condition(c.children[1]);
            case Condition::Kind::kNot:
                return !condition(c.children[0]);
            case Condition::Kind::kCompare:
                return compare(c);
            case Condition::Kind::kBetween:
                return between(c);
            case Condition::Kind::kIn:
                return in(c);
            case Condition::Kind::kFunction:
                return function(c);
        }
        return false;
    }

  private:
    OperandValue value_of(const Operand& o) const {
        switch (o.kind) {
            case Operand::Kind::kValue:
                return {o.value ? &*o.value : nullptr, std::nullopt};
            case Operand::Kind::kPath:
                return {find_path(item_, o.path), std::nullopt};
            case Operand::Kind::kFunction: {
                // Only size() reaches here: validation rejects other functions as operands.
                OperandValue arg = value_of(o.args[0]);
                Number size;
                if (o.name == "size" && arg.get() && size_of(*arg.get(), size))
                    return {nullptr, AttributeValue(size)};
                return {};
            }
        }
        return {};
    }

    bool compare(const Condition& c) const {
        const OperandValue a = value_of(c.operands[0]);
        const OperandValue b = value_of(c.operands[1]);
        const bool both = a.get() && b.get();
        if (c.op == CompareOp::kEq) return both && *a.get() == *b.get();
        if (c.op == CompareOp::kNe) return !(both && *a.get() == *b.get());
        if (!both) return false;
        auto o = order(*a.get(), *b.get());
        if (!o) return false;
        switch (c.op) {
            case CompareOp::kLt:
                return *o < 0;
            case CompareOp::kLe:
                return *o <= 0;
            case CompareOp::kGt:
                return *o > 0;
            case CompareOp::kGe:
                return *o >= 0;
            default:
                return false;
        }
    }

    bool between(const Condition& c) const {
        const OperandValue a = value_of(c.operands[0]);
        const OperandValue lo = value_of(c.operands[1]);
        const OperandValue hi = value_of(c.operands[2]);
        if (!a.get() || !lo.get() || !hi.get()) return false;
        auto low = order(*lo.get(), *a.get());
        auto high = order(*a.get(), *hi.get());
        return low && high && *low <= 0 && *high <= 0;
    }

    bool in(const Condition& c) const {
        const OperandValue a = value_of(c.operands[0]);
        if (!a.get()) return false;
        for (std::size_t i = 1; i < c.operands.size(); ++i) {
            const OperandValue v = value_of(c.operands[i]);
            if (v.get() && *v.get() == *a.get()) return true;
        }
        return false;
    }

    bool function(const Condition& c) const {
        const OperandValue a = value_of(c.operands[0]);
        if (c.function == "attribute_exists") return a.get() != nullptr;
        if (c.function == "attribute_not_exists") return a.get() == nullptr;
        if (!a.get()) return false;
        const OperandValue b = value_of(c.operands[1]);
        if (!b.get()) return false;
        if (c.function == "attribute_type") {
            const auto* name = b.get()->get_if<std::string>();
            return name && *name == type_name(a.get()->type());
        }
        if (c.function == "begins_with") return begins_with(*a.get(), *b.get());
        if (c.function == "contains") return contains(*a.get(), *b.get());
        return false;
    }

    const Item& item_;
};

}  // namespace

const AttributeValue* find_path(const Item& item, const Path& path) {
    return find_in<const Item, const AttributeValue>(item, path);
}

AttributeValue* find_path(Item& item, const Path& path) {
    return find_in<Item, AttributeValue>(item, path);
}

bool evaluate(const Condition& condition, const Item& item) {
    return Evaluator(item).condition(condition);
}

}  // namespace floci::dynamodb::expr
