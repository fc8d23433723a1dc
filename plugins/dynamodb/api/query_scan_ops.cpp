// Query and Scan on tables: validate, bind to the table's key schema, turn the key condition
// (or the scan segment) into storage range scans, and let ReadPage shape one page.
#include <floci/sdk/aws_error.hpp>

#include "api/dispatch.hpp"
#include "api/key_range.hpp"
#include "api/read_checks.hpp"
#include "api/read_page.hpp"
#include "model/key_check.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

std::shared_ptr<Table> read_table(Context& ctx, const std::string& name) {
    auto table = ctx.store.find(ctx.request.account_id, ctx.request.region, name);
    if (!table) throw AwsError::resource_not_found("Requested resource not found");
    return table;
}

expr::KeyCondition bind_condition(const ReadRequest& r, const KeySchema& key) {
    expr::KeyAttribute partition{key.hash.name, key.hash.type};
    std::optional<expr::KeyAttribute> sort;
    if (key.range) sort = expr::KeyAttribute{key.range->name, key.range->type};
    auto condition = r.key_condition ? expr::to_key_condition(*r.key_condition, partition, sort)
                                     : expr::bind_key_terms(r.key_terms, partition, sort);
    check_key_value(key.hash.name, condition.partition.values[0], true);
    check_between_order(condition);
    return condition;
}

void scan_range(Context& ctx, const Table& table, const KeyRange& range, bool forward,
                ReadPage& page) {
    auto status = ctx.store.kv().scan(
        table.items_space(), range.options(forward),
        [&](std::string_view key, std::string_view value) { return page.add(key, value); });
    if (!status) throw status.error();
}

void query(Context& ctx) {
    auto r = read_query_request(ctx.fields);
    auto table = read_table(ctx, r.common.table_name);
    auto meta = table->meta();
    check_index(*meta, r, ReadKind::kQuery);
    const KeySchema& key = table->key();
    auto condition = bind_condition(r, key);
    std::optional<std::string> start;
    if (r.start_key) {
        start = bind_start_key(key, *r.start_key, ReadKind::kQuery);
        check_start_in_condition(key, *r.start_key, condition);
    }
    check_read_paths(*meta, r, ReadKind::kQuery);
    KeyRange range = query_range(condition, key.range.has_value());
    if (start) range.resume_after(*start, r.forward);
    ReadPage page(r, key);
    scan_range(ctx, *table, range, r.forward, page);
    ctx.reply(page.reply());
}

// One segment of a parallel scan walks the table in key order and skips every partition
// that hashes to another segment: a hash+range partition with one seek past its end, a
// hash-only item by stepping over it.
void scan_segment(Context& ctx, const Table& table, KeyRange range, std::int64_t segment,
                  std::int64_t total, ReadPage& page) {
    const bool has_range = table.key().range.has_value();
    for (;;) {
        std::optional<std::string> skip_to;
        auto status = ctx.store.kv().scan(table.items_space(), range.options(true),
                                          [&](std::string_view key, std::string_view value) {
                                              auto partition = key.substr(0, partition_length(key));
                                              if (segment_of(partition, total) == segment)
                                                  return page.add(key, value);
                                              if (!has_range) return true;
                                              skip_to = prefix_successor(partition);
                                              return false;
                                          });
        if (!status) throw status.error();
        if (!skip_to || skip_to->empty()) return;
        range.lower = std::move(*skip_to);
        range.lower_inclusive = true;
    }
}

void scan(Context& ctx) {
    auto r = read_scan_request(ctx.fields);
    auto table = read_table(ctx, r.common.table_name);
    auto meta = table->meta();
    check_index(*meta, r, ReadKind::kScan);
    const KeySchema& key = table->key();
    const std::int64_t total = r.total_segments.value_or(1);
    const std::int64_t segment = r.segment.value_or(0);
    KeyRange range;
    if (r.start_key) {
        auto start = bind_start_key(key, *r.start_key, ReadKind::kScan);
        if (segment_of(std::string_view(start).substr(0, partition_length(start)), total) !=
            segment)
            throw AwsError::validation(
                "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                "ExclusiveStartKey with correct Segment. TotalSegments: " +
                std::to_string(total) + " Segment: " + std::to_string(segment));
        range.resume_after(start, true);
    }
    check_read_paths(*meta, r, ReadKind::kScan);
    ReadPage page(r, key);
    if (total == 1)
        scan_range(ctx, *table, range, true, page);
    else
        scan_segment(ctx, *table, std::move(range), segment, total, page);
    ctx.reply(page.reply());
}

}  // namespace

void add_query_scan_ops(HandlerTable& table) {
    table.emplace("Query", &query);
    table.emplace("Scan", &scan);
}

}  // namespace floci::dynamodb::api
