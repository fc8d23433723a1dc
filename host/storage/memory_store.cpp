#include "storage/memory_store.hpp"

#include <mutex>

namespace floci::host::storage {

bool MemoryStore::has_space(std::string_view space) const {
    std::shared_lock lock(mutex_);
    return table_.has_space(space);
}

std::vector<std::string> MemoryStore::spaces(std::string_view prefix) const {
    std::shared_lock lock(mutex_);
    return table_.spaces(prefix);
}

bool MemoryStore::get(std::string_view space, std::string_view key,
                      sdk::FunctionRef<void(std::string_view)> on_value) const {
    std::shared_lock lock(mutex_);
    return table_.get(space, key, on_value);
}

sdk::Status MemoryStore::scan(
    std::string_view space, const sdk::ScanOptions& options,
    sdk::FunctionRef<bool(std::string_view, std::string_view)> visit) const {
    std::shared_lock lock(mutex_);
    return table_.scan(space, options, visit);
}

std::optional<sdk::SpaceStats> MemoryStore::stats(std::string_view space) const {
    std::shared_lock lock(mutex_);
    return table_.stats(space);
}

void MemoryStore::commit(sdk::WriteBatch&& batch, sdk::CommitCallback on_durable) {
    sdk::Status status;
    {
        std::unique_lock lock(mutex_);
        status = table_.validate(batch);
        if (status) table_.apply(std::move(batch));
    }
    // Outside the lock: the callback may read the store or send a response.
    if (on_durable) on_durable(std::move(status));
}

std::shared_ptr<const sdk::ReadView> MemoryStore::snapshot(
    const std::vector<std::string>& spaces) const {
    std::shared_lock lock(mutex_);
    return std::make_shared<SnapshotView>(table_.copy_of(spaces));
}

}  // namespace floci::host::storage
