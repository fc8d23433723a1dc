// TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck actions across tables,
// all or nothing. Every action is validated and bound before anything is read; then
// TableStore::write_items locks the tables, every action decides from its current item, and
// either all changes go out in one batch or TransactionCanceledException reports, per action
// in request order, why the transaction was cancelled.
#include <boost/json/parse.hpp>
#include <floci/sdk/aws_error.hpp>
#include <map>
#include <set>
#include <variant>

#include "api/dispatch.hpp"
#include "api/item_collections.hpp"
#include "api/transaction_capacity.hpp"
#include "api/transaction_tokens.hpp"
#include "api/write_ops.hpp"
#include "expressions/request_expressions.hpp"
#include "model/item_size.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

// API reference, TransactWriteItems: "up to 100 action requests", "The aggregate size of the
// items in the transaction cannot exceed 4 MB".
constexpr std::size_t kMaxActions = 100;
constexpr std::size_t kMaxTransactionBytes = 4 * 1024 * 1024;

constexpr std::string_view kConditionMembers[] = {"ConditionExpression"};
constexpr std::string_view kNoLegacyMembers[] = {"Expected"};

// ConditionCheck: a condition on one item that writes nothing.
class ConditionCheckOp {
  public:
    explicit ConditionCheckOp(const Fields& fields) {
        Constraints c;
        std::optional<AwsError> deferred;
        read_table_member(fields, c, common_);
        key_item_ = read_item_member(fields, "Key", deferred);
        c.not_null(fields.raw("Key"), "key");
        fields.string("ConditionExpression");
        c.not_null(fields.raw("ConditionExpression"), "conditionExpression");
        condition_.read_members(fields, c);
        c.check();
        if (deferred) throw *deferred;
        condition_.read_expressions(fields, expr::kDeleteItemOrder, kConditionMembers,
                                    kNoLegacyMembers);
    }
    const std::string& table_name() const noexcept { return common_.table_name; }
    void bind(const TableMeta& meta) { key_ = bind_key(meta.key, key_item_); }
    const std::string& key() const noexcept { return key_; }
    ItemWrite apply(const std::optional<std::string>& current) {
        Item old = current ? parse_stored_item(*current) : Item{};
        condition_.check(old, current.has_value());
        return {
            ItemWrite::Kind::kNone, {}, current ? static_cast<std::int64_t>(item_size(old)) : 0, 0};
    }

  private:
    CommonRequest common_;
    Item key_item_;
    std::string key_;
    WriteCondition condition_;
};

using Action = std::variant<ConditionCheckOp, PutItemOp, DeleteItemOp, UpdateItemOp>;

Action read_action(const boost::json::value& entry) {
    const auto* members = as_structure(entry);
    static const boost::json::object kEmpty;
    Fields fields(members ? *members : kEmpty);
    int given = 0;
    for (auto name : {"ConditionCheck", "Put", "Delete", "Update"})
        if (fields.structure(name)) ++given;
    if (given != 1)
        throw AwsError::validation(
            "TransactItems can only contain one of Check, Put, Update or Delete");
    if (fields.structure("ConditionCheck"))
        return ConditionCheckOp(fields.nested("ConditionCheck"));
    if (fields.structure("Put")) return PutItemOp(fields.nested("Put"));
    if (fields.structure("Delete")) return DeleteItemOp(fields.nested("Delete"));
    return UpdateItemOp(fields.nested("Update"));
}

// One entry of CancellationReasons.
struct Reason {
    std::string code = "None";
    std::string message;
    std::optional<boost::json::value> item;
};

// Runs one action's decision; a failed condition or an item error becomes its reason.
ItemWrite decide_one(Action& action, const std::optional<std::string>& current, Reason& reason) {
    try {
        return std::visit([&](auto& op) { return op.apply(current); }, action);
    } catch (const AwsError& error) {
        if (error.type() == "ConditionalCheckFailedException") {
            reason.code = "ConditionalCheckFailed";
            if (const auto* item = error.extra().if_contains("Item")) reason.item = *item;
        } else if (error.type() == "ValidationException") {
            reason.code = "ValidationError";
        } else {
            throw;
        }
        reason.message = error.message();
        return {};
    }
}

AwsError cancelled(const std::vector<Reason>& reasons) {
    std::string codes;
    boost::json::array list;
    for (const auto& r : reasons) {
        codes += (codes.empty() ? "" : ", ") + r.code;
        boost::json::object entry;
        entry["Code"] = r.code;
        if (!r.message.empty()) entry["Message"] = r.message;
        if (r.item) entry["Item"] = *r.item;
        list.push_back(std::move(entry));
    }
    // AWS writes this error's text as "Message", beside CancellationReasons.
    boost::json::object extra;
    extra["CancellationReasons"] = std::move(list);
    extra["Message"] =
        "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes +
        "]";
    return AwsError("TransactionCanceledException", "", 400, std::move(extra));
}

