#pragma once
// Tables and their items over the host's KvStore.
//
// Layout: the "tables" key space maps "<account>\0<region>\0<name>" to the table's metadata
// (JSON text, table_meta.hpp); each table's items live in their own key space named after the
// table's unique id ("items.<TableId>"), so a table deleted and created again never sees old
// data. An item's key is encode_table_key(hash[, range]); its value is the item as DynamoDB
// JSON text (write_item), so a read copies it straight into the reply.
//
// Concurrency: lookups take a shared lock on the table map only; writes to one table are
// serialized by that table's own mutex (read old item, check, commit), never by a global lock.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <floci/sdk/function_ref.hpp>
#include <floci/sdk/storage.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/index_maintainer.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb {

inline constexpr std::string_view kTablesSpace = "tables";

class IndexBuild;

class Table {
  public:
    explicit Table(TableMeta meta);

    // The current metadata; UpdateTable swaps it, readers keep the copy they got.
    std::shared_ptr<const TableMeta> meta() const;
    void set_meta(TableMeta meta);

    // Never change after creation, so the item path reads them without locking.
    const KeySchema& key() const noexcept { return key_; }
    const std::string& name() const noexcept { return name_; }
    const std::string& items_space() const noexcept { return items_space_; }

    // Held for a write's read-check-commit, and by DeleteTable.
    std::mutex& write_mutex() noexcept { return write_mutex_; }
    // Set (under write_mutex) when the table is deleted; writers that waited then fail.
    bool deleted() const noexcept { return deleted_; }
    void mark_deleted() noexcept { deleted_ = true; }

    // The number of the one index build (index_build.hpp) allowed to fill this table's index
    // being created, 0 when none. Read and changed under write_mutex(): deleting the index
    // ends the build, so a build that finds another number (the index deleted, perhaps
    // created again under the same name) stops without touching the index space.
    std::uint64_t current_build() const noexcept { return current_build_; }
    std::uint64_t begin_build() noexcept { return current_build_ = ++builds_begun_; }
    void end_build() noexcept { current_build_ = 0; }

    std::int64_t item_count() const noexcept { return item_count_.load(); }
    std::int64_t size_bytes() const noexcept { return size_bytes_.load(); }
    void add_stats(std::int64_t items, std::int64_t bytes) noexcept {
        item_count_ += items;
        size_bytes_ += bytes;
    }

    // ItemCount and IndexSizeBytes of each secondary index, by index name.
    struct IndexStats {
        std::int64_t items = 0;
        std::int64_t bytes = 0;
    };
    IndexStats index_stats(std::string_view index) const;
    void add_index_stats(const std::vector<IndexDelta>& deltas);
    void set_index_stats(const std::string& index, IndexStats stats);
    void erase_index_stats(std::string_view index);

  private:
    const KeySchema key_;
    const std::string name_;
    const std::string items_space_;
    mutable std::mutex meta_mutex_;
    std::shared_ptr<const TableMeta> meta_;
    std::mutex write_mutex_;
    bool deleted_ = false;
    std::uint64_t current_build_ = 0;
    std::uint64_t builds_begun_ = 0;
    std::atomic<std::int64_t> item_count_{0};
    std::atomic<std::int64_t> size_bytes_{0};
    mutable std::mutex stats_mutex_;  // guards index_stats_
    std::map<std::string, IndexStats, std::less<>> index_stats_;
};

// What a single-item write decided after seeing the current item.
struct ItemWrite {
    enum class Kind : std::uint8_t { kNone, kPut, kErase };
    Kind kind = Kind::kNone;
    std::string value;          // kPut: the new item's DynamoDB JSON
    std::int64_t old_size = 0;  // item_size of the current item (0 when absent)
    std::int64_t new_size = 0;  // item_size of the new item (kPut)
};

// One item of a multi-item write or read: its table and encoded key.
struct ItemRef {
    Table* table = nullptr;
    std::string key;
};

class TableStore {
  public:
    explicit TableStore(sdk::KvStore& kv) : kv_(kv) {}

    // Creates the "tables" space if needed, loads every table and counts its items.
    sdk::Status open();

