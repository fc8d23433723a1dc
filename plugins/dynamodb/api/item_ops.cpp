// PutItem, GetItem, DeleteItem and UpdateItem.
#include <floci/sdk/aws_error.hpp>

#include "api/dispatch.hpp"
#include "api/item_collections.hpp"
#include "api/write_ops.hpp"
#include "expressions/legacy.hpp"
#include "expressions/projection.hpp"
#include "expressions/request_expressions.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

std::shared_ptr<Table> item_table(Context& ctx, const std::string& name) {
    auto table = ctx.store.find(ctx.request.account_id, ctx.request.region, name);
    if (!table) throw AwsError::resource_not_found("Requested resource not found");
    return table;
}

// Runs a validated write op: bind to the table, read-check-write, answer when durable.
template <class Op>
void run_write(Context& ctx, Op& op) {
    auto table = item_table(ctx, op.table_name());
    auto meta = table->meta();
    op.bind(*meta);
    const bool sizes = wants_collection_sizes(ctx.fields);
    // The reply is shaped as soon as apply() has decided; the callback may run after this
    // function returned (durable modes), so it owns the text, not a reference to `op`.
    auto body = std::make_shared<std::string>();
    auto decide = [&](const std::optional<std::string>& current) {
        ItemWrite write = op.apply(current);
        ItemCollections collections;
        if (sizes) {
            collections.add(*meta, op.key(), current, write);
            collections.measure(ctx.store.kv());
        }
        std::vector<IndexUnits> indexes;
        if (!op.consumed_capacity().empty())
            indexes = index_write_units(*meta, op.key(), current, write);
        *body = op.reply(collections.single_member(), indexes);
        return write;
    };
    ctx.store.write_item(*table, op.key(), decide,
                         [body, shared = ctx.responder](sdk::Status status) {
                             if (!status) return shared->send(error_response(status.error()));
                             sdk::Response response;
                             response.body = std::move(*body);
                             shared->send(std::move(response));
                         });
}

void put_item(Context& ctx) {
    PutItemOp op(ctx.fields);
    run_write(ctx, op);
}

void delete_item(Context& ctx) {
    DeleteItemOp op(ctx.fields);
    run_write(ctx, op);
}

void update_item(Context& ctx) {
    UpdateItemOp op(ctx.fields);
    run_write(ctx, op);
}

struct GetItemRequest {
    CommonRequest common;
    Item key;
    bool consistent = false;
    std::optional<expr::ProjectionExpression> projection;
};

constexpr std::string_view kProjectionMembers[] = {"ProjectionExpression"};
constexpr std::string_view kAttributesToGet[] = {"AttributesToGet"};

// Member order of dynalite validations/getItem.js.
GetItemRequest read_get_item(const Fields& fields) {
    GetItemRequest r;
    Constraints c;
    std::optional<AwsError> deferred;
    read_capacity_member(fields, c, r.common);
    if (const auto* names = fields.list("AttributesToGet")) {
        c.min_length(fields.raw("AttributesToGet"), names->size(), "attributesToGet", 1);
        c.max_length(fields.raw("AttributesToGet"), names->size(), "attributesToGet", 255);
        for (const auto& n : *names) as_string(n);
    }
    read_table_member(fields, c, r.common);
    r.key = read_item_member(fields, "Key", deferred);
    c.not_null(fields.raw("Key"), "key");
    r.consistent = fields.boolean("ConsistentRead").value_or(false);
    fields.string("ProjectionExpression");
    c.check();
    expr::check_expression_parameters(fields.object(), kProjectionMembers, kAttributesToGet);
    if (deferred) throw *deferred;
    if (const auto* names = fields.raw("AttributesToGet"))
        r.projection = expr::projection_from_attributes_to_get(*names);
    auto expressions = expr::read_expressions(fields.object(), expr::kGetItemOrder, false);
    if (expressions.projection) r.projection = std::move(expressions.projection);
    return r;
}

void get_item(Context& ctx) {
    auto r = read_get_item(ctx.fields);
    auto table = item_table(ctx, r.common.table_name);
    auto key = bind_key(table->key(), r.key);
    std::string body = "{";
    std::size_t size = 0;
    bool found = ctx.store.kv().get(table->items_space(), key, [&](std::string_view stored) {
        body.reserve(stored.size() + 64);
        body += "\"Item\":";
        body += stored;
    });
    if (found && (r.projection || !r.common.consumed_capacity.empty())) {
        Item item = parse_stored_item(std::string_view(body).substr(8));
        size = item_size(item);
        if (r.projection) {
            body = "{\"Item\":";
            write_item(body, expr::project(*r.projection, item));
        }
    }
    std::string capacity;
    append_consumed_capacity(capacity, r.common.consumed_capacity, r.common.table_name,
                             read_units(size, r.consistent));
    if (!found && !capacity.empty()) capacity.erase(0, 1);
    ctx.reply(body + capacity + "}");
}

}  // namespace

void add_item_ops(HandlerTable& table) {
    table.emplace("PutItem", &put_item);
    table.emplace("GetItem", &get_item);
    table.emplace("DeleteItem", &delete_item);
    table.emplace("UpdateItem", &update_item);
}

}  // namespace floci::dynamodb::api
