// TableStore's multi-item paths (transactions), kept apart from the single-item write_item so
// the two evolve side by side.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <floci/sdk/aws_error.hpp>

#include "model/json_codec.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb {
namespace {

// The tables' write mutexes, taken in items_space() order: every multi-item path and
// write_item (one table) agree on it, so no cycle can form.
class TableLocks {
  public:
    explicit TableLocks(std::span<const ItemRef> items) {
        std::vector<Table*> tables;
        for (const auto& item : items) tables.push_back(item.table);
        std::sort(tables.begin(), tables.end(), [](const Table* a, const Table* b) {
            return a->items_space() < b->items_space();
        });
        tables.erase(std::unique(tables.begin(), tables.end()), tables.end());
        for (Table* table : tables) {
            locks_.emplace_back(table->write_mutex());
            if (table->deleted())
                throw sdk::AwsError::resource_not_found("Requested resource not found");
        }
    }

  private:
    std::vector<std::unique_lock<std::mutex>> locks_;
};

std::optional<Item> stored_item(const std::optional<std::string>& stored) {
    if (!stored) return std::nullopt;
    return parse_item_text(*stored);
}

}  // namespace

void TableStore::write_items(std::span<const ItemRef> items, MultiDecide decide,
                             sdk::CommitCallback on_durable) {
    TableLocks locks(items);
    std::vector<std::optional<std::string>> old;
    old.reserve(items.size());
    for (const auto& item : items) old.push_back(kv_.get_copy(item.table->items_space(), item.key));
    sdk::WriteBatch batch;
    std::vector<ItemWrite> writes = decide(old, batch);
    struct Delta {
        Table* table;
        std::int64_t count, size;
    };
    std::vector<Delta> deltas;
    std::vector<std::pair<Table*, std::vector<IndexDelta>>> index_deltas;
    for (std::size_t i = 0; i < items.size() && i < writes.size(); ++i) {
        Table& table = *items[i].table;
        const std::string& key = items[i].key;
        ItemWrite& write = writes[i];
        // Index entries go into the same batch, exactly as write_item keeps them.
        auto meta = table.meta();
        const bool indexed = !meta->local_indexes.empty() || !meta->global_indexes.empty();
        if (write.kind == ItemWrite::Kind::kPut) {
            if (indexed)
                index_deltas.emplace_back(&table,
                                          maintain_indexes(kv_, *meta, key, stored_item(old[i]),
                                                           parse_item_text(write.value), batch));
            batch.put(table.items_space(), key, std::move(write.value));
            deltas.push_back({&table, old[i] ? 0 : 1, write.new_size - write.old_size});
        } else if (write.kind == ItemWrite::Kind::kErase && old[i]) {
            if (indexed)
                index_deltas.emplace_back(
                    &table,
                    maintain_indexes(kv_, *meta, key, stored_item(old[i]), std::nullopt, batch));
            batch.erase(table.items_space(), key);
            deltas.push_back({&table, -1, -write.old_size});
        }
    }
    if (batch.empty()) return on_durable(sdk::Status{});
    for (const auto& d : deltas) d.table->add_stats(d.count, d.size);
    for (const auto& [table, changes] : index_deltas)
        if (!changes.empty()) table->add_index_stats(changes);
    kv_.commit(std::move(batch), std::move(on_durable));
}

std::vector<std::optional<std::string>> TableStore::read_items(std::span<const ItemRef> items) {
    TableLocks locks(items);
    std::vector<std::optional<std::string>> out;
    out.reserve(items.size());
    for (const auto& item : items) out.push_back(kv_.get_copy(item.table->items_space(), item.key));
    return out;
}

}  // namespace floci::dynamodb
