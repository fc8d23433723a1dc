#pragma once
// Secondary index data. Each LSI and GSI has its own key space ("index.<TableId>.<IndexName>")
// whose keys are encode(index hash[, index range]) followed by the item's table key: the
// encodings are self-delimiting (model/key_encoding.hpp), so an index partition is contiguous
// and sorted by the index sort key, and every table item has at most one, unique, entry. The
// value is the projected item (ALL: all of it; KEYS_ONLY: table and index keys; INCLUDE: those
// and NonKeyAttributes) as DynamoDB JSON. Items without every index key attribute (or with a
// value of the wrong type, possible only for an index added later) have no entry: indexes are
// sparse. Entries change in the same WriteBatch as their item, so they are atomic with it.
#include <cstdint>
#include <floci/sdk/storage.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/attribute_value.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb {

// "The size of an index item is the sum of ... the table's primary key, the index key
// attributes, the projected attributes, plus 100 bytes of overhead per index item" (developer
// guide, "Storage considerations for Global Secondary Indexes" and the LSI equivalent).
inline constexpr std::int64_t kIndexItemOverhead = 100;

std::string index_space(const TableMeta& meta, std::string_view index_name);

// Every index of the table, local ones first.
std::vector<const IndexMeta*> all_indexes(const TableMeta& meta);

struct IndexEntry {
    std::string key;
    std::string value;
    std::int64_t size = 0;  // counted in IndexSizeBytes
};

// The entry `item` (stored at `table_key`) has in `index`, or nullopt when it has none.
std::optional<IndexEntry> index_entry(const TableMeta& meta, const IndexMeta& index,
                                      const Item& item, std::string_view table_key);

// Whether `index` holds `attribute` in its entries: a table or index key attribute, or one its
// projection (ALL, or INCLUDE's NonKeyAttributes) carries.
bool index_projects(const TableMeta& meta, const IndexMeta& index, std::string_view attribute);

// What moving one item from `old_item` to `new_item` (either absent) does to one index: its
// entry before and after, either absent (indexes are sparse). Indexes where both are absent
// are left out.
struct IndexChange {
    const IndexMeta* index = nullptr;  // into the TableMeta given
    bool global = false;               // a GSI, else an LSI
    std::optional<IndexEntry> before;
    std::optional<IndexEntry> after;
};
std::vector<IndexChange> index_changes(const TableMeta& meta, std::string_view table_key,
                                       const std::optional<Item>& old_item,
                                       const std::optional<Item>& new_item);

// Change of one index's ItemCount and IndexSizeBytes.
struct IndexDelta {
    std::string name;
    std::int64_t items = 0;
    std::int64_t bytes = 0;
};

// Adds to `batch` what moving the item at `table_key` from `old_item` to `new_item` (either
// absent) does to every index of the table, and returns the stats changes. An index still
// being built (IndexMeta::creating) may not hold the old item's entry yet: `stored` (the live
// store) tells whether it does, so the stats count only entries that exist.
std::vector<IndexDelta> maintain_indexes(const sdk::ReadView& stored, const TableMeta& meta,
                                         std::string_view table_key,
                                         const std::optional<Item>& old_item,
                                         const std::optional<Item>& new_item,
                                         sdk::WriteBatch& batch);

}  // namespace floci::dynamodb
