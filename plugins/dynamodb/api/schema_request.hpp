#pragma once
// Readers for the pieces CreateTable and UpdateTable share: key schemas, provisioned
// throughput, secondary indexes and stream specifications. Each read_* does AWS's first two
// passes (types now, constraints into `c`); each check_* does the operation's own checks
// afterwards, with AWS's texts (dynalite validations/createTable.js).
#include <optional>
#include <string>
#include <vector>

#include "api/request_fields.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

inline constexpr std::string_view kInvalidParameters =
    "One or more parameter values were invalid: ";

struct KeyElement {
    std::string name;
    std::string key_type;
};

struct ThroughputRequest {
    std::optional<std::int64_t> read, write;
    bool given = false;
};

struct IndexRequest {
    std::string name;
    std::vector<KeyElement> key;
    std::optional<std::string> projection_type;
    std::vector<std::string> non_key_attributes;
    bool non_key_given = false;
    ThroughputRequest throughput;
};

ThroughputRequest read_throughput(const Fields& fields, std::string_view name,
                                  const std::string& path, Constraints& c);
// "Given value N for ReadCapacityUnits is out of bounds"
void check_throughput_bounds(const ThroughputRequest& t);

// A KeySchema list: not null, 1 or 2 elements, each with AttributeName and KeyType.
std::optional<std::vector<KeyElement>> read_key_elements(const Fields& fields,
                                                         std::string_view name,
                                                         const std::string& path, Constraints& c,
                                                         bool check_key_type);
// One index member (IndexName, KeySchema, Projection and, for a GSI, ProvisionedThroughput).
IndexRequest read_index(const boost::json::value& value, const std::string& path, Constraints& c,
                        bool global);
std::optional<std::vector<IndexRequest>> read_index_list(const Fields& fields,
                                                         std::string_view name,
                                                         const std::string& path, Constraints& c,
                                                         bool global);
StreamSettings read_stream_specification(const Fields& fields, std::string_view name,
                                         Constraints& c);

// The table's (or an index's) key schema with types from the definitions.
KeySchema check_key_schema(const std::vector<KeyElement>& key,
                           const std::vector<AttributeDefinition>& definitions);
std::vector<IndexMeta> check_local_indexes(const std::optional<std::vector<IndexRequest>>& lsis,
                                           const TableMeta& table);
std::vector<IndexMeta> check_global_indexes(const std::optional<std::vector<IndexRequest>>& gsis,
                                            const TableMeta& table, bool on_demand);
// Every definition must name a key attribute of the table or an index.
void check_unused_definitions(const TableMeta& table);

}  // namespace floci::dynamodb::api

namespace floci::dynamodb::api {
// AttributeDefinitions members: AttributeName and AttributeType (S, N or B) not null.
std::vector<AttributeDefinition> read_definitions(const boost::json::array& list, Constraints& c);
}  // namespace floci::dynamodb::api
