#include "api/index_write_units.hpp"

#include <algorithm>

#include "api/item_common.hpp"

namespace floci::dynamodb::api {
namespace {

double entry_units(const IndexEntry& entry) {
    return write_units(static_cast<std::size_t>(entry.size - kIndexItemOverhead));
}

}  // namespace

std::optional<double> index_write_units(const IndexChange& change) {
    const auto& before = change.before;
    const auto& after = change.after;
    if (!before && !after) return std::nullopt;
    if (!before) return entry_units(*after);
    if (!after) return entry_units(*before);
    if (before->key != after->key) return entry_units(*before) + entry_units(*after);
    if (before->value == after->value) return std::nullopt;
    return std::max(entry_units(*before), entry_units(*after));
}

std::vector<IndexUnits> index_write_units(const TableMeta& meta, std::string_view key,
                                          const std::optional<std::string>& old,
                                          const ItemWrite& write) {
    std::vector<IndexUnits> out;
    if (meta.local_indexes.empty() && meta.global_indexes.empty()) return out;
    if (write.kind == ItemWrite::Kind::kNone || (write.kind == ItemWrite::Kind::kErase && !old))
        return out;
    std::optional<Item> before, after;
    if (old) before = parse_stored_item(*old);
    if (write.kind == ItemWrite::Kind::kPut) after = parse_stored_item(write.value);
    for (const auto& change : index_changes(meta, key, before, after))
        if (auto units = index_write_units(change))
            out.push_back({change.index->name, change.global, *units});
    return out;
}

}  // namespace floci::dynamodb::api
