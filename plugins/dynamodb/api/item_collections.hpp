#pragma once
// ReturnItemCollectionMetrics=SIZE. An item collection is every item with one partition key
// value in a table and in its local secondary indexes (developer guide, "Item collections in
// Local Secondary Indexes"). Only tables with an LSI have item collections, so only writes to
// them report any (API reference, ItemCollectionMetrics). A write reports the collection it
// changed, sized after the write as the table's items of that partition plus their LSI
// entries (each item_size + 100 bytes, as IndexSizeBytes counts them), in the 1 GB wide range
// that holds the size: [0.0, 1.0] until the collection reaches 1 GB, as in the developer
// guide's and the CLI reference's examples. A write that changes no item (deleting a missing
// item, an update that writes nothing, a ConditionCheck) affected no collection and reports
// none (ItemCollectionMetrics: "item collections, if any, that were affected").
#include <array>
#include <cstdint>
#include <floci/sdk/storage.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/request_fields.hpp"
#include "model/attribute_value.hpp"
#include "storage/table_meta.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb::api {

// Whether the request (already validated) asks for ReturnItemCollectionMetrics SIZE.
bool wants_collection_sizes(const Fields& fields);

// SizeEstimateRangeGB of a collection of `bytes`: the whole gigabytes below it and one more.
std::array<double, 2> size_estimate_range_gb(std::int64_t bytes);

// The collections a request's writes changed, measured with range reads over their partitions
// in the table's items space and its LSI spaces, so the cost follows the collection, not the
// table. Used only when SIZE is asked for.
class ItemCollections {
  public:
    // Notes the change `write` (decided, not yet committed) makes to the collection of the item
    // at `key`, whose stored text is `old`.
    void add(const TableMeta& meta, std::string_view key, const std::optional<std::string>& old,
             const ItemWrite& write);

    // Sizes each collection noted since the last call as what `kv` holds for it now plus the
    // noted changes, which must not be committed yet. The caller holds the tables' write
    // locks, so nothing else changes the collections in between.
    void measure(const sdk::ReadView& kv);

    // PutItem, UpdateItem, DeleteItem: "ItemCollectionMetrics":{...} of the one collection,
    // or "" when the write changed none.
    std::string single_member() const;

    // BatchWriteItem, TransactWriteItems: "ItemCollectionMetrics":{"<table>":[...]}, one entry
    // per collection, tables and collections in the order first written; "" when none.
    std::string per_table_member() const;

    struct Collection {
        std::string table;
        std::string items_space;
        std::vector<std::string> index_spaces;  // the table's LSIs
        std::string partition;                  // the encoded partition key value
        std::string key_name;
        AttributeValue key_value;
        std::int64_t bytes = 0;
        std::int64_t pending = 0;  // noted changes not yet part of `bytes`
        bool dirty = false;        // noted since the last measure()
    };
    // What was noted and measured, in the order first written.
    const std::vector<Collection>& collections() const noexcept { return collections_; }

  private:
    Collection& collection(const TableMeta& meta, std::string_view key);
    static void append_entry(std::string& out, const Collection& c);

    std::vector<Collection> collections_;
};

}  // namespace floci::dynamodb::api
