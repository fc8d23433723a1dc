#pragma once
// What DynamoDB knows about a table besides its items: key schema, indexes, billing, streams
// and settings, as CreateTable/UpdateTable set them. Stored as JSON text in the "tables" key
// space (to_json/from_json) and rendered as a TableDescription by api/table_description.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.hpp"

namespace floci::dynamodb {

struct KeyAttribute {
    std::string name;
    AttributeType type = AttributeType::S;  // S, N or B
};

struct KeySchema {
    KeyAttribute hash;
    std::optional<KeyAttribute> range;
};

struct AttributeDefinition {
    std::string name;
    std::string type;  // "S", "N" or "B"
};

struct Throughput {
    std::int64_t read = 0;  // 0/0 for on-demand tables, as AWS reports them
    std::int64_t write = 0;
};

struct Projection {
    std::string type = "ALL";  // ALL, KEYS_ONLY, INCLUDE
    std::vector<std::string> non_key_attributes;
};

struct IndexMeta {
    std::string name;
    KeySchema key;
    Projection projection;
    Throughput throughput;     // GSIs only
    bool added_later = false;  // created by UpdateTable: DescribeTable then shows Backfilling
    // Added by UpdateTable and not yet filled from the table's items (storage/index_build.hpp):
    // IndexStatus CREATING, reads refused. Stored, so a restart finishes the build.
    bool creating = false;
};

struct StreamSettings {
    bool enabled = false;
    std::string view_type;  // NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY
    std::string label;      // LatestStreamLabel, set when the stream was enabled
};

struct TableMeta {
    std::string account_id;
    std::string region;
    std::string name;
    std::string id;  // TableId (a UUID); also names the items' key space
    double creation_time = 0;
    KeySchema key;
    std::vector<AttributeDefinition> attribute_definitions;  // in request order
    bool on_demand = false;                                  // BillingMode PAY_PER_REQUEST
    double billing_mode_time = 0;                            // LastUpdateToPayPerRequestDateTime
    Throughput throughput;
    std::vector<IndexMeta> local_indexes;
    std::vector<IndexMeta> global_indexes;
    StreamSettings stream;
    bool deletion_protection = false;
    std::string table_class;              // empty unless TableClass was given
    boost::json::object sse_description;  // empty unless SSESpecification enabled it
    boost::json::object tags;             // Tags given at CreateTable (name -> value)

    std::string arn() const;
    std::string items_space() const { return "items." + id; }
    // The names of the key attributes, hash first.
    std::vector<std::string> key_names() const;
};

std::string to_json(const TableMeta& meta);
// Throws AwsError internal for text to_json did not write.
TableMeta table_meta_from_json(std::string_view text);

}  // namespace floci::dynamodb