struct Request {
    CommonRequest common;
    std::vector<Action> actions;
    std::optional<std::string_view> token;
};

Request read_request(const Fields& fields) {
    Request r;
    Constraints c;
    read_capacity_member(fields, c, r.common);
    c.one_of(fields.string("ReturnItemCollectionMetrics"), "returnItemCollectionMetrics",
             {"SIZE", "NONE"});
    const auto* items = fields.list("TransactItems");
    c.not_null(fields.raw("TransactItems"), "transactItems");
    if (items) {
        c.min_length(fields.raw("TransactItems"), items->size(), "transactItems", 1);
        c.max_length(fields.raw("TransactItems"), items->size(), "transactItems", kMaxActions);
    }
    r.token = fields.string("ClientRequestToken");
    if (r.token) {
        c.min_length(fields.raw("ClientRequestToken"), r.token->size(), "clientRequestToken", 1);
        c.max_length(fields.raw("ClientRequestToken"), r.token->size(), "clientRequestToken", 36);
    }
    c.check();
    for (const auto& entry : *items) r.actions.push_back(read_action(entry));
    return r;
}

void transact_write_items(Context& ctx) {
    auto r = read_request(ctx.fields);
    if (ctx.request.body.size() > kMaxTransactionBytes)
        throw AwsError::validation("Transaction size has exceeded the maximum allowed size");

    std::vector<std::shared_ptr<Table>> tables;  // keeps every table alive until the commit
    std::vector<ItemRef> refs;
    std::vector<std::string> names;
    std::set<std::pair<std::string, std::string>> seen;
    for (auto& action : r.actions) {
        std::visit(
            [&](auto& op) {
                auto table =
                    ctx.store.find(ctx.request.account_id, ctx.request.region, op.table_name());
                if (!table) throw AwsError::resource_not_found("Requested resource not found");
                op.bind(*table->meta());
                if (!seen.emplace(table->items_space(), op.key()).second)
                    throw AwsError::validation(
                        "Transaction request cannot include multiple operations on one item");
                refs.push_back({table.get(), op.key()});
                names.push_back(op.table_name());
                tables.push_back(std::move(table));
            },
            action);
    }

    std::optional<TransactionToken> token;
    std::unique_lock<std::mutex> token_lock;
    if (r.token) {
        token.emplace(ctx.request.account_id, ctx.request.region, *r.token, ctx.fields.object(),
                      ctx.clock.now());
        token_lock = std::unique_lock(TransactionToken::mutex());
        if (auto reply = token->replay(ctx.store.kv())) return ctx.reply(std::move(*reply));
    }

    const bool sizes = wants_collection_sizes(ctx.fields);
    auto body = std::make_shared<std::string>();
    auto decide = [&](const std::vector<std::optional<std::string>>& old, sdk::WriteBatch& batch) {
        std::vector<ItemWrite> writes(r.actions.size());
        std::vector<Reason> reasons(r.actions.size());
        bool failed = false;
        TransactionCapacity capacity(r.common.consumed_capacity, "WriteCapacityUnits");
        for (std::size_t i = 0; i < r.actions.size(); ++i) {
            writes[i] = decide_one(r.actions[i], old[i], reasons[i]);
            failed = failed || reasons[i].code != "None";
            capacity.add(names[i], 2 * write_units(static_cast<std::size_t>(
                                           std::max(writes[i].old_size, writes[i].new_size))));
        }
        if (failed) throw cancelled(reasons);
        if (capacity.wanted())
            for (std::size_t i = 0; i < r.actions.size(); ++i)
                capacity.add_indexes(names[i], index_write_units(*tables[i]->meta(), refs[i].key,
                                                                 old[i], writes[i]));
        std::string members = capacity.members();
        if (sizes) {
            // Measured once, under the tables' locks, with every action's change still pending.
            ItemCollections collections;
            for (std::size_t i = 0; i < r.actions.size(); ++i)
                collections.add(*tables[i]->meta(), refs[i].key, old[i], writes[i]);
            collections.measure(ctx.store.kv());
            auto metrics = collections.per_table_member();
            if (!metrics.empty()) members += (members.empty() ? "" : ",") + metrics;
        }
        *body = "{" + members + "}";
        if (token) token->record(ctx.store.kv(), batch, *body);
        return writes;
    };
    ctx.store.write_items(refs, decide, [body, shared = ctx.responder](sdk::Status status) {
        if (!status) return shared->send(error_response(status.error()));
        sdk::Response response;
        response.body = std::move(*body);
        shared->send(std::move(response));
    });
}

}  // namespace

void add_transact_write_ops(HandlerTable& table) {
    table.emplace("TransactWriteItems", &transact_write_items);
}

}  // namespace floci::dynamodb::api
