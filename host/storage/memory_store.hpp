#pragma once
// The `memory` durability mode: a batch is acknowledged once it is applied in memory; a
// restart starts empty. Readers share a lock; a commit takes it exclusively only to apply.
#include <floci/sdk/storage.hpp>
#include <shared_mutex>

#include "storage/space_table.hpp"

namespace floci::host::storage {

class MemoryStore final : public sdk::KvStore {
  public:
    bool has_space(std::string_view space) const override;
    std::vector<std::string> spaces(std::string_view prefix) const override;
    bool get(std::string_view space, std::string_view key,
             sdk::FunctionRef<void(std::string_view)> on_value) const override;
    sdk::Status scan(
        std::string_view space, const sdk::ScanOptions& options,
        sdk::FunctionRef<bool(std::string_view, std::string_view)> visit) const override;
    std::optional<sdk::SpaceStats> stats(std::string_view space) const override;

    void commit(sdk::WriteBatch&& batch, sdk::CommitCallback on_durable) override;
    std::shared_ptr<const sdk::ReadView> snapshot(
        const std::vector<std::string>& spaces) const override;
    sdk::StorageMode mode() const noexcept override { return sdk::StorageMode::memory; }

  private:
    mutable std::shared_mutex mutex_;
    SpaceTable table_;
};

// A read-only view over a private copy of some spaces.
class SnapshotView final : public sdk::ReadView {
  public:
    explicit SnapshotView(SpaceTable table) : table_(std::move(table)) {}
    bool has_space(std::string_view space) const override { return table_.has_space(space); }
    std::vector<std::string> spaces(std::string_view prefix) const override {
        return table_.spaces(prefix);
    }
    bool get(std::string_view space, std::string_view key,
             sdk::FunctionRef<void(std::string_view)> on_value) const override {
        return table_.get(space, key, on_value);
    }
    sdk::Status scan(
        std::string_view space, const sdk::ScanOptions& options,
        sdk::FunctionRef<bool(std::string_view, std::string_view)> visit) const override {
        return table_.scan(space, options, visit);
    }
    std::optional<sdk::SpaceStats> stats(std::string_view space) const override {
        return table_.stats(space);
    }

  private:
    SpaceTable table_;
};

}  // namespace floci::host::storage
