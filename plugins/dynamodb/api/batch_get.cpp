// BatchGetItem: up to 100 keys across tables, each table with its own projection and read
// consistency. Everything is validated and bound before the first read; every key is always
// read, so UnprocessedKeys is always {}.
#include <floci/sdk/aws_error.hpp>
#include <set>

#include "api/dispatch.hpp"
#include "api/item_common.hpp"
#include "expressions/legacy.hpp"
#include "expressions/projection.hpp"
#include "expressions/request_expressions.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

// "A single operation can retrieve up to 16 MB of data, which can contain as many as 100
// items" (API reference, BatchGetItem).
constexpr std::size_t kMaxBatchKeys = 100;

constexpr std::string_view kProjectionMembers[] = {"ProjectionExpression"};
constexpr std::string_view kAttributesToGet[] = {"AttributesToGet"};

struct TableRead {
    std::string name;
    std::shared_ptr<Table> table;
    std::vector<Item> keys;
    std::vector<std::string> encoded;
    bool consistent = false;
    std::optional<expr::ProjectionExpression> projection;
};

TableRead read_table_request(std::string_view name, const boost::json::value& value) {
    const auto* object = as_structure(value);
    static const boost::json::object kEmpty;
    Fields fields(object ? *object : kEmpty);
    TableRead t;
    t.name = std::string(name);
    const auto* keys = fields.list("Keys");
    if (!keys || keys->empty())
        throw AwsError::validation("1 validation error detected: Value " +
                                   value_text(fields.raw("Keys")) + " at 'requestItems." + t.name +
                                   ".member.keys' failed to satisfy constraint: " +
                                   (keys ? "Member must have length greater than or equal to 1"
                                         : "Member must not be null"));
    for (const auto& key : *keys) t.keys.push_back(parse_item(key));
    t.consistent = fields.boolean("ConsistentRead").value_or(false);
    expr::check_expression_parameters(fields.object(), kProjectionMembers, kAttributesToGet);
    if (const auto* names = fields.raw("AttributesToGet"))
        t.projection = expr::projection_from_attributes_to_get(*names);
    auto expressions = expr::read_expressions(fields.object(), expr::kGetItemOrder, false);
    if (expressions.projection) t.projection = std::move(expressions.projection);
    return t;
}

std::vector<TableRead> read_request(Context& ctx, CommonRequest& common) {
    Constraints c;
    read_capacity_member(ctx.fields, c, common);
    const auto* items = ctx.fields.map("RequestItems");
    c.not_null(ctx.fields.raw("RequestItems"), "requestItems");
    if (items) c.min_length(ctx.fields.raw("RequestItems"), items->size(), "requestItems", 1);
    c.check();
    std::vector<TableRead> reads;
    std::size_t total = 0;
    for (const auto& [name, value] : *items) {
        reads.push_back(read_table_request(name, value));
        total += reads.back().keys.size();
    }
    if (total > kMaxBatchKeys)
        throw AwsError::validation("Too many items requested for the BatchGetItem call");
    for (auto& t : reads) {
        t.table = ctx.store.find(ctx.request.account_id, ctx.request.region, t.name);
        if (!t.table) throw AwsError::resource_not_found("Requested resource not found");
        std::set<std::string> seen;
        for (const auto& key : t.keys) {
            t.encoded.push_back(bind_key(t.table->key(), key));
            if (!seen.insert(t.encoded.back()).second)
                throw AwsError::validation("Provided list of item keys contains duplicates");
        }
    }
    return reads;
}

void batch_get_item(Context& ctx) {
    CommonRequest common;
    auto reads = read_request(ctx, common);
    std::string body = "{\"Responses\":{";
    std::string capacity;
    for (std::size_t i = 0; i < reads.size(); ++i) {
        const auto& t = reads[i];
        if (i) body += ',';
        write_json_string(body, t.name);
        body += ":[";
        bool first = true;
        double units = 0;
        for (const auto& key : t.encoded) {
            std::optional<std::string> stored =
                ctx.store.kv().get_copy(t.table->items_space(), key);
            if (!stored) continue;
            if (!first) body += ',';
            first = false;
            if (!t.projection && common.consumed_capacity.empty()) {
                body += *stored;
                continue;
            }
            Item item = parse_stored_item(*stored);
            units += read_units(item_size(item), t.consistent);
            if (t.projection)
                write_item(body, expr::project(*t.projection, item));
            else
                body += *stored;
        }
        body += ']';
        if (!common.consumed_capacity.empty()) {
            std::string one;
            append_consumed_capacity(one, common.consumed_capacity, t.name, units);
            capacity += (capacity.empty() ? "" : ",") +
                        one.substr(std::string_view(",\"ConsumedCapacity\":").size());
        }
    }
    body += "},\"UnprocessedKeys\":{}";
    if (!common.consumed_capacity.empty()) body += ",\"ConsumedCapacity\":[" + capacity + "]";
    ctx.reply(body + "}");
}

}  // namespace

void add_batch_get_ops(HandlerTable& table) { table.emplace("BatchGetItem", &batch_get_item); }

}  // namespace floci::dynamodb::api
