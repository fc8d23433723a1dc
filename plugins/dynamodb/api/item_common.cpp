#include "api/item_common.hpp"

#include <boost/json/parse.hpp>
#include <cmath>
#include <floci/sdk/aws_error.hpp>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/key_check.hpp"
#include "model/key_encoding.hpp"
#include "model/stored_item_size.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

[[noreturn]] void key_mismatch() {
    throw AwsError::validation("The provided key element does not match the schema");
}

const AttributeValue& key_value(const Item& key, const KeyAttribute& attribute) {
    auto it = key.find(attribute.name);
    if (it == key.end() || it->second.type() != attribute.type) key_mismatch();
    return it->second;
}

const AttributeValue& item_key_value(const Item& item, const KeyAttribute& attribute) {
    auto it = item.find(attribute.name);
    if (it == item.end())
        throw AwsError::validation(std::string(kInvalid) + "Missing the key " + attribute.name +
                                   " in the item");
    if (it->second.type() != attribute.type)
        throw AwsError::validation(std::string(kInvalid) + "Type mismatch for key " +
                                   attribute.name +
                                   " expected: " + std::string(type_name(attribute.type)) +
                                   " actual: " + std::string(type_name(it->second.type())));
    return it->second;
}

void check_index_attribute(const Item& item, const KeyAttribute& attribute,
                           const std::string& index) {
    auto it = item.find(attribute.name);
    if (it == item.end()) return;
    if (it->second.type() != attribute.type)
        throw AwsError::validation(
            std::string(kInvalid) + "Type mismatch for Index Key " + attribute.name +
            " Expected: " + std::string(type_name(attribute.type)) +
            " Actual: " + std::string(type_name(it->second.type())) + " IndexName: " + index);
    const auto* s = it->second.get_if<std::string>();
    const auto* b = it->second.get_if<Binary>();
    if ((s && s->empty()) || (b && b->bytes.empty()))
        throw AwsError::validation(
            "One or more parameter values are not valid. A value specified for a secondary "
            "index key is not supported. The AttributeValue for a key attribute cannot contain "
            "an empty " +
            std::string(s ? "string" : "binary") + " value. IndexName: " + index +
            ", IndexKey: " + attribute.name);
}

}  // namespace

void check_index_keys(const TableMeta& meta, const Item& item) {
    for (const auto* list : {&meta.global_indexes, &meta.local_indexes})
        for (const auto& index : *list) {
            check_index_attribute(item, index.key.hash, index.name);
            if (index.key.range) check_index_attribute(item, *index.key.range, index.name);
        }
}

std::string bind_key(const KeySchema& schema, const Item& key) {
    if (key.size() != (schema.range ? 2u : 1u)) key_mismatch();
    const auto& hash = key_value(key, schema.hash);
    if (!schema.range) {
        check_key_value(schema.hash.name, hash, true);
        return encode_table_key(hash);
    }
    const auto& range = key_value(key, *schema.range);
    check_key_value(schema.hash.name, hash, true);
    check_key_value(schema.range->name, range, false);
    return encode_table_key(hash, range);
}

std::string bind_item(const TableMeta& meta, const Item& item) {
    const auto& hash = item_key_value(item, meta.key.hash);
    check_key_value(meta.key.hash.name, hash, true);
    std::string encoded;
    if (meta.key.range) {
        const auto& range = item_key_value(item, *meta.key.range);
        check_key_value(meta.key.range->name, range, false);
        encoded = encode_table_key(hash, range);
    } else {
        encoded = encode_table_key(hash);
    }
    check_index_keys(meta, item);
    return encoded;
}

Item read_item_member(const Fields& fields, std::string_view name,
                      std::optional<AwsError>& deferred) {
    const auto* value = fields.map(name);
    if (!value) return {};
    try {
        return parse_item(fields.object().at(name));
    } catch (const AwsError& e) {
        if (e.type() != "ValidationException") throw;
        if (!deferred) deferred.emplace(e);
        return {};
    }
}

Item parse_stored_item(std::string_view text) { return parse_item_text(text); }

void read_table_member(const Fields& fields, Constraints& c, CommonRequest& out) {
    auto name = fields.string("TableName");
    c.not_null(fields.raw("TableName"), "tableName");
    c.name(name, "tableName");
    out.table_name = std::string(name.value_or(""));
}

void read_capacity_member(const Fields& fields, Constraints& c, CommonRequest& out) {
    auto mode = fields.string("ReturnConsumedCapacity");
    c.one_of(mode, "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
    if (mode && *mode != "NONE") out.consumed_capacity = std::string(*mode);
}

double write_units(std::size_t size) {
    return std::max(1.0, std::ceil(static_cast<double>(size) / 1024.0));
}

double read_units(std::size_t size, bool consistent) {
    double units = std::max(1.0, std::ceil(static_cast<double>(size) / 4096.0));
    return consistent ? units : units / 2;
}

void append_consumed_capacity(std::string& out, std::string_view mode,
                              const ConsumedCapacity& capacity) {
    if (mode.empty()) return;
    out += ",\"ConsumedCapacity\":" + capacity.json(mode);
}

void append_consumed_capacity(std::string& out, std::string_view mode, std::string_view table,
                              double units) {
    if (mode.empty()) return;  // most requests: no object to build
    ConsumedCapacity capacity(table);
    capacity.add_table(units);
    append_consumed_capacity(out, mode, capacity);
}

}  // namespace floci::dynamodb::api
