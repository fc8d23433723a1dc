#include "api/read_checks.hpp"

#include <algorithm>
#include <floci/sdk/aws_error.hpp>

#include "expressions/functions.hpp"
#include "model/key_check.hpp"
#include "model/key_encoding.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

constexpr std::string_view kInvalidStart = "The provided starting key is invalid";
constexpr std::string_view kMismatch = "The provided key element does not match the schema";

const IndexMeta* find_index(const std::vector<IndexMeta>& indexes, const std::string& name) {
    auto it = std::find_if(indexes.begin(), indexes.end(),
                           [&](const IndexMeta& i) { return i.name == name; });
    return it == indexes.end() ? nullptr : &*it;
}

// Scan words a malformed starting key with the schema text appended; Query does not.
[[noreturn]] void bad_start(ReadKind kind, bool wrong_type) {
    if (kind == ReadKind::kScan)
        throw AwsError::validation(std::string(kInvalidStart) + ": " + std::string(kMismatch));
    throw AwsError::validation(std::string(wrong_type ? kMismatch : kInvalidStart));
}

const AttributeValue& start_value(const Item& start, const KeyAttribute& attribute, ReadKind kind) {
    auto it = start.find(attribute.name);
    if (it == start.end()) bad_start(kind, false);
    if (it->second.type() != attribute.type) bad_start(kind, true);
    return it->second;
}

// AWS's rendering of a key value in BETWEEN's message: "AttributeValue: {N:10}".
std::string value_text(const AttributeValue& v) {
    std::string body;
    if (const auto* s = v.get_if<std::string>()) body = *s;
    if (const auto* n = v.get_if<Number>()) body = n->to_string();
    if (const auto* b = v.get_if<Binary>()) body = b->bytes;
    return "AttributeValue: {" + std::string(type_name(v.type())) + ":" + body + "}";
}

}  // namespace

void check_index(const TableMeta& meta, const ReadRequest& r, ReadKind kind) {
    if (!r.index_name) return;
    const IndexMeta* local = find_index(meta.local_indexes, *r.index_name);
    const IndexMeta* global = find_index(meta.global_indexes, *r.index_name);
    if (!local && !global) {
        if (kind == ReadKind::kScan && r.start_key)
            throw AwsError::validation(std::string(kInvalidStart));
        throw AwsError::validation("The table does not have the specified index: " + *r.index_name);
    }
    if (global && r.consistent)
        throw AwsError::validation(
            "Consistent reads are not supported on global secondary indexes");
    if (global && r.select == "ALL_ATTRIBUTES" && global->projection.type != "ALL")
        throw AwsError::validation(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
            "supported for global secondary index " +
            *r.index_name + " because its projection type is not ALL");
    throw AwsError::validation("Reading secondary index " + *r.index_name +
                               " is not supported by this emulator yet");
}

std::string bind_start_key(const KeySchema& schema, const Item& start, ReadKind kind) {
    if (start.size() != (schema.range ? 2u : 1u)) bad_start(kind, false);
    const auto& hash = start_value(start, schema.hash, kind);
    const AttributeValue* range = schema.range ? &start_value(start, *schema.range, kind) : nullptr;
    try {
        check_key_value(schema.hash.name, hash, true);
        if (range) check_key_value(schema.range->name, *range, false);
    } catch (const AwsError& e) {
        throw AwsError::validation(std::string(kInvalidStart) + ": " + e.message());
    }
    return range ? encode_table_key(hash, *range) : encode_table_key(hash);
}

void check_start_in_condition(const KeySchema& schema, const Item& start,
                              const expr::KeyCondition& condition) {
    const bool same_partition = start.at(schema.hash.name) == condition.partition.values[0];
    if (!schema.range || !condition.sort) {
        if (!same_partition)
            throw AwsError::validation(
                "The provided starting key is outside query boundaries based on provided "
                "conditions");
        return;
    }
    if (!condition.sort->matches(start.at(schema.range->name)))
        throw AwsError::validation(
            "The provided starting key does not match the range key predicate");
    if (!same_partition)
        throw AwsError::validation("The query can return at most one row and cannot be restarted");
}

void check_read_paths(const TableMeta& meta, const ReadRequest& r, ReadKind kind) {
    const auto keys = meta.key_names();
    if (r.projection) {
        for (const auto& path : r.projection->paths)
            if (path.elements.size() > 1 &&
                std::find(keys.begin(), keys.end(), path.head()) != keys.end())
                throw AwsError::validation(
                    "Key attributes must be scalars; list random access '[]' and map lookup '.' "
                    "are not allowed: Key: " +
                    path.head());
    }
    if (!r.filter) return;
    if (kind == ReadKind::kQuery) {
        if (!r.legacy_filter) {
            expr::check_filter_avoids_keys(*r.filter, keys);
        } else {
            for (const auto& key : keys)
                expr::for_each_path(*r.filter, [&](const expr::Path& p) {
                    if (p.head() == key)
                        throw AwsError::validation(
                            "QueryFilter can only contain non-primary key attributes: Primary "
                            "key attribute: " +
                            key);
                });
        }
    }
    expr::check_key_paths_scalar(*r.filter, keys);
}

void check_between_order(const expr::KeyCondition& condition) {
    if (!condition.sort || condition.sort->op != expr::KeyOp::kBetween) return;
    const auto& v = condition.sort->values;
    auto o = expr::order(v[0], v[1]);
    if (o && *o > 0)
        throw AwsError::validation(
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be "
            "greater than or equal to lower bound; lower bound operand: " +
            value_text(v[0]) + ", upper bound operand: " + value_text(v[1]));
}

}  // namespace floci::dynamodb::api