    sdk::KvStore& kv() noexcept { return kv_; }

    std::shared_ptr<Table> find(std::string_view account, std::string_view region,
                                std::string_view name) const;

    // Registers the table and commits its metadata and items space. Throws
    // ResourceInUseException "Table already exists: <name>" when the name is taken.
    std::shared_ptr<Table> create(TableMeta meta, sdk::CommitCallback on_durable);

    // Removes the table and drops its items. `table` must be locked by the caller's
    // write_mutex() and not yet deleted.
    void drop(Table& table, sdk::CommitCallback on_durable);

    // Stores new metadata for an existing table, in one batch after `changes` (index spaces
    // created or dropped). The caller holds the table's write_mutex().
    void update(Table& table, TableMeta meta, sdk::CommitCallback on_durable,
                sdk::WriteBatch changes = {});

    // One bounded step of filling `index` from the table's items: adds to `batch` the entries
    // of at most `limit` items after `after` (from the first item when absent) that the index
    // space does not hold yet, moves `after` to the last item read and returns what it added.
    // Entries already stored are left alone: a write since the index was added put them, from
    // the same item, and counted them. The caller holds the table's write_mutex() from this
    // call until `batch` is committed, so no write slips between the read and the commit.
    struct IndexChunk {
        Table::IndexStats added;
        bool last = false;  // no item after this chunk
    };
    IndexChunk add_index_chunk(const Table& table, const TableMeta& meta, const IndexMeta& index,
                               std::optional<std::string>& after, std::size_t limit,
                               sdk::WriteBatch& batch) const;

    // A build for every index left being created (IndexMeta::creating) by an UpdateTable
    // before the last stop (at most one per table: UpdateTable creates one at a time), for the
    // plugin to run once open() has loaded the tables.
    std::vector<std::shared_ptr<IndexBuild>> unfinished_builds();

    // Table names of one account and region after `start_after` (exclusive), in byte order,
    // at most `limit`; `more` tells whether names remain.
    std::vector<std::string> list(std::string_view account, std::string_view region,
                                  std::string_view start_after, std::size_t limit,
                                  bool& more) const;

    // One item's read-check-write: under the table's write lock, reads the stored item at
    // `key` (nullopt when absent), lets `decide` choose the change, commits it with the
    // secondary index entries it changes and keeps ItemCount/TableSizeBytes and the indexes'
    // stats. `decide` may throw AwsError: then nothing is written.
    // Throws ResourceNotFoundException when the table was deleted meanwhile.
    void write_item(Table& table, std::string_view key,
                    sdk::FunctionRef<ItemWrite(const std::optional<std::string>& old)> decide,
                    sdk::CommitCallback on_durable);

    // Several items' read-check-write as one (TransactWriteItems; table_store_multi.cpp):
    // locks every involved table's write mutex in items_space() order (so two transactions
    // never deadlock), reads each item, lets `decide` choose one ItemWrite per item (it may
    // add other ops, such as a token record, to the batch it is given) and commits all in
    // one batch. `decide` may throw AwsError: then nothing is written.
    using MultiDecide = sdk::FunctionRef<std::vector<ItemWrite>(
        const std::vector<std::optional<std::string>>& old, sdk::WriteBatch& batch)>;
    void write_items(std::span<const ItemRef> items, MultiDecide decide,
                     sdk::CommitCallback on_durable);

    // The stored items at `items` as of one moment (TransactGetItems): read under the same
    // locks as write_items, so no write is seen half done.
    std::vector<std::optional<std::string>> read_items(std::span<const ItemRef> items);

  private:
    static std::string map_key(std::string_view account, std::string_view region,
                               std::string_view name);
    sdk::Status commit_and_wait(sdk::WriteBatch batch);
    sdk::Status build_missing_indexes(const Table& table);
    void count_items(Table& table) const;
    void count_index_items(Table& table) const;

    sdk::KvStore& kv_;
    mutable std::shared_mutex mutex_;  // guards tables_
    std::unordered_map<std::string, std::shared_ptr<Table>> tables_;
};

}  // namespace floci::dynamodb
