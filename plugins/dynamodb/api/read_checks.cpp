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

const IndexMeta* check_index(const TableMeta& meta, const ReadRequest& r, ReadKind kind) {
    if (!r.index_name) return nullptr;
    const IndexMeta* local = find_index(meta.local_indexes, *r.index_name);
    const IndexMeta* global = find_index(meta.global_indexes, *r.index_name);
    if (!local && !global) {
        if (kind == ReadKind::kScan && r.start_key)
            throw AwsError::validation(std::string(kInvalidStart));
        throw AwsError::validation("The table does not have the specified index: " + *r.index_name);
    }
    if (global && global->creating)
        throw AwsError::validation("Cannot read from backfilling global secondary index: " +
                                   *r.index_name);
    if (global && r.consistent)
        throw AwsError::validation(
            "Consistent reads are not supported on global secondary indexes");
    if (global && r.select == "ALL_ATTRIBUTES" && global->projection.type != "ALL")
        throw AwsError::validation(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
            "supported for global secondary index " +
            *r.index_name + " because its projection type is not ALL");
    return local ? local : global;
}

bool is_global(const TableMeta& meta, const IndexMeta& index) {
    return !meta.global_indexes.empty() && &index >= &meta.global_indexes.front() &&
           &index <= &meta.global_indexes.back();
}

std::string bind_index_start_key(const KeySchema& table, const KeySchema& index, const Item& start,
                                 ReadKind kind) {
    std::vector<const KeyAttribute*> parts{&index.hash};
    if (index.range) parts.push_back(&*index.range);
    parts.push_back(&table.hash);
    if (table.range) parts.push_back(&*table.range);
    std::vector<std::string> names;
    for (const auto* p : parts)
        if (std::find(names.begin(), names.end(), p->name) == names.end()) names.push_back(p->name);
    if (start.size() != names.size()) bad_start(kind, false);
    std::string encoded;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& value = start_value(start, *parts[i], kind);
        try {
            // Only the partition keys (index and table) carry the hash-key rules.
            const bool hash = parts[i] == &index.hash || parts[i] == &table.hash;
            check_key_value(parts[i]->name, value, hash);
        } catch (const AwsError& e) {
            throw AwsError::validation(std::string(kInvalidStart) + ": " + e.message());
        }
        append_key_value(encoded, value);
    }
    return encoded;
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

void check_read_paths(const TableMeta& meta, const ReadRequest& r, ReadKind kind,
                      const IndexMeta* index) {
    // A Query's filter may not name the key attributes of what it reads (the index's, on an
    // index); no read may look inside any key attribute.
    if (!r.projection && !r.filter) return;
    auto keys = meta.key_names();
    std::vector<std::string> query_keys = keys;
    if (index) {
        query_keys = {index->key.hash.name};
        if (index->key.range) query_keys.push_back(index->key.range->name);
        for (const auto& k : query_keys)
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
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
            expr::check_filter_avoids_keys(*r.filter, query_keys);
        } else {
            for (const auto& key : query_keys)
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
