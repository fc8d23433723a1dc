// CreateTable, DescribeTable, DeleteTable, ListTables, UpdateTable.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <floci/sdk/aws_error.hpp>
#include <random>

#include "api/dispatch.hpp"
#include "api/table_description.hpp"
#include "api/table_request.hpp"
#include "storage/index_build.hpp"

namespace floci::dynamodb::api {
namespace {

namespace json = boost::json;
using sdk::AwsError;

std::string new_uuid() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::uint64_t hi = random(), lo = random();
    hi = (hi & ~0xF000ull) | 0x4000ull;                  // version 4
    lo = (lo & ~(0xC000ull << 48)) | (0x8000ull << 48);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return out;
}

std::string description_reply(const TableMeta& meta, const Table* table, std::string_view status) {
    return json::serialize(json::object{{"TableDescription", describe_table(meta, table, status)}});
}

std::shared_ptr<Table> existing_table(Context& ctx, const std::string& name) {
    auto table = ctx.store.find(ctx.request.account_id, ctx.request.region, name);
    if (!table)
        throw AwsError::resource_not_found("Requested resource not found: Table: " + name +
                                           " not found");
    return table;
}

void create_table(Context& ctx) {
    TableMeta meta = read_create_table(ctx.fields);
    meta.account_id = std::string(ctx.request.account_id);
    meta.region = std::string(ctx.request.region);
    meta.id = new_uuid();
    meta.creation_time = ctx.now_seconds();
    if (meta.on_demand) meta.billing_mode_time = 0;
    if (meta.stream.enabled) meta.stream.label = stream_label(meta.creation_time);
    // AWS answers CREATING and the table turns ACTIVE shortly after; here it is usable at
    // once, so DescribeTable (what boto3's table_exists waiter polls) says ACTIVE.
    auto body = description_reply(meta, nullptr, "CREATING");
    ctx.store.create(std::move(meta), ctx.reply_when_durable(std::move(body)));
}

void describe_table_op(Context& ctx) {
    auto table = existing_table(ctx, read_table_name(ctx.fields));
    auto meta = table->meta();
    ctx.reply(
        json::serialize(json::object{{"Table", describe_table(*meta, table.get(), "ACTIVE")}}));
}

void delete_table(Context& ctx) {
    auto name = read_table_name(ctx.fields);
    auto table = ctx.store.find(ctx.request.account_id, ctx.request.region, name);
    if (!table)
        throw AwsError::resource_not_found("Requested resource not found: Table: " + name +
                                           " not found");
    std::lock_guard lock(table->write_mutex());
    if (table->deleted())
        throw AwsError::resource_not_found("Requested resource not found: Table: " + name +
                                           " not found");
    auto meta = table->meta();
    if (meta->deletion_protection)
        throw AwsError::validation(
            "Resource cannot be deleted as it is currently protected against deletion. Disable "
            "deletion protection first.");
    auto body = description_reply(*meta, table.get(), "DELETING");
    ctx.store.drop(*table, ctx.reply_when_durable(std::move(body)));
}

// The UpdateTable reply shows a GSI being created as CREATING (not yet backfilling), one
// being updated as UPDATING and one being deleted as DELETING, as AWS answers at once.
json::object update_reply(const TableMeta& meta, const Table& table, const GsiChange& change,
                          const TableMeta& before, std::string_view status) {
    auto description = describe_table(meta, &table, status);
    if (change.created || !change.updated.empty()) {
        for (auto& entry : description["GlobalSecondaryIndexes"].as_array()) {
            auto& index = entry.as_object();
            const auto name = json::value_to<std::string>(index["IndexName"]);
            if (change.created && name == change.created->name) {
                index["IndexStatus"] = "CREATING";
                index["Backfilling"] = false;
            } else if (std::find(change.updated.begin(), change.updated.end(), name) !=
                       change.updated.end()) {
                index["IndexStatus"] = "UPDATING";
            }
        }
    }
    if (change.deleted) {
        auto deleted = describe_index(before, &table, *change.deleted, true, "ACTIVE");
        deleted["IndexStatus"] = "DELETING";
        auto& list = description["GlobalSecondaryIndexes"];
        if (!list.is_array()) list = json::array{};
        list.as_array().push_back(std::move(deleted));
    }
    return description;
}

void update_table(Context& ctx) {
    auto table = existing_table(ctx, read_table_name(ctx.fields));
    std::lock_guard lock(table->write_mutex());
    if (table->deleted()) throw AwsError::resource_not_found("Requested resource not found");
    bool status_changes = false;
    GsiChange change;
    auto before = table->meta();
    auto meta = read_update_table(ctx.fields, *before, ctx.now_seconds(), status_changes, change);
    // A new index's space is created empty with the metadata; writes maintain it from this
    // commit on, and its build copies the items already there in the background.
    sdk::WriteBatch changes;
    if (change.created) changes.create_space(index_space(meta, change.created->name));
    if (change.deleted) changes.drop_space(index_space(meta, change.deleted->name));
    auto body = json::serialize(
        json::object{{"TableDescription", update_reply(meta, *table, change, *before,
                                                       status_changes ? "UPDATING" : "ACTIVE")}});
    ctx.store.update(*table, std::move(meta), ctx.reply_when_durable(std::move(body)),
                     std::move(changes));
    if (change.deleted) {
        if (change.deleted->creating) table->end_build();
        table->erase_index_stats(change.deleted->name);
    }
    if (change.created)
        ctx.backfills.submit(std::make_shared<IndexBuild>(ctx.store, table, change.created->name));
}

void list_tables(Context& ctx) {
    Constraints c;
    auto limit = ctx.fields.integer("Limit");
    auto start = ctx.fields.string("ExclusiveStartTableName");
    c.min_value(limit, "limit", 1);
    c.max_value(limit, "limit", 100);
    c.name(start, "exclusiveStartTableName");
    c.check();
    bool more = false;
    auto names = ctx.store.list(ctx.request.account_id, ctx.request.region, start.value_or(""),
                                static_cast<std::size_t>(limit.value_or(100)), more);
    json::array list;
    for (const auto& n : names) list.emplace_back(n);
    json::object body{{"TableNames", std::move(list)}};
    if (more && !names.empty()) body["LastEvaluatedTableName"] = names.back();
    ctx.reply(json::serialize(body));
}

}  // namespace

void add_table_ops(HandlerTable& table) {
    table.emplace("CreateTable", &create_table);
    table.emplace("DescribeTable", &describe_table_op);
    table.emplace("DeleteTable", &delete_table);
    table.emplace("UpdateTable", &update_table);
    table.emplace("ListTables", &list_tables);
}

}  // namespace floci::dynamodb::api
