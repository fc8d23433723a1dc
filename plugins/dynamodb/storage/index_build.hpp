#pragma once
// Filling a GSI that UpdateTable added to a table that already holds items ("backfilling"), one
// bounded chunk of items at a time, so writes to the table go on between chunks
// (backfill_runner.hpp runs the chunks in the background).
//
// Why the index ends exactly as one scan under the table's lock would leave it: from the
// UpdateTable that adds it, every write maintains the new index like any other
// (index_maintainer.hpp), and each chunk reads its items and commits their entries under the
// table's write mutex. So at every moment each stored entry is the entry of its item as the
// item is now: a write replaces or erases the entries of the item it changes whether or not
// the chunks have passed it, and a chunk writes the current item's entry. An item that no chunk
// has reached and no write has touched simply has no entry yet; after the last chunk every
// item has its entry. The index's stats count stored entries only: a chunk skips an entry a
// write already stored (and counted), and a write uncounts an old entry only if it is stored.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace floci::dynamodb {

class Table;
class TableStore;

class IndexBuild {
  public:
    // Call with the table's write_mutex() held, once the index is in the table's metadata with
    // IndexMeta::creating set: this build becomes the table's current one (Table::begin_build).
    IndexBuild(TableStore& store, std::shared_ptr<Table> table, std::string index);

    enum class Progress : unsigned char {
        kMore,       // call step() again
        kFinished,   // the index is ACTIVE
        kAbandoned,  // the table or the index was deleted, or another build replaced this one
    };

    // Copies the entries of at most `limit` more items, under the table's write mutex; after
    // the last item, marks the index ACTIVE (IndexMeta::creating false) in the stored
    // metadata. Throws AwsError when the store refuses a batch: the index stays CREATING, and
    // the next start-up finishes it.
    Progress step(std::size_t limit);

    const std::string& table_name() const noexcept;
    const std::string& index_name() const noexcept { return index_; }

  private:
    TableStore& store_;
    const std::shared_ptr<Table> table_;
    const std::string index_;
    const std::uint64_t id_;
    std::optional<std::string> after_;  // the table key of the last item copied
};

}  // namespace floci::dynamodb
