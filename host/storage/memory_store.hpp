#pragma once
// The `memory` durability mode: a batch is acknowledged once it is applied in memory; a
// restart starts empty.
#include "storage/locked_table_store.hpp"

namespace floci::host::storage {

class MemoryStore final : public LockedTableStore {
  public:
    void commit(sdk::WriteBatch&& batch, sdk::CommitCallback on_durable) override;
    sdk::StorageMode mode() const noexcept override { return sdk::StorageMode::memory; }
};

}  // namespace floci::host::storage
