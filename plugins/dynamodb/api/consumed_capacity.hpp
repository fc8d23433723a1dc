#pragma once
// The ConsumedCapacity object of one table (API reference, "ConsumedCapacity" and "Capacity").
// TOTAL gives TableName and CapacityUnits, the sum of every part; INDEXES adds the parts:
// "Table" and, for the secondary indexes the operation used, "LocalSecondaryIndexes" and
// "GlobalSecondaryIndexes" maps of index name to Capacity. An index the operation did not use
// is left out, and so is a map with no index (the API reference: "the amount of throughput
// consumed on each global index affected by the operation"; a write that leaves an index's
// entry as it was affects it not). "Table" is always there under INDEXES, at 0.0 when only an
// index was read.
//
// Single-item operations, Query, Scan and the batches give CapacityUnits alone; transactions
// also mirror every CapacityUnits as ReadCapacityUnits or WriteCapacityUnits (`kind`), at the
// top level, in "Table" and in each index's Capacity, as TransactWriteItems answers on AWS
// (rusoto/rusoto#1919 quotes such a response:
// "GlobalSecondaryIndexes":{"gsi1":{"CapacityUnits":2.0,"WriteCapacityUnits":2.0}}).
#include <string>
#include <string_view>
#include <vector>

namespace floci::dynamodb::api {

class ConsumedCapacity {
  public:
    explicit ConsumedCapacity(std::string_view table) : table_(table) {}

    const std::string& table() const noexcept { return table_; }
    void add_table(double units) { table_units_ += units; }
    // Units of one index; an index added twice (a batch writing it twice) sums its units.
    void add_index(std::string_view name, bool global, double units);
    double total() const;

    // The object's text for ReturnConsumedCapacity `mode` ("TOTAL" or "INDEXES"); `kind` is
    // "", "ReadCapacityUnits" or "WriteCapacityUnits".
    std::string json(std::string_view mode, std::string_view kind = {}) const;

  private:
    struct Index {
        std::string name;
        bool global = false;
        double units = 0;
    };

    std::string table_;
    double table_units_ = 0;
    std::vector<Index> indexes_;  // in the order first added
};

// Units as AWS writes them: "1.0", "0.5", "12.5".
std::string units_text(double units);

}  // namespace floci::dynamodb::api
