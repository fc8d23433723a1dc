#include "expressions/update.hpp"

#include <algorithm>
#include <optional>

#include "expressions/errors.hpp"
#include "expressions/evaluate.hpp"
#include "expressions/projection.hpp"
#include "expressions/set_algebra.hpp"

namespace floci::dynamodb::expr {
namespace {

constexpr std::string_view kTypeError =
    "An operand in the update expression has an incorrect data type";
constexpr std::string_view kMissingError =
    "The provided expression refers to an attribute that does not exist in the item";
constexpr std::string_view kPathError =
    "The document path provided in the update expression is invalid for update";

Path parent_of(const Path& path) {
    Path parent;
    parent.elements.assign(path.elements.begin(), path.elements.end() - 1);
    return parent;
}

// Whether the place a path writes to can exist: everything before its last step is there, and
// is a list before an index or a map before a name.
bool writable(const Path& path, const Item& item) {
    if (path.elements.size() == 1) return true;
    const AttributeValue* parent = find_path(item, parent_of(path));
    if (!parent) return false;
    return path.elements.back().is_index() ? parent->type() == AttributeType::L
                                           : parent->type() == AttributeType::M;
}

// A SET value, worked out from the item as it was. A wrong type throws at once; a missing
// attribute is remembered in `missing`, since AWS reports it only after checking paths.
class SetEvaluator {
  public:
    explicit SetEvaluator(const Item& item) : item_(item) {}

    std::optional<AttributeValue> value(const SetValue& v, bool& missing) const {
        if (v.kind == SetValue::Kind::kOperand) return operand(v.left, missing);
        auto a = number(v.left, missing);
        auto b = number(v.right, missing);
        if (!a || !b) return std::nullopt;
        return AttributeValue(v.kind == SetValue::Kind::kPlus ? *a + *b : *a - *b);
    }

  private:
    std::optional<Number> number(const Operand& o, bool& missing) const {
        auto v = operand(o, missing);
        if (!v) return std::nullopt;
        const auto* n = v->get_if<Number>();
        if (!n) throw_validation(std::string(kTypeError));
        return *n;
    }

    std::optional<AttributeValue> operand(const Operand& o, bool& missing) const {
        switch (o.kind) {
            case Operand::Kind::kValue:
                return o.value;
            case Operand::Kind::kPath:
                if (const AttributeValue* v = find_path(item_, o.path)) return *v;
                missing = true;
                return std::nullopt;
            case Operand::Kind::kFunction:
                return o.name == "if_not_exists" ? if_not_exists(o, missing)
                                                 : list_append(o, missing);
        }
        return std::nullopt;
    }

    std::optional<AttributeValue> if_not_exists(const Operand& o, bool& missing) const {
        if (const AttributeValue* v = find_path(item_, o.args[0].path)) return *v;
        return operand(o.args[1], missing);
    }

    std::optional<AttributeValue> list_append(const Operand& o, bool& missing) const {
        auto a = operand(o.args[0], missing);
        if (a && a->type() != AttributeType::L) throw_validation(std::string(kTypeError));
        auto b = operand(o.args[1], missing);
        if (b && b->type() != AttributeType::L) throw_validation(std::string(kTypeError));
        if (!a || !b) return std::nullopt;
        AttributeList out = *a->get_if<AttributeList>();
        const auto& tail = *b->get_if<AttributeList>();
        out.insert(out.end(), tail.begin(), tail.end());
        return AttributeValue(std::move(out));
    }

