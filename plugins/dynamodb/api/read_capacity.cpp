#include "api/read_capacity.hpp"

#include "api/item_common.hpp"

namespace floci::dynamodb::api {

ConsumedCapacity read_capacity(std::string_view table, const IndexMeta* index, bool global,
                               const ReadBytes& read, bool consistent) {
    ConsumedCapacity capacity(table);
    if (!index) {
        capacity.add_table(read_units(read.table, consistent));
        return capacity;
    }
    capacity.add_index(index->name, global, read_units(read.index, consistent));
    if (read.fetched) capacity.add_table(read_units(read.table, consistent));
    return capacity;
}

}  // namespace floci::dynamodb::api
