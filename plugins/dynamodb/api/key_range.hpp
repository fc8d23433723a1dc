#pragma once
// Where in a table's key space a Query or a Scan segment reads. Item keys are
// encode_table_key(hash[, range]): one partition is the contiguous run of keys that start with
// the hash value's encoding, sorted by sort key (model/key_encoding.hpp), so a key condition
// becomes one range scan whose cost follows the items it reads, not the table's size.
#include <cstdint>
#include <floci/sdk/storage.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "expressions/key_condition.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

struct KeyRange {
    std::optional<std::string> lower;  // absent: open
    bool lower_inclusive = true;
    std::optional<std::string> upper;
    bool upper_inclusive = false;

    // Resumes after `start` (an item key): the range's side the scan starts from moves to
    // just past it, unless that side is already further along.
    void resume_after(const std::string& start, bool forward);
    // Views into this range; it must outlive them.
    sdk::ScanOptions options(bool forward) const;
};

// The range of the keys `condition` selects (its partition, narrowed by its sort term).
KeyRange query_range(const expr::KeyCondition& condition, bool has_sort_key);

// The same on an index space, whose keys carry the table key after the index key: a bound that
// names an index key value covers every entry that starts with it.
KeyRange index_query_range(const expr::KeyCondition& condition);

// The table key at the end of an index entry's key.
std::string_view table_key_of(std::string_view index_entry_key, const KeySchema& index);

// The smallest key greater than every key that starts with `prefix`; empty when there is
// none (the prefix is all 0xFF).
std::string prefix_successor(std::string_view prefix);

// The length of the partition part (the hash value's encoding) at the front of an item key.
std::size_t partition_length(std::string_view key);

// Which of `total` parallel-scan segments a partition belongs to: a stable hash of its
// encoded hash value (FNV-1a), scaled onto [0, total). Stable across restarts, so a
// LastEvaluatedKey stays valid, and whole partitions go to one segment, so a segment can skip
// a partition that is not its own with one seek.
std::int64_t segment_of(std::string_view partition, std::int64_t total);

}  // namespace floci::dynamodb::api
