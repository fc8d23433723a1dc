// Query and Scan on tables: validate, bind to the table's key schema, turn the key condition
// (or the scan segment) into storage range scans, and let ReadPage shape one page.
#include <floci/sdk/aws_error.hpp>

#include "api/dispatch.hpp"
#include "api/key_range.hpp"
#include "api/read_checks.hpp"
#include "api/read_page.hpp"
#include "model/key_check.hpp"
#include "model/stored_item_size.hpp"
#include "storage/index_maintainer.hpp"

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

// What a Query or Scan reads: the table's items, or an index's entries.
struct ReadTarget {
    const std::string* items_space = nullptr;
    std::string index_space;
    const IndexMeta* index = nullptr;
    // An LSI whose projection lacks what the request asks for reads the item from the table,
    // as AWS fetches it ("Local secondary indexes" > "Projected attributes").
    bool fetch_table = false;
    bool global = false;

    const std::string& space() const { return index ? index_space : *items_space; }
};

// Whether a read of an LSI asks for attributes it does not project: Select ALL_ATTRIBUTES, or
// a projection naming one. "These fetches occur when you include any non-projected attributes
// in the Select or ProjectionExpression parameters" ("Provisioned throughput considerations
// for Local Secondary Indexes"); a projection of projected attributes reads the index alone.
bool asks_unprojected(const TableMeta& meta, const IndexMeta& index, const ReadRequest& r) {
    if (index.projection.type == "ALL") return false;
    if (r.select == "ALL_ATTRIBUTES") return true;
    if (!r.projection) return false;
    for (const auto& path : r.projection->paths)
        if (!index_projects(meta, index, path.head())) return true;
    return false;
}

ReadTarget read_target(const Table& table, const TableMeta& meta, const ReadRequest& r,
                       const IndexMeta* index) {
    ReadTarget t;
    t.items_space = &table.items_space();
    if (!index) return t;
    t.index = index;
    t.index_space = index_space(meta, index->name);
    t.global = is_global(meta, *index);
    t.fetch_table = !t.global && asks_unprojected(meta, *index, r);
    return t;
}

// Takes the entries a storage scan visits into the page. Entries whose item must come from
// the table are collected and fetched after the scan returns, a chunk at a time, because a
// scan's visitor runs under the store's read lock and must not read the store again.
class EntrySink {
  public:
    EntrySink(Context& ctx, const Table& table, const ReadTarget& t, ReadPage& page)
        : ctx_(ctx), table_(table), t_(t), page_(page) {}

    bool visit(std::string_view key, std::string_view value) {
        if (!t_.fetch_table) return page_.add(key, value);
        if (page_.full()) return false;
        pending_.push_back({std::string(key), stored_item_bytes(value)});
        return pending_.size() < kChunk;
    }

    // Fetches and adds the collected entries; returns where to resume when the scan stopped
    // only because the chunk was full.
    std::optional<std::string> flush() {
        if (pending_.empty()) return std::nullopt;
        const bool chunk_full = pending_.size() >= kChunk;
        for (const auto& [key, entry_bytes] : pending_) {
            if (page_.full()) break;
            auto item =
                ctx_.store.kv().get_copy(table_.items_space(), table_key_of(key, t_.index->key));
            if (item) page_.add_fetched(key, *item, entry_bytes);
        }
        std::optional<std::string> resume;
        if (chunk_full && !page_.full()) resume = std::move(pending_.back().key);
        pending_.clear();
        return resume;
    }

  private:
    static constexpr std::size_t kChunk = 256;

    Context& ctx_;
    const Table& table_;
    const ReadTarget& t_;
    ReadPage& page_;
    struct Pending {
        std::string key;
        std::size_t entry_bytes = 0;  // the index entry's size, for ConsumedCapacity
    };
    std::vector<Pending> pending_;
};

