// BatchWriteItem: up to 25 puts and deletes across tables. Every request is validated and
// bound to its table before anything is written (dynalite actions/batchWriteItem.js); the
// writes then go through TableStore::write_item one by one, and the reply waits until all of
// them are durable. Nothing is ever left unprocessed, so UnprocessedItems is always {}.
#include <atomic>
#include <floci/sdk/aws_error.hpp>
#include <map>
#include <mutex>
#include <set>

#include "api/consumed_capacity.hpp"
#include "api/dispatch.hpp"
#include "api/index_write_units.hpp"
#include "api/item_collections.hpp"
#include "api/item_common.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

// "The BatchWriteItem operation can comprise as many as 25 put or delete requests" (API
// reference).
constexpr std::size_t kMaxBatchWrites = 25;

struct WriteRequest {
    std::shared_ptr<Table> table;
    bool put = false;
    Item item;  // the item (put) or the key (delete)
    std::string serialized;
    std::size_t size = 0;
    std::string key;
    double units = 0;                 // set when applied
    std::vector<IndexUnits> indexes;  // set when applied, if ConsumedCapacity is asked for
};

// What the writes share until the last one is durable. `pending` starts one above the
// number of writes; the handler drops that extra count once the reply body is ready, so the
// reply is never sent before it exists.
struct BatchState {
    std::atomic<std::size_t> pending{1};
    std::mutex mutex;
    std::optional<AwsError> error;
    std::string body;
    std::shared_ptr<sdk::Responder> responder;

    void done(const sdk::Status& status) {
        if (!status) {
            std::lock_guard lock(mutex);
            if (!error) error = status.error();
        }
        if (--pending != 0) return;
        if (error) return responder->send(error_response(*error));
        sdk::Response response;
        response.body = std::move(body);
        responder->send(std::move(response));
    }
};

std::vector<WriteRequest> read_requests(const boost::json::object& items) {
    std::vector<WriteRequest> out;
    for (const auto& [name, list_value] : items) {
        if (!list_value.is_array())
            throw AwsError::serialization(
                list_value.is_object() ? "Start of structure or map found where not expected."
                                       : "Expected list or null");
        for (const auto& entry : list_value.as_array()) {
            const auto* request = as_structure(entry);
            if (!request || request->empty())
                throw AwsError::validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain "
                    "exactly one of the supported datatypes");
            Fields fields(*request);
            WriteRequest w;
            w.put = fields.raw("PutRequest") != nullptr;
            Fields inner = fields.nested(w.put ? "PutRequest" : "DeleteRequest");
            const char* member = w.put ? "Item" : "Key";
            if (!inner.map(member))
                throw AwsError::validation(
                    std::string("1 validation error detected: Value null at 'requestItems.") +
                    std::string(name) + ".member." +
                    (w.put ? "putRequest.item" : "deleteRequest.key") +
                    "' failed to satisfy constraint: Member must not be null");
            w.item = parse_item(inner.object().at(member));
            if (w.put) {
                w.size = item_size(w.item);
                if (w.size > kMaxItemSize)
                    throw AwsError::validation(std::string(kItemSizeExceededMessage));
            }
            out.push_back(std::move(w));
        }
    }
    if (out.size() > kMaxBatchWrites)
        throw AwsError::validation("Too many items requested for the BatchWriteItem call");
    return out;
}

void bind_requests(Context& ctx, const boost::json::object& items,
                   std::vector<WriteRequest>& requests) {
    std::size_t i = 0;
    for (const auto& [name, list_value] : items) {
        auto table = ctx.store.find(ctx.request.account_id, ctx.request.region, name);
        if (!table) throw AwsError::resource_not_found("Requested resource not found");
        auto meta = table->meta();
        std::set<std::string> seen;
        for (std::size_t n = list_value.as_array().size(); n > 0; --n, ++i) {
            auto& w = requests[i];
            w.table = table;
            try {
                w.key = w.put ? bind_item(*meta, w.item) : bind_key(meta->key, w.item);
            } catch (const AwsError& e) {
                // AWS words a put's missing or mistyped key as a schema mismatch here.
                if (e.message().find("Missing the key") != std::string::npos ||
                    e.message().find("Type mismatch for key") != std::string::npos)
                    throw AwsError::validation(
                        "The provided key element does not match the schema");
                throw;
            }
            if (!seen.insert(w.key).second)
                throw AwsError::validation("Provided list of item keys contains duplicates");
            if (w.put) write_item(w.serialized, w.item);
        }
    }
}

std::string reply_body(const std::vector<WriteRequest>& requests, std::string_view mode,
                       const std::string& collection_metrics) {
    std::string body = "{\"UnprocessedItems\":{}";
    if (!collection_metrics.empty()) body += "," + collection_metrics;
    if (mode.empty()) return body + "}";
    // One entry per table: its writes' units and those of the indexes they wrote.
    std::map<std::string, ConsumedCapacity> tables;
    for (const auto& w : requests) {
        auto& capacity = tables.try_emplace(w.table->name(), w.table->name()).first->second;
        capacity.add_table(w.units);
        for (const auto& index : w.indexes)
            capacity.add_index(index.name, index.global, index.units);
    }
    body += ",\"ConsumedCapacity\":[";
    bool first = true;
    for (const auto& [table, capacity] : tables) {
        body += (first ? "" : ",") + capacity.json(mode);
        first = false;
    }
    return body + "]}";
}

void batch_write_item(Context& ctx) {
    Constraints c;
    CommonRequest common;
    read_capacity_member(ctx.fields, c, common);
    c.one_of(ctx.fields.string("ReturnItemCollectionMetrics"), "returnItemCollectionMetrics",
             {"SIZE", "NONE"});
    const auto* items = ctx.fields.map("RequestItems");
    c.not_null(ctx.fields.raw("RequestItems"), "requestItems");
    if (items) c.min_length(ctx.fields.raw("RequestItems"), items->size(), "requestItems", 1);
    c.check();
    auto requests = read_requests(*items);
    bind_requests(ctx, *items, requests);

    const bool sizes = wants_collection_sizes(ctx.fields);
    ItemCollections collections;
    auto state = std::make_shared<BatchState>();
    state->responder = ctx.responder;
    state->pending += requests.size();
    for (auto& w : requests) {
        ctx.store.write_item(
            *w.table, w.key,
            [&](const std::optional<std::string>& current) {
                std::size_t old_size = current ? item_size(parse_stored_item(*current)) : 0;
                w.units = write_units(std::max(old_size, w.size));
                ItemWrite write =
                    w.put
                        ? ItemWrite{ItemWrite::Kind::kPut, std::move(w.serialized),
                                    static_cast<std::int64_t>(old_size),
                                    static_cast<std::int64_t>(w.size)}
                        : ItemWrite{
                              ItemWrite::Kind::kErase, {}, static_cast<std::int64_t>(old_size), 0};
                // Measured write by write: the batch's earlier writes are committed by now.
                if (sizes) {
                    collections.add(*w.table->meta(), w.key, current, write);
                    collections.measure(ctx.store.kv());
                }
                if (!common.consumed_capacity.empty())
                    w.indexes = index_write_units(*w.table->meta(), w.key, current, write);
                return write;
            },
            [state](sdk::Status status) { state->done(status); });
    }
    state->body = reply_body(requests, common.consumed_capacity, collections.per_table_member());
    state->done(sdk::Status{});
}

}  // namespace

void add_batch_write_ops(HandlerTable& table) {
    table.emplace("BatchWriteItem", &batch_write_item);
}

}  // namespace floci::dynamodb::api
