#include "api/table_description.hpp"

namespace floci::dynamodb::api {
namespace {

namespace json = boost::json;

json::array key_schema(const KeySchema& key) {
    json::array out{json::object{{"AttributeName", key.hash.name}, {"KeyType", "HASH"}}};
    if (key.range)
        out.push_back(json::object{{"AttributeName", key.range->name}, {"KeyType", "RANGE"}});
    return out;
}

json::object throughput(const Throughput& t) {
    return {{"NumberOfDecreasesToday", 0},
            {"ReadCapacityUnits", t.read},
            {"WriteCapacityUnits", t.write}};
}

json::object projection(const Projection& p) {
    json::object out{{"ProjectionType", p.type}};
    if (!p.non_key_attributes.empty()) {
        json::array names;
        for (const auto& n : p.non_key_attributes) names.emplace_back(n);
        out["NonKeyAttributes"] = std::move(names);
    }
    return out;
}

json::array indexes(const TableMeta& meta, const Table* table, const std::vector<IndexMeta>& list,
                    bool global, std::string_view status) {
    json::array out;
    for (const auto& index : list)
        out.push_back(describe_index(meta, table, index, global, status));
    return out;
}

}  // namespace

json::object describe_index(const TableMeta& meta, const Table* table, const IndexMeta& index,
                            bool global, std::string_view status) {
    json::object o{{"IndexName", index.name},
                   {"KeySchema", key_schema(index.key)},
                   {"Projection", projection(index.projection)}};
    if (global) {
        o["IndexStatus"] = status == "CREATING" || index.creating ? "CREATING" : "ACTIVE";
        // Only an index added by UpdateTable has Backfilling: true while its build copies the
        // table's items, false once it is done (API reference, GlobalSecondaryIndexDescription).
        if (index.added_later) o["Backfilling"] = index.creating;
        o["ProvisionedThroughput"] = throughput(index.throughput);
    }
    // An index being built reports no items yet: AWS refreshes these figures only every few
    // hours, and a partial count would read as a finished index.
    auto stats = table && !index.creating ? table->index_stats(index.name) : Table::IndexStats{};
    o["IndexSizeBytes"] = stats.bytes;
    o["ItemCount"] = stats.items;
    o["IndexArn"] = meta.arn() + "/index/" + index.name;
    return o;
}

json::object describe_table(const TableMeta& meta, const Table* table, std::string_view status) {
    json::array definitions;
    for (const auto& d : meta.attribute_definitions)
        definitions.push_back(json::object{{"AttributeName", d.name}, {"AttributeType", d.type}});
    json::object out{{"AttributeDefinitions", std::move(definitions)},
                     {"TableName", meta.name},
                     {"KeySchema", key_schema(meta.key)},
                     {"TableStatus", status},
                     {"CreationDateTime", meta.creation_time},
                     {"ProvisionedThroughput", throughput(meta.throughput)},
                     {"TableSizeBytes", table ? table->size_bytes() : 0},
                     {"ItemCount", table ? table->item_count() : 0},
                     {"TableArn", meta.arn()},
                     {"TableId", meta.id}};
    if (meta.on_demand || meta.billing_mode_time != 0) {
        json::object summary{{"BillingMode", meta.on_demand ? "PAY_PER_REQUEST" : "PROVISIONED"}};
        summary["LastUpdateToPayPerRequestDateTime"] =
            meta.billing_mode_time != 0 ? meta.billing_mode_time : meta.creation_time;
        out["BillingModeSummary"] = std::move(summary);
    }
    if (!meta.local_indexes.empty())
        out["LocalSecondaryIndexes"] = indexes(meta, table, meta.local_indexes, false, status);
    if (!meta.global_indexes.empty())
        out["GlobalSecondaryIndexes"] = indexes(meta, table, meta.global_indexes, true, status);
    if (meta.stream.enabled) {
        out["StreamSpecification"] =
            json::object{{"StreamEnabled", true}, {"StreamViewType", meta.stream.view_type}};
        out["LatestStreamLabel"] = meta.stream.label;
        out["LatestStreamArn"] = meta.arn() + "/stream/" + meta.stream.label;
    }
    if (!meta.sse_description.empty()) {
        json::object sse = meta.sse_description;
        sse["KMSMasterKeyArn"] =
            "arn:aws:kms:" + meta.region + ":" + meta.account_id + ":key/" + meta.id;
        out["SSEDescription"] = std::move(sse);
    }
    if (!meta.table_class.empty())
        out["TableClassSummary"] = json::object{{"TableClass", meta.table_class}};
    out["DeletionProtectionEnabled"] = meta.deletion_protection;
    return out;
}

}  // namespace floci::dynamodb::api