void scan_range(Context& ctx, const Table& table, const ReadTarget& t, KeyRange range, bool forward,
                ReadPage& page) {
    EntrySink sink(ctx, table, t, page);
    for (;;) {
        auto status = ctx.store.kv().scan(
            t.space(), range.options(forward),
            [&](std::string_view key, std::string_view value) { return sink.visit(key, value); });
        if (!status) throw status.error();
        auto resume = sink.flush();
        if (!resume) return;
        range.resume_after(*resume, forward);
    }
}

void query(Context& ctx) {
    auto r = read_query_request(ctx.fields);
    auto table = read_table(ctx, r.common.table_name);
    auto meta = table->meta();
    const IndexMeta* index = check_index(*meta, r, ReadKind::kQuery);
    const KeySchema& key = index ? index->key : table->key();
    auto condition = bind_condition(r, key);
    std::optional<std::string> start;
    if (r.start_key) {
        start = index ? bind_index_start_key(table->key(), key, *r.start_key, ReadKind::kQuery)
                      : bind_start_key(key, *r.start_key, ReadKind::kQuery);
        check_start_in_condition(key, *r.start_key, condition);
    }
    check_read_paths(*meta, r, ReadKind::kQuery, index);
    KeyRange range =
        index ? index_query_range(condition) : query_range(condition, key.range.has_value());
    if (start) range.resume_after(*start, r.forward);
    auto target = read_target(*table, *meta, r, index);
    ReadPage page(r, table->key(), index, target.global);
    scan_range(ctx, *table, target, range, r.forward, page);
    ctx.reply(std::move(page).reply());
}

// One segment of a parallel scan walks the table in key order and skips every partition
// that hashes to another segment: a partition of several entries with one seek past its end,
// a hash-only table's item by stepping over it.
void scan_segment(Context& ctx, const Table& table, const ReadTarget& t, KeyRange range,
                  std::int64_t segment, std::int64_t total, ReadPage& page) {
    const bool multi = t.index || table.key().range.has_value();
    EntrySink sink(ctx, table, t, page);
    for (;;) {
        std::optional<std::string> skip_to;
        auto status = ctx.store.kv().scan(t.space(), range.options(true),
                                          [&](std::string_view key, std::string_view value) {
                                              auto partition = key.substr(0, partition_length(key));
                                              if (segment_of(partition, total) == segment)
                                                  return sink.visit(key, value);
                                              if (!multi) return true;
                                              skip_to = prefix_successor(partition);
                                              return false;
                                          });
        if (!status) throw status.error();
        if (auto resume = sink.flush()) {
            range.resume_after(*resume, true);
            continue;
        }
        if (!skip_to || skip_to->empty()) return;
        range.lower = std::move(*skip_to);
        range.lower_inclusive = true;
    }
}

void scan(Context& ctx) {
    auto r = read_scan_request(ctx.fields);
    auto table = read_table(ctx, r.common.table_name);
    auto meta = table->meta();
    const IndexMeta* index = check_index(*meta, r, ReadKind::kScan);
    const KeySchema& key = table->key();
    const std::int64_t total = r.total_segments.value_or(1);
    const std::int64_t segment = r.segment.value_or(0);
    KeyRange range;
    if (r.start_key) {
        auto start = index ? bind_index_start_key(key, index->key, *r.start_key, ReadKind::kScan)
                           : bind_start_key(key, *r.start_key, ReadKind::kScan);
        if (segment_of(std::string_view(start).substr(0, partition_length(start)), total) !=
            segment)
            throw AwsError::validation(
                "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                "ExclusiveStartKey with correct Segment. TotalSegments: " +
                std::to_string(total) + " Segment: " + std::to_string(segment));
        range.resume_after(start, true);
    }
    check_read_paths(*meta, r, ReadKind::kScan, index);
    auto target = read_target(*table, *meta, r, index);
    ReadPage page(r, key, index, target.global);
    if (total == 1)
        scan_range(ctx, *table, target, range, true, page);
    else
        scan_segment(ctx, *table, target, std::move(range), segment, total, page);
    ctx.reply(std::move(page).reply());
}

}  // namespace

void add_query_scan_ops(HandlerTable& table) {
    table.emplace("Query", &query);
    table.emplace("Scan", &scan);
}

}  // namespace floci::dynamodb::api
