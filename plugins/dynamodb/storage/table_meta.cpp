#include "storage/table_meta.hpp"

#include <boost/json.hpp>
#include <floci/sdk/aws_error.hpp>

namespace floci::dynamodb {
namespace {

namespace json = boost::json;

json::object key_attribute_json(const KeyAttribute& key) {
    return {{"name", key.name}, {"type", type_name(key.type)}};
}

KeyAttribute key_attribute_from(const json::value& value) {
    KeyAttribute key;
    key.name = json::value_to<std::string>(value.at("name"));
    if (!parse_type_name(value.at("type").as_string(), key.type))
        throw sdk::AwsError::internal("bad key type in table metadata");
    return key;
}

json::object key_schema_json(const KeySchema& schema) {
    json::object out{{"hash", key_attribute_json(schema.hash)}};
    if (schema.range) out["range"] = key_attribute_json(*schema.range);
    return out;
}

KeySchema key_schema_from(const json::value& value) {
    KeySchema schema;
    schema.hash = key_attribute_from(value.at("hash"));
    if (const auto* range = value.as_object().if_contains("range"))
        schema.range = key_attribute_from(*range);
    return schema;
}

json::array indexes_json(const std::vector<IndexMeta>& indexes) {
    json::array out;
    for (const auto& index : indexes) {
        json::array non_key;
        for (const auto& name : index.projection.non_key_attributes) non_key.emplace_back(name);
        out.push_back(json::object{{"name", index.name},
                                   {"key", key_schema_json(index.key)},
                                   {"projection", index.projection.type},
                                   {"nonKey", std::move(non_key)},
                                   {"read", index.throughput.read},
                                   {"write", index.throughput.write},
                                   {"addedLater", index.added_later},
                                   {"creating", index.creating}});
    }
    return out;
}

std::vector<IndexMeta> indexes_from(const json::value& value) {
    std::vector<IndexMeta> out;
    for (const auto& entry : value.as_array()) {
        IndexMeta index;
        index.name = json::value_to<std::string>(entry.at("name"));
        index.key = key_schema_from(entry.at("key"));
        index.projection.type = json::value_to<std::string>(entry.at("projection"));
        index.projection.non_key_attributes =
            json::value_to<std::vector<std::string>>(entry.at("nonKey"));
        index.throughput.read = entry.at("read").to_number<std::int64_t>();
        index.throughput.write = entry.at("write").to_number<std::int64_t>();
        if (const auto* later = entry.as_object().if_contains("addedLater"))
            index.added_later = later->as_bool();
        if (const auto* creating = entry.as_object().if_contains("creating"))
            index.creating = creating->as_bool();
        out.push_back(std::move(index));
    }
    return out;
}

}  // namespace

std::string TableMeta::arn() const {
    return "arn:aws:dynamodb:" + region + ":" + account_id + ":table/" + name;
}

std::vector<std::string> TableMeta::key_names() const {
    std::vector<std::string> names{key.hash.name};
    if (key.range) names.push_back(key.range->name);
    return names;
}

std::string to_json(const TableMeta& meta) {
    json::array definitions;
    for (const auto& d : meta.attribute_definitions)
        definitions.push_back(json::object{{"name", d.name}, {"type", d.type}});
    json::object out{{"account", meta.account_id},
                     {"region", meta.region},
                     {"name", meta.name},
                     {"id", meta.id},
                     {"created", meta.creation_time},
                     {"key", key_schema_json(meta.key)},
                     {"definitions", std::move(definitions)},
                     {"onDemand", meta.on_demand},
                     {"billingTime", meta.billing_mode_time},
                     {"read", meta.throughput.read},
                     {"write", meta.throughput.write},
                     {"lsi", indexes_json(meta.local_indexes)},
                     {"gsi", indexes_json(meta.global_indexes)},
                     {"streamEnabled", meta.stream.enabled},
                     {"streamViewType", meta.stream.view_type},
                     {"streamLabel", meta.stream.label},
                     {"deletionProtection", meta.deletion_protection},
                     {"tableClass", meta.table_class},
                     {"sse", meta.sse_description},
                     {"tags", meta.tags}};
    return json::serialize(out);
}

TableMeta table_meta_from_json(std::string_view text) {
    try {
        auto value = json::parse(text);
        const auto& o = value.as_object();
        TableMeta meta;
        meta.account_id = json::value_to<std::string>(o.at("account"));
        meta.region = json::value_to<std::string>(o.at("region"));
        meta.name = json::value_to<std::string>(o.at("name"));
        meta.id = json::value_to<std::string>(o.at("id"));
        meta.creation_time = o.at("created").to_number<double>();
        meta.key = key_schema_from(o.at("key"));
        for (const auto& d : o.at("definitions").as_array())
            meta.attribute_definitions.push_back({json::value_to<std::string>(d.at("name")),
                                                  json::value_to<std::string>(d.at("type"))});
        meta.on_demand = o.at("onDemand").as_bool();
        meta.billing_mode_time = o.at("billingTime").to_number<double>();
        meta.throughput.read = o.at("read").to_number<std::int64_t>();
        meta.throughput.write = o.at("write").to_number<std::int64_t>();
        meta.local_indexes = indexes_from(o.at("lsi"));
        meta.global_indexes = indexes_from(o.at("gsi"));
        meta.stream.enabled = o.at("streamEnabled").as_bool();
        meta.stream.view_type = json::value_to<std::string>(o.at("streamViewType"));
        meta.stream.label = json::value_to<std::string>(o.at("streamLabel"));
        meta.deletion_protection = o.at("deletionProtection").as_bool();
        meta.table_class = json::value_to<std::string>(o.at("tableClass"));
        meta.sse_description = o.at("sse").as_object();
        meta.tags = o.at("tags").as_object();
        return meta;
    } catch (const sdk::AwsError&) {
        throw;
    } catch (const std::exception& e) {
        throw sdk::AwsError::internal(std::string("unreadable table metadata: ") + e.what());
    }
}

}  // namespace floci::dynamodb
