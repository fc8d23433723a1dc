#include "api/item_collections.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "api/item_common.hpp"
#include "api/key_range.hpp"
#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"
#include "model/stored_item_size.hpp"
#include "storage/index_maintainer.hpp"

namespace floci::dynamodb::api {
namespace {

constexpr double kBytesPerGB = 1024.0 * 1024.0 * 1024.0;

// The bytes of the entries of `space` whose keys start with `partition`: a table's items of one
// partition, or an LSI's entries of it (LSI keys start with the same partition key value).
std::int64_t partition_bytes(const sdk::ReadView& kv, std::string_view space,
                             std::string_view partition, std::int64_t per_entry_overhead) {
    const std::string end = prefix_successor(partition);
    sdk::ScanOptions options;
    options.lower = sdk::Bound{partition, true};
    if (!end.empty()) options.upper = sdk::Bound{end, false};
    std::int64_t bytes = 0;
    auto status = kv.scan(space, options, [&](std::string_view, std::string_view value) {
        bytes += static_cast<std::int64_t>(stored_item_bytes(value)) + per_entry_overhead;
        return true;
    });
    if (!status) throw status.error();
    return bytes;
}

// What an item adds to its collection in the LSIs: its entry in each one that indexes it.
std::int64_t index_bytes(const TableMeta& meta, const std::optional<Item>& item,
                         std::string_view key) {
    if (!item) return 0;
    std::int64_t bytes = 0;
    for (const auto& index : meta.local_indexes)
        if (auto entry = index_entry(meta, index, *item, key)) bytes += entry->size;
    return bytes;
}

std::string gb_text(double gb) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", gb);
    return text;
}

}  // namespace

bool wants_collection_sizes(const Fields& fields) {
    return fields.string("ReturnItemCollectionMetrics") == "SIZE";
}

ItemCollections::Collection& ItemCollections::collection(const TableMeta& meta,
                                                         std::string_view key) {
    std::string_view rest = key;
    AttributeValue value = decode_key_value(rest);
    const auto partition = key.substr(0, key.size() - rest.size());
    for (auto& c : collections_)
        if (c.partition == partition && c.items_space == meta.items_space()) return c;
    Collection c;
    c.table = meta.name;
    c.items_space = meta.items_space();
    for (const auto& index : meta.local_indexes)
        c.index_spaces.push_back(index_space(meta, index.name));
    c.partition = std::string(partition);
    c.key_name = meta.key.hash.name;
    c.key_value = std::move(value);
    return collections_.emplace_back(std::move(c));
}

void ItemCollections::add(const TableMeta& meta, std::string_view key,
                          const std::optional<std::string>& old, const ItemWrite& write) {
    if (meta.local_indexes.empty()) return;
    const bool erases_item = write.kind == ItemWrite::Kind::kErase && old;
    if (write.kind != ItemWrite::Kind::kPut && !erases_item) return;
    std::optional<Item> before, after;
    if (old) before = parse_stored_item(*old);
    if (write.kind == ItemWrite::Kind::kPut) after = parse_stored_item(write.value);
    auto& c = collection(meta, key);
    c.pending += write.new_size - write.old_size + index_bytes(meta, after, key) -
                 index_bytes(meta, before, key);
    c.dirty = true;
}

void ItemCollections::measure(const sdk::ReadView& kv) {
    for (auto& c : collections_) {
        if (!c.dirty) continue;
        std::int64_t bytes = partition_bytes(kv, c.items_space, c.partition, 0);
        for (const auto& space : c.index_spaces)
            bytes += partition_bytes(kv, space, c.partition, kIndexItemOverhead);
        c.bytes = bytes + c.pending;
        c.pending = 0;
        c.dirty = false;
    }
}

std::array<double, 2> size_estimate_range_gb(std::int64_t bytes) {
    const double low =
        std::floor(static_cast<double>(std::max<std::int64_t>(bytes, 0)) / kBytesPerGB);
    return {low, low + 1};
}

void ItemCollections::append_entry(std::string& out, const Collection& c) {
    const auto [low, high] = size_estimate_range_gb(c.bytes);
    out += "{\"ItemCollectionKey\":{";
    write_json_string(out, c.key_name);
    out += ':';
    write_attribute_value(out, c.key_value);
    out += "},\"SizeEstimateRangeGB\":[" + gb_text(low) + "," + gb_text(high) + "]}";
}

std::string ItemCollections::single_member() const {
    if (collections_.empty()) return {};
    std::string out = "\"ItemCollectionMetrics\":";
    append_entry(out, collections_.front());
    return out;
}

std::string ItemCollections::per_table_member() const {
    if (collections_.empty()) return {};
    std::vector<std::string_view> tables;
    for (const auto& c : collections_)
        if (std::find(tables.begin(), tables.end(), c.table) == tables.end())
            tables.push_back(c.table);
    std::string out = "\"ItemCollectionMetrics\":{";
    for (std::size_t t = 0; t < tables.size(); ++t) {
        if (t) out += ',';
        write_json_string(out, tables[t]);
        out += ":[";
        bool first = true;
        for (const auto& c : collections_) {
            if (c.table != tables[t]) continue;
            if (!first) out += ',';
            append_entry(out, c);
            first = false;
        }
        out += ']';
    }
    return out + "}";
}

}  // namespace floci::dynamodb::api
