#pragma once
// One page of a Query or Scan: items arrive in key order from a storage scan, and the page
// applies AWS's rules to them. A page ends when Limit items have been evaluated or when the
// items read reach 1 MB, both counted before the filter (developer guide, "Paginating table
// query results": "A single Query only returns a result set that fits within the 1 MB size
// limit", and the limit applies "before the filter expression is evaluated"). Then
// LastEvaluatedKey names the last item read. ScannedCount counts items read, Count those that
// passed the filter; read capacity is charged on the bytes read (api/read_capacity.hpp says
// to what).
#include <cstddef>
#include <string>
#include <string_view>

#include "api/read_capacity.hpp"
#include "api/read_request.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

// The most item bytes one page reads.
inline constexpr std::size_t kMaxPageBytes = 1024 * 1024;

class ReadPage {
  public:
    // `request`, `key` and `index` must outlive the page. With `index` (a GSI when `global`)
    // the page reads an index: its keys are the index key followed by the table key
    // (storage/index_maintainer.hpp), and LastEvaluatedKey names both.
    ReadPage(const ReadRequest& request, const KeySchema& key, const IndexMeta* index = nullptr,
             bool global = false);

    // Takes one stored item or index entry (encoded key, DynamoDB JSON). Returns false,
    // without taking it, once the page is full: the caller stops its scan then.
    bool add(std::string_view key, std::string_view value);
    // Takes the table's item for an LSI entry of `entry_bytes` whose item is fetched from the
    // table; `key` is the entry's.
    bool add_fetched(std::string_view key, std::string_view item, std::size_t entry_bytes);
    bool full() const noexcept;

    // The response body.
    std::string reply() const;

  private:
    void append_last_key(std::string& out) const;

    // Reads one item or entry into the page; returns its size.
    std::size_t take(std::string_view key, std::string_view value);

    const ReadRequest& request_;
    const KeySchema& key_;
    const IndexMeta* index_;
    const KeySchema* index_key_;
    bool global_;
    std::string items_;  // the Items array's members, comma-separated
    std::size_t count_ = 0;
    std::size_t scanned_ = 0;
    std::size_t bytes_ = 0;  // of what was taken: items, or entries when nothing is fetched
    ReadBytes read_;         // for ConsumedCapacity
    std::string last_key_;   // encoded key of the last item read
};

}  // namespace floci::dynamodb::api
