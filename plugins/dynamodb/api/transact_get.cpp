// TransactGetItems: up to 100 Gets across tables, read as of one moment (TableStore::read_items
// holds the tables' write locks while it reads), answered in request order with {} for a
// missing item.
#include <floci/sdk/aws_error.hpp>
#include <set>

#include "api/dispatch.hpp"
#include "api/item_common.hpp"
#include "api/transaction_capacity.hpp"
#include "expressions/projection.hpp"
#include "expressions/request_expressions.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

// API reference, TransactGetItems: "up to 100 TransactGetItem objects".
constexpr std::size_t kMaxGets = 100;

constexpr std::string_view kProjectionMembers[] = {"ProjectionExpression"};
constexpr std::string_view kNoLegacyMembers[] = {"AttributesToGet"};

struct Get {
    CommonRequest common;
    Item key;
    std::optional<expr::ProjectionExpression> projection;
};

Get read_get(const boost::json::value& entry, std::size_t position) {
    const auto* members = as_structure(entry);
    static const boost::json::object kEmpty;
    Fields outer(members ? *members : kEmpty);
    if (!outer.structure("Get"))
        throw AwsError::validation("1 validation error detected: Value null at 'transactItems." +
                                   std::to_string(position) +
                                   ".member.get' failed to satisfy constraint: Member must not "
                                   "be null");
    Fields fields = outer.nested("Get");
    Get g;
    Constraints c;
    std::optional<AwsError> deferred;
    read_table_member(fields, c, g.common);
    g.key = read_item_member(fields, "Key", deferred);
    c.not_null(fields.raw("Key"), "key");
    fields.string("ProjectionExpression");
    c.check();
    if (deferred) throw *deferred;
    expr::check_expression_parameters(fields.object(), kProjectionMembers, kNoLegacyMembers);
    auto expressions = expr::read_expressions(fields.object(), expr::kGetItemOrder, false);
    g.projection = std::move(expressions.projection);
    return g;
}

void transact_get_items(Context& ctx) {
    CommonRequest common;
    Constraints c;
    read_capacity_member(ctx.fields, c, common);
    const auto* items = ctx.fields.list("TransactItems");
    c.not_null(ctx.fields.raw("TransactItems"), "transactItems");
    if (items) {
        c.min_length(ctx.fields.raw("TransactItems"), items->size(), "transactItems", 1);
        c.max_length(ctx.fields.raw("TransactItems"), items->size(), "transactItems", kMaxGets);
    }
    c.check();
    std::vector<Get> gets;
    for (std::size_t i = 0; i < items->size(); ++i) gets.push_back(read_get((*items)[i], i + 1));

    std::vector<std::shared_ptr<Table>> tables;
    std::vector<ItemRef> refs;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& g : gets) {
        auto table =
            ctx.store.find(ctx.request.account_id, ctx.request.region, g.common.table_name);
        if (!table) throw AwsError::resource_not_found("Requested resource not found");
        auto key = bind_key(table->key(), g.key);
        if (!seen.emplace(table->items_space(), key).second)
            throw AwsError::validation(
                "Transaction request cannot include multiple operations on one item");
        refs.push_back({table.get(), std::move(key)});
        tables.push_back(std::move(table));
    }
    auto stored = ctx.store.read_items(refs);

    TransactionCapacity capacity(common.consumed_capacity, "ReadCapacityUnits");
    std::string body = "{\"Responses\":[";
    for (std::size_t i = 0; i < gets.size(); ++i) {
        if (i) body += ',';
        std::size_t size = 0;
        if (!stored[i]) {
            body += "{}";
        } else {
            Item item = parse_stored_item(*stored[i]);
            size = item_size(item);
            body += "{\"Item\":";
            if (gets[i].projection)
                write_item(body, expr::project(*gets[i].projection, item));
            else
                body += *stored[i];
            body += '}';
        }
        capacity.add(gets[i].common.table_name, 2 * read_units(size, true));
    }
    body += ']';
    auto members = capacity.members();
    if (!members.empty()) body += "," + members;
    ctx.reply(body + "}");
}

}  // namespace

void add_transact_get_ops(HandlerTable& table) {
    table.emplace("TransactGetItems", &transact_get_items);
}

}  // namespace floci::dynamodb::api
