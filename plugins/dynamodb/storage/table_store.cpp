#include "storage/table_store.hpp"

#include <boost/json/parse.hpp>
#include <floci/sdk/aws_error.hpp>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/stored_item_size.hpp"
#include "storage/index_build.hpp"

namespace floci::dynamodb {

using sdk::AwsError;

namespace {

// Items per add_index_chunk call while open() builds indexes that have no space: nothing is
// served yet, so the size only bounds the copy of items held at once.
constexpr std::size_t kStartupChunk = 4096;

std::optional<Item> parsed(const std::optional<std::string>& stored) {
    if (!stored) return std::nullopt;
    return parse_item_text(*stored);
}

}  // namespace

Table::Table(TableMeta meta)
    : key_(meta.key),
      name_(meta.name),
      items_space_(meta.items_space()),
      meta_(std::make_shared<const TableMeta>(std::move(meta))) {}

std::shared_ptr<const TableMeta> Table::meta() const {
    std::lock_guard lock(meta_mutex_);
    return meta_;
}

void Table::set_meta(TableMeta meta) {
    auto next = std::make_shared<const TableMeta>(std::move(meta));
    std::lock_guard lock(meta_mutex_);
    meta_ = std::move(next);
}

Table::IndexStats Table::index_stats(std::string_view index) const {
    std::lock_guard lock(stats_mutex_);
    auto it = index_stats_.find(index);
    return it == index_stats_.end() ? IndexStats{} : it->second;
}

void Table::add_index_stats(const std::vector<IndexDelta>& deltas) {
    std::lock_guard lock(stats_mutex_);
    for (const auto& d : deltas) {
        auto& stats = index_stats_[d.name];
        stats.items += d.items;
        stats.bytes += d.bytes;
    }
}

void Table::set_index_stats(const std::string& index, IndexStats stats) {
    std::lock_guard lock(stats_mutex_);
    index_stats_[index] = stats;
}

void Table::erase_index_stats(std::string_view index) {
    std::lock_guard lock(stats_mutex_);
    if (auto it = index_stats_.find(index); it != index_stats_.end()) index_stats_.erase(it);
}

std::string TableStore::map_key(std::string_view account, std::string_view region,
                                std::string_view name) {
    std::string key;
    key.reserve(account.size() + region.size() + name.size() + 2);
    key.append(account).push_back('\0');
    key.append(region).push_back('\0');
    key.append(name);
    return key;
}

sdk::Status TableStore::commit_and_wait(sdk::WriteBatch batch) {
    // Start-up waits for its batches: nothing can be served without them.
    std::mutex m;
    std::condition_variable cv;
    std::optional<sdk::Status> result;
    kv_.commit(std::move(batch), [&](sdk::Status status) {
        std::lock_guard lock(m);
        result.emplace(std::move(status));
        cv.notify_one();
    });
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return result.has_value(); });
    return *result;
}

// Tables written by a build that kept no index data have index definitions but no index
// spaces; building them here, in one batch before anything is served, keeps every later item
// write (which maintains them) valid.
sdk::Status TableStore::build_missing_indexes(const Table& table) {
    auto meta = table.meta();
    sdk::WriteBatch batch;
    for (const IndexMeta* index : all_indexes(*meta)) {
        if (kv_.has_space(index_space(*meta, index->name))) continue;
        batch.create_space(index_space(*meta, index->name));
        std::optional<std::string> after;
        while (!add_index_chunk(table, *meta, *index, after, kStartupChunk, batch).last) {
        }
    }
    if (batch.empty()) return {};
    return commit_and_wait(std::move(batch));
}

