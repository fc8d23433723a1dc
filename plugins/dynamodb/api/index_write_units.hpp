#pragma once
// The write capacity a write costs each secondary index, for ConsumedCapacity (developer
// guide, "Provisioned throughput considerations for Global Secondary Indexes" > "Write
// capacity units", and the same rules in "Provisioned throughput considerations for Local
// Secondary Indexes"; the total of a write is the table's units plus every index's):
// - an item that enters the index (a new item with the index keys, or an update that gives it
//   them) costs one put of its new entry;
// - an item that leaves it (deleted, or an index key attribute removed) one delete of its old
//   entry;
// - a changed index key attribute two writes: the delete of the old entry and the put of the
//   new one;
// - a change to projected attributes only, one write of the entry in place;
// - a write that leaves the entry as it was (the item never in the index, or only attributes
//   the index does not project changed, or an identical overwrite) nothing: the index is not
//   written and the response leaves it out.
// Each write is sized by the index entry, not the table item ("Larger index entries require
// additional write capacity units"), rounded up to 1 KB like a table write; an in-place write
// by the larger of its old and new entry, as a table write by the larger item ("Read/write
// capacity mode"). The entry's size is its attributes' (item_size of the projected item)
// without the 100 bytes of overhead that only storage counts ("Storage considerations for
// Global Secondary Indexes"). Real DynamoDB was measured to agree on each point (a 3,017-byte
// entry costs 3, a move of 1,517-byte entries 4, an in-place 2,017 to 117 byte change 2:
// nubo-db/dynoxide src/actions/index_capacity.rs, captured in eu-west-2).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/index_maintainer.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb::api {

struct IndexUnits {
    std::string name;
    bool global = false;  // a GSI, else an LSI
    double units = 0;
};

// The units of one index's change, or nullopt when its entry stays as it was.
std::optional<double> index_write_units(const IndexChange& change);

// The indexes the decided `write` of the item at `key`, stored now as `old`, writes, with their
// units, LSIs first, each in the table's order.
std::vector<IndexUnits> index_write_units(const TableMeta& meta, std::string_view key,
                                          const std::optional<std::string>& old,
                                          const ItemWrite& write);

}  // namespace floci::dynamodb::api
