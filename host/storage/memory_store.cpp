#include "storage/memory_store.hpp"

#include <mutex>

namespace floci::host::storage {

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

}  // namespace floci::host::storage
