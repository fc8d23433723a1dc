#include "api/write_ops.hpp"

#include <floci/sdk/aws_error.hpp>

#include "expressions/request_expressions.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

constexpr std::string_view kConditionMembers[] = {"ConditionExpression"};
constexpr std::string_view kLegacyMembers[] = {"Expected"};

void read_conditional_operator(const Fields& fields, Constraints& c) {
    c.one_of(fields.string("ConditionalOperator"), "conditionalOperator", {"OR", "AND"});
}

void read_collection_metrics(const Fields& fields, Constraints& c) {
    c.one_of(fields.string("ReturnItemCollectionMetrics"), "returnItemCollectionMetrics",
             {"SIZE", "NONE"});
}

std::string with_attributes(const std::optional<std::string>& old, bool wanted) {
    std::string out = "{";
    if (wanted && old) out += "\"Attributes\":" + *old;
    return out;
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

// Member order follows AWS's checks (dynalite validations/putItem.js).
PutItemOp::PutItemOp(const Fields& fields) {
    Constraints c;
    std::optional<AwsError> deferred;
    read_capacity_member(fields, c, common_);
    read_table_member(fields, c, common_);
    item_ = read_item_member(fields, "Item", deferred);
    c.not_null(fields.raw("Item"), "item");
    read_conditional_operator(fields, c);
    return_old_ = read_return_old(fields, c);
    read_collection_metrics(fields, c);
    condition_.read_members(fields, c);
    c.check();
    if (deferred) throw *deferred;
    condition_.read_expressions(fields, expr::kPutItemOrder, kConditionMembers, kLegacyMembers);
    check_return_old(fields);
    size_ = item_size(item_);
    if (size_ > kMaxItemSize) throw AwsError::validation(std::string(kItemSizeExceededMessage));
    write_item(serialized_, item_);
}

ItemWrite PutItemOp::apply(const std::optional<std::string>& current) {
    Item old = current ? parse_stored_item(*current) : Item{};
    condition_.check(old, current.has_value());
    old_ = current;
    old_size_ = current ? item_size(old) : 0;
    ItemWrite write{ItemWrite::Kind::kPut, serialized_, static_cast<std::int64_t>(old_size_),
                    static_cast<std::int64_t>(size_)};
    return write;
}

std::string PutItemOp::reply() const {
    std::string out = with_attributes(old_, return_old_);
    std::string capacity;
    append_consumed_capacity(capacity, common_.consumed_capacity, common_.table_name,
                             write_units(std::max(size_, old_size_)));
    if (out.size() == 1 && !capacity.empty()) capacity.erase(0, 1);
    return out + capacity + "}";
}

// dynalite validations/deleteItem.js order.
DeleteItemOp::DeleteItemOp(const Fields& fields) {
    Constraints c;
    std::optional<AwsError> deferred;
    read_capacity_member(fields, c, common_);
    read_table_member(fields, c, common_);
    key_item_ = read_item_member(fields, "Key", deferred);
    c.not_null(fields.raw("Key"), "key");
    read_conditional_operator(fields, c);
    return_old_ = read_return_old(fields, c);
    read_collection_metrics(fields, c);
    condition_.read_members(fields, c);
    c.check();
    if (deferred) throw *deferred;
    condition_.read_expressions(fields, expr::kDeleteItemOrder, kConditionMembers, kLegacyMembers);
    check_return_old(fields);
}

ItemWrite DeleteItemOp::apply(const std::optional<std::string>& current) {
    Item old = current ? parse_stored_item(*current) : Item{};
    condition_.check(old, current.has_value());
    old_ = current;
    old_size_ = current ? item_size(old) : 0;
    return {ItemWrite::Kind::kErase, {}, static_cast<std::int64_t>(old_size_), 0};
}

std::string DeleteItemOp::reply() const {
    std::string out = with_attributes(old_, return_old_);
    std::string capacity;
    append_consumed_capacity(capacity, common_.consumed_capacity, common_.table_name,
                             write_units(old_size_));
    if (out.size() == 1 && !capacity.empty()) capacity.erase(0, 1);
    return out + capacity + "}";
}

}  // namespace floci::dynamodb::api
