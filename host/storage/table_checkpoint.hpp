#pragma once
// Adapters between a SpaceTable and the checkpoint file format (wal/checkpoint.hpp).
#include "storage/space_table.hpp"
#include "storage/wal/checkpoint.hpp"

namespace floci::host::storage {

// Writes every space of a table. The table must not change while write_checkpoint() reads
// it: pass a private copy, not the live table.
class TableSource final : public wal::CheckpointSource {
  public:
    explicit TableSource(const SpaceTable& table) : table_(table) {}
    sdk::Status visit(wal::CheckpointVisitor& out) const override {
        for (const auto& [name, space] : table_.all()) {
            if (sdk::Status status = out.space(name); !status) return status;
            for (const EntryBlock& entry : space.entries) {
                if (sdk::Status status = out.entry(entry.key(), entry.value()); !status) {
                    return status;
                }
            }
        }
        return {};
    }

  private:
    const SpaceTable& table_;
};

// Loads a checkpoint into an empty table (read_checkpoint() checks the key order).
class TableLoader final : public wal::CheckpointVisitor {
  public:
    explicit TableLoader(SpaceTable& table) : table_(table) {}
    sdk::Status space(std::string_view name) override {
        current_ = &table_.load_space(name);
        return {};
    }
    sdk::Status entry(std::string_view key, std::string_view value) override {
        SpaceTable::load_entry(*current_, key, value);
        return {};
    }

  private:
    SpaceTable& table_;
    Space* current_ = nullptr;
};

}  // namespace floci::host::storage