sdk::Status TableStore::open() {
    if (!kv_.has_space(kTablesSpace)) {
        sdk::WriteBatch batch;
        batch.create_space(kTablesSpace);
        if (auto status = commit_and_wait(std::move(batch)); !status) return status;
    }
    std::vector<TableMeta> metas;
    auto scanned = kv_.scan(kTablesSpace, {}, [&](std::string_view, std::string_view value) {
        metas.push_back(table_meta_from_json(value));
        return true;
    });
    if (!scanned) return scanned;
    std::unique_lock lock(mutex_);
    for (auto& meta : metas) {
        auto key = map_key(meta.account_id, meta.region, meta.name);
        auto table = std::make_shared<Table>(std::move(meta));
        if (auto status = build_missing_indexes(*table); !status) return status;
        count_items(*table);
        count_index_items(*table);
        tables_.emplace(std::move(key), std::move(table));
    }
    return {};
}

void TableStore::count_items(Table& table) const {
    std::int64_t count = 0, bytes = 0;
    auto status = kv_.scan(table.items_space(), {}, [&](std::string_view, std::string_view value) {
        ++count;
        bytes += static_cast<std::int64_t>(stored_item_bytes(value));
        return true;
    });
    if (status) table.add_stats(count, bytes);
}

void TableStore::count_index_items(Table& table) const {
    auto meta = table.meta();
    for (const IndexMeta* index : all_indexes(*meta)) {
        Table::IndexStats stats;
        auto status = kv_.scan(
            index_space(*meta, index->name), {}, [&](std::string_view, std::string_view value) {
                ++stats.items;
                stats.bytes +=
                    static_cast<std::int64_t>(stored_item_bytes(value)) + kIndexItemOverhead;
                return true;
            });
        if (status) table.set_index_stats(index->name, stats);
    }
}

std::shared_ptr<Table> TableStore::find(std::string_view account, std::string_view region,
                                        std::string_view name) const {
    thread_local std::string key;
    key.clear();
    key.append(account).push_back('\0');
    key.append(region).push_back('\0');
    key.append(name);
    std::shared_lock lock(mutex_);
    auto it = tables_.find(key);
    return it == tables_.end() ? nullptr : it->second;
}

std::shared_ptr<Table> TableStore::create(TableMeta meta, sdk::CommitCallback on_durable) {
    auto key = map_key(meta.account_id, meta.region, meta.name);
    sdk::WriteBatch batch;
    batch.put(kTablesSpace, key, to_json(meta));
    batch.create_space(meta.items_space());
    for (const IndexMeta* index : all_indexes(meta))
        batch.create_space(index_space(meta, index->name));
    std::unique_lock lock(mutex_);
    if (tables_.contains(key))
        throw AwsError::resource_in_use("Table already exists: " + meta.name);
    auto table = std::make_shared<Table>(std::move(meta));
    tables_.emplace(key, table);
    kv_.commit(std::move(batch), std::move(on_durable));
    return table;
}

void TableStore::drop(Table& table, sdk::CommitCallback on_durable) {
    auto meta = table.meta();
    auto key = map_key(meta->account_id, meta->region, meta->name);
    sdk::WriteBatch batch;
    batch.erase(kTablesSpace, key);
    batch.drop_space(table.items_space());
    for (const IndexMeta* index : all_indexes(*meta))
        batch.drop_space(index_space(*meta, index->name));
    std::unique_lock lock(mutex_);
    table.mark_deleted();
    tables_.erase(key);
    kv_.commit(std::move(batch), std::move(on_durable));
}

void TableStore::update(Table& table, TableMeta meta, sdk::CommitCallback on_durable,
                        sdk::WriteBatch changes) {
    sdk::WriteBatch batch = std::move(changes);
    batch.put(kTablesSpace, map_key(meta.account_id, meta.region, meta.name), to_json(meta));
    table.set_meta(std::move(meta));
    kv_.commit(std::move(batch), std::move(on_durable));
}