    const Item& item_;
};

// What one action does to the item: write `value` at `path`, or remove it.
struct Write {
    const Path* path;
    std::optional<AttributeValue> value;  // empty: remove
};

// ADD and DELETE: the value to write, or empty for a DELETE that empties the set (or finds
// nothing to delete from).
std::optional<AttributeValue> add_or_delete(const UpdateAction& a, const AttributeValue* current,
                                            bool& remove) {
    const AttributeValue& operand = *a.value.left.value;
    remove = false;
    if (a.kind == UpdateAction::Kind::kAdd) {
        if (!current) return operand;
        if (const auto* n = operand.get_if<Number>())
            return AttributeValue(*current->get_if<Number>() + *n);
        return set_union(*current, operand);
    }
    if (!current) return std::nullopt;
    AttributeValue rest = set_difference(*current, operand);
    if (set_size(rest) == 0) {
        remove = true;
        return std::nullopt;
    }
    return rest;
}

bool add_or_delete_types_match(const UpdateAction& a, const AttributeValue& current) {
    const AttributeValue& operand = *a.value.left.value;
    if (a.kind == UpdateAction::Kind::kAdd && operand.type() == AttributeType::N)
        return current.type() == AttributeType::N;
    return current.type() == operand.type() && is_set_type(operand.type());
}

void write_top_or_map(Item& out, const Write& w) {
    if (w.path->elements.size() == 1) {
        if (w.value)
            out.insert_or_assign(w.path->head(), *w.value);
        else
            out.erase(w.path->head());
        return;
    }
    auto* map = find_path(out, parent_of(*w.path))->get_if<AttributeMap>();
    const std::string& name = w.path->elements.back().name;
    if (w.value)
        map->insert_or_assign(name, *w.value);
    else
        map->erase(name);
}

// Writes into lists, by the positions from before the update: replacements in place, removals,
// then entries past the end appended in index order. Deeper lists go first, so that a list's
// own position is still the original one when it is looked up.
void write_lists(Item& out, std::vector<const Write*> writes) {
    std::stable_sort(writes.begin(), writes.end(), [](const Write* a, const Write* b) {
        return a->path->elements.size() > b->path->elements.size();
    });
    std::vector<bool> done(writes.size(), false);
    for (std::size_t i = 0; i < writes.size(); ++i) {
        if (done[i]) continue;
        const Path parent = parent_of(*writes[i]->path);
        auto& list = *find_path(out, parent)->get_if<AttributeList>();
        const std::size_t old_size = list.size();
        std::vector<bool> removed(old_size, false);
        std::vector<std::pair<std::uint32_t, const AttributeValue*>> appended;
        for (std::size_t j = i; j < writes.size(); ++j) {
            if (done[j] || !(parent_of(*writes[j]->path) == parent)) continue;
            done[j] = true;
            const std::uint32_t index = writes[j]->path->elements.back().index;
            if (!writes[j]->value) {
                if (index < old_size) removed[index] = true;
            } else if (index < old_size) {
                list[index] = *writes[j]->value;
            } else {
                appended.emplace_back(index, &*writes[j]->value);
            }
        }
        AttributeList next;
        for (std::size_t k = 0; k < old_size; ++k)
            if (!removed[k]) next.push_back(std::move(list[k]));
        std::stable_sort(appended.begin(), appended.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [index, value] : appended) next.push_back(*value);
        list = std::move(next);
    }
}

}  // namespace

Item apply_update(const UpdateExpression& update, const Item& item) {
    const auto& actions = update.actions;
    // 1. A parent that is there but is not the map or list the path needs.
    for (const auto& a : actions) {
        if (a.path.elements.size() > 1 && find_path(item, parent_of(a.path)) &&
            !writable(a.path, item))
            throw_validation(std::string(kPathError));
    }
    // 2. Types, working out every value from the item as it was.
    SetEvaluator evaluator(item);
    std::vector<Write> writes(actions.size());
    std::vector<bool> missing(actions.size(), false);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const UpdateAction& a = actions[i];
        writes[i].path = &a.path;
        if (a.kind == UpdateAction::Kind::kSet) {
            bool miss = false;
            writes[i].value = evaluator.value(a.value, miss);
            missing[i] = miss;
        } else if (a.kind != UpdateAction::Kind::kRemove) {
            const AttributeValue* current =
                writable(a.path, item) ? find_path(item, a.path) : nullptr;
            if (current && !add_or_delete_types_match(a, *current))
                throw_validation(std::string(kTypeError));
        }
    }
    // 3. Paths, then missing attributes, a clause at a time from the last.
    for (std::size_t clause = actions.empty() ? 0 : actions.back().clause + 1; clause-- > 0;) {
        for (const auto& a : actions)
            if (a.clause == clause && !writable(a.path, item))
                throw_validation(std::string(kPathError));
        for (std::size_t i = 0; i < actions.size(); ++i)
            if (actions[i].clause == clause && missing[i])
                throw_validation(std::string(kMissingError));
    }
    // 4. ADD and DELETE values; a DELETE with nothing to delete from writes nothing.
    std::vector<bool> skip(actions.size(), false);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const UpdateAction& a = actions[i];
        if (a.kind != UpdateAction::Kind::kAdd && a.kind != UpdateAction::Kind::kDelete) continue;
        const AttributeValue* current = find_path(item, a.path);
        bool remove = false;
        writes[i].value = add_or_delete(a, current, remove);
        skip[i] = a.kind == UpdateAction::Kind::kDelete && !current;
    }
    // 5. Write: attributes and map entries first, then lists by their old positions.
    Item out = item;
    std::vector<const Write*> list_writes;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        if (skip[i]) continue;
        const Write& w = writes[i];
        if (w.path->elements.size() > 1 && w.path->elements.back().is_index())
            list_writes.push_back(&w);
        else
            write_top_or_map(out, w);
    }
    write_lists(out, std::move(list_writes));
    return out;
}

std::vector<std::string> updated_attributes(const UpdateExpression& update) {
    std::vector<std::string> out;
    for (const auto& a : update.actions) {
        const std::string& name = a.path.head();
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

void check_key_not_updated(const UpdateExpression& update,
                           const std::vector<std::string>& key_attributes) {
    for (const auto& a : update.actions) {
        const std::string& name = a.path.head();
        if (std::find(key_attributes.begin(), key_attributes.end(), name) != key_attributes.end()) {
            throw_validation("One or more parameter values were invalid: Cannot update attribute " +
                             name + ". This attribute is part of the key");
        }
    }
}

Item updated_values(const UpdateExpression& update, const Item& item) {
    std::vector<Path> paths;
    for (const auto& a : update.actions) paths.push_back(a.path);
    return project(paths, item);
}

}  // namespace floci::dynamodb::expr
