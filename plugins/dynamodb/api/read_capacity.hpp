#pragma once
// What a Query or Scan page's read units are charged to (ConsumedCapacity). A read of the
// table charges the table by the bytes of the items read (developer guide, "Read/write
// capacity mode": a Query or Scan "the sum of the item sizes", rounded up to 4 KB, halved when
// eventually consistent, at least one read even when nothing matched). A read of an index
// charges the index the same way by the bytes of the entries read: "the calculation is based
// on the sizes of the index entries, rather than the size of the item in the base table"
// ("Provisioned throughput considerations for Local Secondary Indexes" > "Read capacity
// units"; for a GSI, "the sum of all projected attribute sizes across all of the items
// returned", the GSI equivalent). The table is then charged 0.0, still shown under INDEXES.
// An LSI read that asks for attributes the index does not project also fetches each item
// from the table: "you are charged for read capacity units for every base table item fetched
// ... for reading each entire item from the table" (same LSI page), charged to the table as
// the read of those items, on top of the index's units.
#include <cstddef>
#include <string_view>

#include "api/consumed_capacity.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

struct ReadBytes {
    std::size_t table = 0;    // item_size of the table items read or fetched
    std::size_t index = 0;    // item_size of the index entries read
    std::size_t fetched = 0;  // table items fetched for LSI entries
};

// The page's ConsumedCapacity: `index` is the index read (a GSI when `global`), or null.
ConsumedCapacity read_capacity(std::string_view table, const IndexMeta* index, bool global,
                               const ReadBytes& read, bool consistent);

}  // namespace floci::dynamodb::api
