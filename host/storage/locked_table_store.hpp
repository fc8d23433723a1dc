#pragma once
// The read side every store shares: a SpaceTable behind a reader/writer lock. Reads take the
// lock shared; a store's commit() takes it exclusively to apply a batch. MemoryStore and
// DurableStore differ only in how a batch reaches disk, so they derive from this.
#include <floci/sdk/storage.hpp>
#include <shared_mutex>

#include "storage/space_table.hpp"

namespace floci::host::storage {

class LockedTableStore : public sdk::KvStore {
  public:
    bool has_space(std::string_view space) const override;
    std::vector<std::string> spaces(std::string_view prefix) const override;
    bool get(std::string_view space, std::string_view key,
             sdk::FunctionRef<void(std::string_view)> on_value) const override;
    sdk::Status scan(
        std::string_view space, const sdk::ScanOptions& options,
        sdk::FunctionRef<bool(std::string_view, std::string_view)> visit) const override;
    std::optional<sdk::SpaceStats> stats(std::string_view space) const override;
    std::shared_ptr<const sdk::ReadView> snapshot(
        const std::vector<std::string>& spaces) const override;

  protected:
    mutable std::shared_mutex mutex_;  // guards table_ (and whatever a subclass adds to it)
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
