#include "api/schema_request.hpp"

#include <algorithm>
#include <floci/sdk/aws_error.hpp>
#include <set>

namespace floci::dynamodb::api {
namespace {

namespace json = boost::json;
using sdk::AwsError;

// ProvisionedThroughput's upper bound (dynalite validations/createTable.js).
constexpr std::int64_t kMaxCapacityUnits = 1000000000000;
// Service quotas: "Secondary indexes per table": 5 local, 20 global.
constexpr std::size_t kMaxLocalIndexes = 5;
constexpr std::size_t kMaxGlobalIndexes = 20;

const json::object kEmptyObject;

[[noreturn]] void invalid(const std::string& message) {
    throw AwsError::validation(std::string(kInvalidParameters) + message);
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::vector<std::string> definition_names(const std::vector<AttributeDefinition>& definitions) {
    std::vector<std::string> out;
    for (const auto& d : definitions) out.push_back(d.name);
    return out;
}

KeySchema to_key_schema(const std::vector<KeyElement>& key,
                        const std::vector<AttributeDefinition>& definitions) {
    auto type_of = [&](const std::string& name) {
        AttributeType type = AttributeType::S;
        for (const auto& d : definitions)
            if (d.name == name) parse_type_name(d.type, type);
        return type;
    };
    KeySchema schema;
    schema.hash = {key[0].name, type_of(key[0].name)};
    if (key.size() > 1) schema.range = KeyAttribute{key[1].name, type_of(key[1].name)};
    return schema;
}

// The checks a table's and an index's key schema share, in AWS's order.
void check_index_key(const std::vector<KeyElement>& key,
                     const std::vector<AttributeDefinition>& definitions) {
    auto defined = definition_names(definitions);
    std::vector<std::string> names;
    for (const auto& k : key) names.push_back(k.name);
    for (const auto& n : names)
        if (std::find(defined.begin(), defined.end(), n) == defined.end())
            invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                    join(names) + "], AttributeDefinitions: [" + join(defined) + "]");
    if (key.size() > 1 && key[0].name == key[1].name)
        throw AwsError::validation(
            "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    if (key[0].key_type != "HASH")
        throw AwsError::validation(
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    if (key.size() > 1 && key[1].key_type != "RANGE")
        throw AwsError::validation(
            "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
}

Projection check_projection(const IndexRequest& index) {
    if (!index.projection_type) invalid("Unknown ProjectionType: null");
    if (index.non_key_given && *index.projection_type != "INCLUDE")
        invalid("ProjectionType is " + *index.projection_type +
                ", but NonKeyAttributes is specified");
    return {*index.projection_type, index.non_key_attributes};
}

void check_unique_name(std::set<std::string>& names, const std::string& name) {
    if (!names.insert(name).second) invalid("Duplicate index name: " + name);
}

}  // namespace

IndexRequest read_index(const json::value& value, const std::string& path, Constraints& c,
                        bool global) {
    const auto* object = as_structure(value);
    Fields f(object ? *object : kEmptyObject);
    IndexRequest index;
    auto name = f.string("IndexName");
    c.not_null(f.raw("IndexName"), path + ".indexName");
    c.name(name, path + ".indexName");
    index.name = std::string(name.value_or(""));
    if (auto key = read_key_elements(f, "KeySchema", path + ".keySchema", c, false))
        index.key = std::move(*key);
    c.not_null(f.raw("Projection"), path + ".projection");
    Fields projection = f.nested("Projection");
    auto type = projection.string("ProjectionType");
    c.one_of(type, path + ".projection.projectionType", {"ALL", "INCLUDE", "KEYS_ONLY"});
    if (type) index.projection_type = std::string(*type);
    if (const auto* non_key = projection.list("NonKeyAttributes")) {
        index.non_key_given = true;
        c.min_length(projection.raw("NonKeyAttributes"), non_key->size(),
                     path + ".projection.nonKeyAttributes", 1);
        for (const auto& attribute : *non_key)
            if (auto text = as_string(attribute)) index.non_key_attributes.emplace_back(*text);
    }
    if (global)
        index.throughput =
            read_throughput(f, "ProvisionedThroughput", path + ".provisionedThroughput", c);
    return index;
}

ThroughputRequest read_throughput(const Fields& fields, std::string_view name,
                                  const std::string& path, Constraints& c) {
    ThroughputRequest out;
    const auto* object = fields.structure(name);
    if (!object) return out;
    out.given = true;
    Fields t(*object);
    out.write = t.long_integer("WriteCapacityUnits");
    out.read = t.long_integer("ReadCapacityUnits");
    c.not_null(t.raw("WriteCapacityUnits"), path + ".writeCapacityUnits");
    c.min_value(out.write, path + ".writeCapacityUnits", 1);
    c.not_null(t.raw("ReadCapacityUnits"), path + ".readCapacityUnits");
    c.min_value(out.read, path + ".readCapacityUnits", 1);
    return out;
}

void check_throughput_bounds(const ThroughputRequest& t) {
    if (t.read && *t.read > kMaxCapacityUnits)
        throw AwsError::validation("Given value " + std::to_string(*t.read) +
                                   " for ReadCapacityUnits is out of bounds");
    if (t.write && *t.write > kMaxCapacityUnits)
        throw AwsError::validation("Given value " + std::to_string(*t.write) +
                                   " for WriteCapacityUnits is out of bounds");
}

std::optional<std::vector<KeyElement>> read_key_elements(const Fields& fields,
                                                         std::string_view name,
                                                         const std::string& path, Constraints& c,
                                                         bool check_key_type) {
    const auto* list = fields.list(name);
    c.not_null(fields.raw(name), path);
    if (!list) return std::nullopt;
    c.min_length(fields.raw(name), list->size(), path, 1);
    c.max_length(fields.raw(name), list->size(), path, 2);
    std::vector<KeyElement> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto* member = as_structure((*list)[i]);
        Fields k(member ? *member : kEmptyObject);
        std::string member_path = path + "." + std::to_string(i + 1) + ".member";
        auto attribute = k.string("AttributeName");
        auto key_type = k.string("KeyType");
        c.not_null(k.raw("AttributeName"), member_path + ".attributeName");
        c.not_null(k.raw("KeyType"), member_path + ".keyType");
        if (check_key_type) c.one_of(key_type, member_path + ".keyType", {"HASH", "RANGE"});
        out.push_back({std::string(attribute.value_or("")), std::string(key_type.value_or(""))});
    }
    return out;
}

std::optional<std::vector<IndexRequest>> read_index_list(const Fields& fields,
                                                         std::string_view name,
                                                         const std::string& path, Constraints& c,
                                                         bool global) {
    const auto* list = fields.list(name);
    if (!list) return std::nullopt;
    std::vector<IndexRequest> out;
    for (std::size_t i = 0; i < list->size(); ++i)
        out.push_back(
            read_index((*list)[i], path + "." + std::to_string(i + 1) + ".member", c, global));
    return out;
}

StreamSettings read_stream_specification(const Fields& fields, std::string_view name,
                                         Constraints& c) {
    StreamSettings out;
    if (!fields.structure(name)) return out;
    Fields s = fields.nested(name);
    auto enabled = s.boolean("StreamEnabled");
    auto view = s.string("StreamViewType");
    c.not_null(s.raw("StreamEnabled"), "streamSpecification.streamEnabled");
    c.one_of(view, "streamSpecification.streamViewType",
             {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"});
    out.enabled = enabled.value_or(false);
    out.view_type = std::string(view.value_or(""));
    return out;
}

KeySchema check_key_schema(const std::vector<KeyElement>& key,
                           const std::vector<AttributeDefinition>& definitions) {
    if (key.size() > definitions.size())
        throw AwsError::validation(
            "Invalid KeySchema: Some index key attribute have no definition");
    check_index_key(key, definitions);
    return to_key_schema(key, definitions);
}

std::vector<IndexMeta> check_local_indexes(const std::optional<std::vector<IndexRequest>>& lsis,
                                           const TableMeta& table) {
    std::vector<IndexMeta> out;
    if (!lsis) return out;
    if (lsis->empty()) invalid("List of LocalSecondaryIndexes is empty");
    if (!table.key.range)
        invalid(
            "Table KeySchema does not have a range key, which is required when specifying "
            "a LocalSecondaryIndex");
    std::set<std::string> names;
    for (const auto& index : *lsis) {
        check_index_key(index.key, table.attribute_definitions);
        if (index.key.size() != 2)
            invalid("Index KeySchema does not have a range key for index: " + index.name);
        if (index.key[0].name != table.key.hash.name)
            invalid(
                "Index KeySchema does not have the same leading hash key as table KeySchema "
                "for index: " +
                index.name + ". index hash key: " + index.key[0].name +
                ", table hash key: " + table.key.hash.name);
        auto projection = check_projection(index);
        check_unique_name(names, index.name);
        out.push_back({index.name,
                       to_key_schema(index.key, table.attribute_definitions),
                       std::move(projection),
                       {}});
    }
    if (lsis->size() > kMaxLocalIndexes)
        invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    return out;
}

std::vector<IndexMeta> check_global_indexes(const std::optional<std::vector<IndexRequest>>& gsis,
                                            const TableMeta& table, bool on_demand) {
    std::vector<IndexMeta> out;
    if (!gsis) return out;
    if (gsis->empty()) invalid("List of GlobalSecondaryIndexes is empty");
    std::set<std::string> names;
    for (const auto& index : table.local_indexes) names.insert(index.name);
    for (const auto& index : *gsis) {
        check_index_key(index.key, table.attribute_definitions);
        auto projection = check_projection(index);
        if (on_demand && index.throughput.given)
            invalid("ProvisionedThroughput should not be specified for index: " + index.name +
                    " when BillingMode is PAY_PER_REQUEST");
        if (!on_demand && !index.throughput.given)
            invalid("ProvisionedThroughput must be specified for index: " + index.name);
        check_throughput_bounds(index.throughput);
        check_unique_name(names, index.name);
        Throughput throughput;
        if (!on_demand) throughput = {*index.throughput.read, *index.throughput.write};
        out.push_back({index.name, to_key_schema(index.key, table.attribute_definitions),
                       std::move(projection), throughput});
    }
    if (gsis->size() > kMaxGlobalIndexes)
        invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    return out;
}

void check_unused_definitions(const TableMeta& table) {
    std::vector<std::string> used;
    auto use = [&](const KeySchema& key) {
        for (const auto* k : {&key.hash, key.range ? &*key.range : nullptr})
            if (k && std::find(used.begin(), used.end(), k->name) == used.end())
                used.push_back(k->name);
    };
    use(table.key);
    for (const auto& index : table.local_indexes) use(index.key);
    for (const auto& index : table.global_indexes) use(index.key);
    for (const auto& d : table.attribute_definitions)
        if (std::find(used.begin(), used.end(), d.name) == used.end())
            invalid("Some AttributeDefinitions are not used. AttributeDefinitions: [" +
                    join(definition_names(table.attribute_definitions)) + "], keys used: [" +
                    join(used) + "]");
}

}  // namespace floci::dynamodb::api

namespace floci::dynamodb::api {

std::vector<AttributeDefinition> read_definitions(const boost::json::array& list, Constraints& c) {
    static const boost::json::object kEmpty;
    std::vector<AttributeDefinition> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto* member = as_structure(list[i]);
        std::string path = "attributeDefinitions." + std::to_string(i + 1) + ".member";
        Fields d(member ? *member : kEmpty);
        auto name = d.string("AttributeName");
        auto type = d.string("AttributeType");
        c.not_null(d.raw("AttributeName"), path + ".attributeName");
        c.not_null(d.raw("AttributeType"), path + ".attributeType");
        c.one_of(type, path + ".attributeType", {"B", "N", "S"});
        out.push_back({std::string(name.value_or("")), std::string(type.value_or(""))});
    }
    return out;
}

}  // namespace floci::dynamodb::api
