#include "api/write_ops.hpp"

#include <algorithm>
#include <floci/sdk/aws_error.hpp>

#include "expressions/projection.hpp"
#include "expressions/request_expressions.hpp"
#include "expressions/update.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/stored_item_size.hpp"

namespace floci::dynamodb::api {
namespace {

// Put and Delete: checks the condition against the current item (parsed only when there is
// a condition) and returns the current item's size (0 when absent).
std::size_t check_current(const WriteCondition& condition,
                          const std::optional<std::string>& current) {
    if (condition.has_condition())
        condition.check(current ? parse_stored_item(*current) : Item{}, current.has_value());
    return current ? stored_item_bytes(*current) : 0;
}

using sdk::AwsError;

constexpr std::string_view kConditionMembers[] = {"ConditionExpression"};
constexpr std::string_view kLegacyMembers[] = {"Expected"};
constexpr std::string_view kUpdateMembers[] = {"UpdateExpression", "ConditionExpression"};
constexpr std::string_view kUpdateLegacyMembers[] = {"AttributeUpdates", "Expected"};

void read_conditional_operator(const Fields& fields, Constraints& c) {
    c.one_of(fields.string("ConditionalOperator"), "conditionalOperator", {"OR", "AND"});
}

void read_collection_metrics(const Fields& fields, Constraints& c) {
    c.one_of(fields.string("ReturnItemCollectionMetrics"), "returnItemCollectionMetrics",
             {"SIZE", "NONE"});
}

// The reply's members, each given only when there is something to say. The write costs the
// table by the larger of the old and new item, and each index it writes its own units.
std::string reply_text(const std::optional<std::string>& attributes, const CommonRequest& common,
                       std::size_t capacity_size, std::string_view collection_metrics,
                       const std::vector<IndexUnits>& indexes) {
    std::string out = "{";
    auto add = [&](std::string_view member) {
        if (member.empty()) return;
        if (out.size() > 1) out += ',';
        out += member;
    };
    if (attributes) add("\"Attributes\":" + *attributes);
    if (!common.consumed_capacity.empty()) {
        ConsumedCapacity units(common.table_name);
        units.add_table(write_units(capacity_size));
        for (const auto& index : indexes) units.add_index(index.name, index.global, index.units);
        std::string capacity;
        append_consumed_capacity(capacity, common.consumed_capacity, units);
        add(std::string_view(capacity).substr(1));  // its leading comma
    }
    add(collection_metrics);
    return out + "}";
}

// AttributeUpdates' members: each a structure whose Action is a string (pass one) from AWS's
// AttributeAction enum (pass two); the values are checked later, by parse_attribute_updates.
void read_attribute_updates(const Fields& fields, Constraints& c) {
    const auto* updates = fields.map("AttributeUpdates");
    if (!updates) return;
    for (const auto& [name, update] : *updates) {
        const auto* members = as_structure(update);
        if (!members) continue;
        auto action = Fields(*members).string("Action");
        c.one_of(action, "attributeUpdates." + std::string(name) + ".member.action",
                 {"ADD", "PUT", "DELETE"});
    }
}

UpdateItemOp::Returns returns_of(std::optional<std::string_view> text) {
    using R = UpdateItemOp::Returns;
    if (text == "ALL_OLD") return R::kAllOld;
    if (text == "UPDATED_OLD") return R::kUpdatedOld;
    if (text == "ALL_NEW") return R::kAllNew;
    if (text == "UPDATED_NEW") return R::kUpdatedNew;
    return R::kNone;
}

}  // namespace

bool read_return_old(const Fields& fields, Constraints& c) {
    auto values = fields.string("ReturnValues");
    c.one_of(values, "returnValues", {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"});
    return values == "ALL_OLD";
}

void check_return_old(const Fields& fields) {
    auto values = fields.string("ReturnValues");
    if (values && *values != "ALL_OLD" && *values != "NONE")
        throw AwsError::validation("ReturnValues can only be ALL_OLD or NONE");
}

namespace {

// PutItem and DeleteItem check the same members in the same order (dynalite
// validations/putItem.js and deleteItem.js); only the item member ("Item" or "Key") and the
// expression order differ. Returns that member's item.
Item read_conditional_write(const Fields& fields, std::string_view member, std::string_view path,
                            std::span<const expr::ExpressionKind> order, CommonRequest& common,
                            WriteCondition& condition, bool& return_old) {
    Constraints c;
    std::optional<AwsError> deferred;
    read_capacity_member(fields, c, common);
    read_table_member(fields, c, common);
    Item item = read_item_member(fields, member, deferred);
    c.not_null(fields.raw(member), path);
    read_conditional_operator(fields, c);
    return_old = read_return_old(fields, c);
    read_collection_metrics(fields, c);
    condition.read_members(fields, c);
    c.check();
    if (deferred) throw *deferred;
    condition.read_expressions(fields, order, kConditionMembers, kLegacyMembers);
    check_return_old(fields);
    return item;
}

}  // namespace

PutItemOp::PutItemOp(const Fields& fields) {
    item_ = read_conditional_write(fields, "Item", "item", expr::kPutItemOrder, common_, condition_,
                                   return_old_);
    size_ = item_size(item_);
    if (size_ > kMaxItemSize) throw AwsError::validation(std::string(kItemSizeExceededMessage));
    write_item(serialized_, item_);
}

ItemWrite PutItemOp::apply(const std::optional<std::string>& current) {
    old_size_ = check_current(condition_, current);
    old_ = current;
    ItemWrite write{ItemWrite::Kind::kPut, serialized_, static_cast<std::int64_t>(old_size_),
                    static_cast<std::int64_t>(size_)};
    return write;
}

std::string PutItemOp::reply(std::string_view collection_metrics,
                             const std::vector<IndexUnits>& indexes) const {
    return reply_text(return_old_ ? old_ : std::nullopt, common_, std::max(size_, old_size_),
                      collection_metrics, indexes);
}

DeleteItemOp::DeleteItemOp(const Fields& fields) {
    key_item_ = read_conditional_write(fields, "Key", "key", expr::kDeleteItemOrder, common_,
                                       condition_, return_old_);
}

ItemWrite DeleteItemOp::apply(const std::optional<std::string>& current) {
    old_size_ = check_current(condition_, current);
    old_ = current;
    return {ItemWrite::Kind::kErase, {}, static_cast<std::int64_t>(old_size_), 0};
}

std::string DeleteItemOp::reply(std::string_view collection_metrics,
                                const std::vector<IndexUnits>& indexes) const {
    return reply_text(return_old_ ? old_ : std::nullopt, common_, old_size_, collection_metrics,
                      indexes);
}

// Member order of dynalite validations/updateItem.js; then, as there, the expression/legacy
// mix, the key's values, AttributeUpdates, Expected and the expressions.
UpdateItemOp::UpdateItemOp(const Fields& fields) {
    Constraints c;
    std::optional<AwsError> deferred;
    read_capacity_member(fields, c, common_);
    read_table_member(fields, c, common_);
    read_collection_metrics(fields, c);
    read_return_old(fields, c);
    key_item_ = read_item_member(fields, "Key", deferred);
    c.not_null(fields.raw("Key"), "key");
    read_conditional_operator(fields, c);
    read_attribute_updates(fields, c);
    fields.string("UpdateExpression");
    condition_.read_members(fields, c);
    c.check();
    expr::check_expression_parameters(fields.object(), kUpdateMembers, kUpdateLegacyMembers);
    if (deferred) throw *deferred;
    if (const auto* updates = fields.raw("AttributeUpdates"); updates && !updates->is_null())
        legacy_ = expr::parse_attribute_updates(*updates);
    condition_.read_expressions(fields, expr::kUpdateItemOrder, kUpdateMembers,
                                kUpdateLegacyMembers);
    returns_ = returns_of(fields.string("ReturnValues"));
}

void UpdateItemOp::bind(const TableMeta& meta) {
    key_ = bind_key(meta.key, key_item_);
    if (condition_.update()) expr::check_key_not_updated(*condition_.update(), meta.key_names());
    if (legacy_) expr::check_key_not_updated(*legacy_, meta.key_names());
    meta_ = meta;
}

Item UpdateItemOp::updated(const Item& base) const {
    if (condition_.update()) return expr::apply_update(*condition_.update(), base);
    if (legacy_) return expr::apply_attribute_updates(*legacy_, base);
    return base;
}

// Whether the update puts anything (SET/ADD, or legacy PUT/ADD), so creates a missing item.
bool UpdateItemOp::writes_attributes() const {
    using Kind = expr::UpdateAction::Kind;
    if (const auto& update = condition_.update())
        return std::any_of(update->actions.begin(), update->actions.end(), [](const auto& a) {
            return a.kind == Kind::kSet || a.kind == Kind::kAdd;
        });
    if (legacy_)
        return legacy_->empty() || std::any_of(legacy_->begin(), legacy_->end(), [](const auto& u) {
                   return u.action != expr::AttributeUpdate::Action::kDelete;
               });
    return true;
}

// ReturnValues: UPDATED_* keep only what the update names (nested paths keep their structure,
// AWS "UpdateItem ReturnValues"); nothing when the item named is absent or empty.
std::optional<Item> UpdateItemOp::returned(const Item& old, const Item& next, bool existed,
                                           bool written) const {
    const bool wants_old = returns_ == Returns::kAllOld || returns_ == Returns::kUpdatedOld;
    const bool wants_new = returns_ == Returns::kAllNew || returns_ == Returns::kUpdatedNew;
    if ((wants_old && !existed) || (wants_new && !written) || returns_ == Returns::kNone)
        return std::nullopt;
    const Item& source = wants_old ? old : next;
    Item out;
    if (returns_ == Returns::kAllOld || returns_ == Returns::kAllNew) {
        out = source;
    } else if (condition_.update()) {
        out = expr::updated_values(*condition_.update(), source);
    } else if (legacy_) {
        for (const auto& u : *legacy_)
            if (auto it = source.find(u.attribute); it != source.end()) out.insert(*it);
    }
    if (out.empty()) return std::nullopt;
    return out;
}

ItemWrite UpdateItemOp::apply(const std::optional<std::string>& current) {
    Item old = current ? parse_stored_item(*current) : Item{};
    condition_.check(old, current.has_value());
    const bool write = current || writes_attributes();
    Item next = updated(current ? old : key_item_);
    const std::size_t old_size = current ? item_size(old) : 0;
    const std::size_t new_size = item_size(next);
    if (new_size > kMaxItemSize)
        throw AwsError::validation(std::string(kUpdateItemSizeExceededMessage));
    check_index_keys(meta_, next);
    capacity_size_ = std::max(old_size, new_size);
    attributes_.reset();
    if (auto values = returned(old, next, current.has_value(), write)) {
        attributes_.emplace();
        write_item(*attributes_, *values);
    }
    if (!write) return {ItemWrite::Kind::kNone, {}, 0, 0};
    ItemWrite out{ItemWrite::Kind::kPut,
                  {},
                  static_cast<std::int64_t>(old_size),
                  static_cast<std::int64_t>(new_size)};
    write_item(out.value, next);
    return out;
}

std::string UpdateItemOp::reply(std::string_view collection_metrics,
                                const std::vector<IndexUnits>& indexes) const {
    return reply_text(attributes_, common_, capacity_size_, collection_metrics, indexes);
}

}  // namespace floci::dynamodb::api
