#pragma once
// A TableDescription as DescribeTable, CreateTable, UpdateTable and DeleteTable return it
// (API reference, "TableDescription").
#include <boost/json/object.hpp>
#include <string_view>

#include "storage/table_store.hpp"

namespace floci::dynamodb::api {

// `status` is the TableStatus to report; index statuses follow it (CREATING while the table
// is CREATING, ACTIVE otherwise), except that a GSI being built is CREATING.
boost::json::object describe_table(const TableMeta& meta, const Table* table,
                                   std::string_view status);

// One LocalSecondaryIndexDescription or GlobalSecondaryIndexDescription, with the index's
// ItemCount and IndexSizeBytes when `table` is given.
boost::json::object describe_index(const TableMeta& meta, const Table* table,
                                   const IndexMeta& index, bool global, std::string_view status);

}  // namespace floci::dynamodb::api
