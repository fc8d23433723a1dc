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

    // The response body. The page is spent: it hands its text over rather than copying it.
    std::string reply() &&;

  private:
    void append_item(std::string_view text);
    void size_deferred_items();
    void append_last_key(std::string& out) const;

    // Reads one item or entry into the page; returns its size (0 while sizes are deferred:
    // then no capacity is asked for).
    std::size_t take(std::string_view key, std::string_view value);

    const ReadRequest& request_;
    const KeySchema& key_;
    const IndexMeta* index_;
    const KeySchema* index_key_;
    bool global_;
    // The reply as it grows: '{', and unless Select is COUNT, "Items":[ and the items taken,
    // comma-separated, from items_start_ on.
    std::string body_;
    std::size_t items_start_ = 0;
    std::size_t count_ = 0;
    std::size_t scanned_ = 0;
    // DynamoDB size of what was taken (items, or entries when nothing is fetched), except
    // what is still deferred.
    std::size_t bytes_ = 0;
    // While a page returns its items as stored and reports no capacity, their sizes only
    // matter once they might reach 1 MB, and an item's size never exceeds its text's length
    // (model/stored_item_size.hpp): so sizing waits until the texts add up to 1 MB, which a
    // Query of a few small items never does.
    bool defer_sizes_ = false;
    std::size_t deferred_text_ = 0;  // text bytes of the items not sized yet
    ReadBytes read_;                 // for ConsumedCapacity
    std::string last_key_;           // encoded key of the last item read
};

}  // namespace floci::dynamodb::api
