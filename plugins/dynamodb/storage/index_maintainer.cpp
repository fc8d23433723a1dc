#include "storage/index_maintainer.hpp"

#include <algorithm>

#include "model/item_size.hpp"
#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"

namespace floci::dynamodb {
namespace {

// The value of an index key attribute, or null when the item cannot be indexed by it.
const AttributeValue* key_value(const Item& item, const KeyAttribute& attribute) {
    auto it = item.find(attribute.name);
    if (it == item.end() || it->second.type() != attribute.type) return nullptr;
    const auto* s = it->second.get_if<std::string>();
    const auto* b = it->second.get_if<Binary>();
    if ((s && s->empty()) || (b && b->bytes.empty())) return nullptr;
    return &it->second;
}

Item projected(const TableMeta& meta, const IndexMeta& index, const Item& item) {
    if (index.projection.type == "ALL") return item;
    Item out;
    for (const auto& attribute : item)
        if (index_projects(meta, index, attribute.first)) out.insert(attribute);
    return out;
}

}  // namespace

bool index_projects(const TableMeta& meta, const IndexMeta& index, std::string_view attribute) {
    if (index.projection.type == "ALL") return true;
    if (attribute == meta.key.hash.name || (meta.key.range && attribute == meta.key.range->name))
        return true;
    if (attribute == index.key.hash.name || (index.key.range && attribute == index.key.range->name))
        return true;
    if (index.projection.type != "INCLUDE") return false;
    const auto& names = index.projection.non_key_attributes;
    return std::find(names.begin(), names.end(), attribute) != names.end();
}

std::string index_space(const TableMeta& meta, std::string_view index_name) {
    std::string out = "index." + meta.id + ".";
    out.append(index_name);
    return out;
}

std::vector<const IndexMeta*> all_indexes(const TableMeta& meta) {
    std::vector<const IndexMeta*> out;
    for (const auto& index : meta.local_indexes) out.push_back(&index);
    for (const auto& index : meta.global_indexes) out.push_back(&index);
    return out;
}

std::optional<IndexEntry> index_entry(const TableMeta& meta, const IndexMeta& index,
                                      const Item& item, std::string_view table_key) {
    const AttributeValue* hash = key_value(item, index.key.hash);
    if (!hash) return std::nullopt;
    IndexEntry entry;
    append_key_value(entry.key, *hash);
    if (index.key.range) {
        const AttributeValue* range = key_value(item, *index.key.range);
        if (!range) return std::nullopt;
        append_key_value(entry.key, *range);
    }
    entry.key.append(table_key);
    Item value = projected(meta, index, item);
    entry.size = static_cast<std::int64_t>(item_size(value)) + kIndexItemOverhead;
    write_item(entry.value, value);
    return entry;
}

std::vector<IndexChange> index_changes(const TableMeta& meta, std::string_view table_key,
                                       const std::optional<Item>& old_item,
                                       const std::optional<Item>& new_item) {
    std::vector<IndexChange> changes;
    for (const auto* list : {&meta.local_indexes, &meta.global_indexes})
        for (const auto& index : *list) {
            IndexChange change;
            change.index = &index;
            change.global = list == &meta.global_indexes;
            if (old_item) change.before = index_entry(meta, index, *old_item, table_key);
            if (new_item) change.after = index_entry(meta, index, *new_item, table_key);
            if (change.before || change.after) changes.push_back(std::move(change));
        }
    return changes;
}

std::vector<IndexDelta> maintain_indexes(const sdk::ReadView& stored, const TableMeta& meta,
                                         std::string_view table_key,
                                         const std::optional<Item>& old_item,
                                         const std::optional<Item>& new_item,
                                         sdk::WriteBatch& batch) {
    std::vector<IndexDelta> deltas;
    for (auto& [index, global, before, after] :
         index_changes(meta, table_key, old_item, new_item)) {
        const auto space = index_space(meta, index->name);
        // The build has not reached this item yet: there is no old entry to erase or uncount.
        if (before && index->creating && !stored.get(space, before->key, [](std::string_view) {}))
            before.reset();
        if (!before && !after) continue;
        IndexDelta delta{index->name};
        if (before) {
            // An unchanged index key is overwritten in place by the put below.
            if (!after || before->key != after->key) batch.erase(space, before->key);
            delta.items -= 1;
            delta.bytes -= before->size;
        }
        if (after) {
            batch.put(space, after->key, std::move(after->value));
            delta.items += 1;
            delta.bytes += after->size;
        }
        deltas.push_back(std::move(delta));
    }
    return deltas;
}

}  // namespace floci::dynamodb