TableStore::IndexChunk TableStore::add_index_chunk(const Table& table, const TableMeta& meta,
                                                   const IndexMeta& index,
                                                   std::optional<std::string>& after,
                                                   std::size_t limit,
                                                   sdk::WriteBatch& batch) const {
    // Read first, look the entries up after: a scan's visitor runs under the store's read
    // lock and must not call back into the store.
    std::vector<std::pair<std::string, std::string>> items;
    sdk::ScanOptions options;
    options.limit = limit;
    if (after) options.lower = sdk::Bound{*after, false};
    auto status =
        kv_.scan(table.items_space(), options, [&](std::string_view key, std::string_view value) {
            items.emplace_back(key, value);
            return true;
        });
    if (!status) throw status.error();
    IndexChunk chunk;
    chunk.last = items.size() < limit;
    if (!items.empty()) after = items.back().first;
    const auto space = index_space(meta, index.name);
    for (const auto& [key, value] : items) {
        auto entry = index_entry(meta, index, parse_item_text(value), key);
        if (!entry || kv_.get(space, entry->key, [](std::string_view) {})) continue;
        batch.put(space, entry->key, std::move(entry->value));
        ++chunk.added.items;
        chunk.added.bytes += entry->size;
    }
    return chunk;
}

std::vector<std::shared_ptr<IndexBuild>> TableStore::unfinished_builds() {
    std::vector<std::shared_ptr<Table>> tables;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [key, table] : tables_) tables.push_back(table);
    }
    std::vector<std::shared_ptr<IndexBuild>> builds;
    for (auto& table : tables) {
        std::lock_guard lock(table->write_mutex());
        if (table->deleted()) continue;
        for (const auto& index : table->meta()->global_indexes)
            if (index.creating)
                builds.push_back(std::make_shared<IndexBuild>(*this, table, index.name));
    }
    return builds;
}

std::vector<std::string> TableStore::list(std::string_view account, std::string_view region,
                                          std::string_view start_after, std::size_t limit,
                                          bool& more) const {
    auto prefix = map_key(account, region, {});
    auto start = map_key(account, region, start_after);
    sdk::ScanOptions options;
    options.lower = sdk::Bound{start, start_after.empty()};
    std::vector<std::string> names;
    more = false;
    auto status = kv_.scan(kTablesSpace, options, [&](std::string_view key, std::string_view) {
        if (!key.starts_with(prefix)) return false;
        if (names.size() == limit) {
            more = true;
            return false;
        }
        names.emplace_back(key.substr(prefix.size()));
        return true;
    });
    if (!status) throw status.error();
    return names;
}

void TableStore::write_item(
    Table& table, std::string_view key,
    sdk::FunctionRef<ItemWrite(const std::optional<std::string>& old)> decide,
    sdk::CommitCallback on_durable) {
    std::lock_guard lock(table.write_mutex());
    if (table.deleted()) throw AwsError::resource_not_found("Requested resource not found");
    auto old = kv_.get_copy(table.items_space(), key);
    ItemWrite write = decide(old);
    sdk::WriteBatch batch;
    std::int64_t count_delta = 0, size_delta = 0;
    std::vector<IndexDelta> index_deltas;
    auto meta = table.meta();
    const bool indexed = !meta->local_indexes.empty() || !meta->global_indexes.empty();
    if (write.kind == ItemWrite::Kind::kPut) {
        if (indexed)
            index_deltas =
                maintain_indexes(kv_, *meta, key, parsed(old), parse_item_text(write.value), batch);
        batch.put(table.items_space(), key, std::move(write.value));
        count_delta = old ? 0 : 1;
        size_delta = write.new_size - write.old_size;
    } else if (write.kind == ItemWrite::Kind::kErase && old) {
        if (indexed)
            index_deltas = maintain_indexes(kv_, *meta, key, parsed(old), std::nullopt, batch);
        batch.erase(table.items_space(), key);
        count_delta = -1;
        size_delta = -write.old_size;
    }
    if (batch.empty()) return on_durable(sdk::Status{});
    table.add_stats(count_delta, size_delta);
    if (!index_deltas.empty()) table.add_index_stats(index_deltas);
    kv_.commit(std::move(batch), std::move(on_durable));
}

}  // namespace floci::dynamodb
