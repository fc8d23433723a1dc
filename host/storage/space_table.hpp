#pragma once
// The in-memory data of a store: named, ordered key spaces. No locking here: MemoryStore
// guards a live SpaceTable with its lock, and a snapshot owns a private copy.
#include <floci/sdk/storage.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/ordered_entries.hpp"

namespace floci::host::storage {

// Keys in unsigned byte order, each entry one compact block (ordered_entries.hpp).
using Entries = OrderedEntries;

struct Space {
    Entries entries;
    sdk::SpaceStats stats;
};

class SpaceTable {
  public:
    bool has_space(std::string_view space) const;
    std::vector<std::string> spaces(std::string_view prefix) const;
    const Space* find(std::string_view space) const;
    bool get(std::string_view space, std::string_view key,
             sdk::FunctionRef<void(std::string_view)> on_value) const;
    sdk::Status scan(std::string_view space, const sdk::ScanOptions& options,
                     sdk::FunctionRef<bool(std::string_view, std::string_view)> visit) const;
    std::optional<sdk::SpaceStats> stats(std::string_view space) const;

    // Checks that every put/erase names a space that exists at that point of the batch.
    sdk::Status validate(const sdk::WriteBatch& batch) const;
    // Applies a validated batch, copying its keys and values into entry blocks.
    void apply(sdk::WriteBatch&& batch);

    // A copy of the named spaces (for snapshots).
    SpaceTable copy_of(const std::vector<std::string>& names) const;

    // Loading a checkpoint: load_space() creates a space (or finds it) and load_entry() adds
    // an entry whose key sorts after every key already in it, which makes loading linear.
    Space& load_space(std::string_view name);
    static void load_entry(Space& space, std::string_view key, std::string_view value);

    const std::map<std::string, Space, std::less<>>& all() const { return spaces_; }

  private:
    std::map<std::string, Space, std::less<>> spaces_;
};

}  // namespace floci::host::storage
