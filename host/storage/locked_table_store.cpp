#include "storage/locked_table_store.hpp"

#include <mutex>

namespace floci::host::storage {

bool LockedTableStore::has_space(std::string_view space) const {
    std::shared_lock lock(mutex_);
    return table_.has_space(space);
}

std::vector<std::string> LockedTableStore::spaces(std::string_view prefix) const {
    std::shared_lock lock(mutex_);
    return table_.spaces(prefix);
}

bool LockedTableStore::get(std::string_view space, std::string_view key,
                           sdk::FunctionRef<void(std::string_view)> on_value) const {
    std::shared_lock lock(mutex_);
    return table_.get(space, key, on_value);
}

sdk::Status LockedTableStore::scan(
    std::string_view space, const sdk::ScanOptions& options,
    sdk::FunctionRef<bool(std::string_view, std::string_view)> visit) const {
    std::shared_lock lock(mutex_);
    return table_.scan(space, options, visit);
}

std::optional<sdk::SpaceStats> LockedTableStore::stats(std::string_view space) const {
    std::shared_lock lock(mutex_);
    return table_.stats(space);
}

std::shared_ptr<const sdk::ReadView> LockedTableStore::snapshot(
    const std::vector<std::string>& spaces) const {
    std::shared_lock lock(mutex_);
    return std::make_shared<SnapshotView>(table_.copy_of(spaces));
}

}  // namespace floci::host::storage
