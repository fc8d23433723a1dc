#pragma once
// Single-item writes in the shape of Alternator's rmw_operation: the constructor validates the
// whole request (nothing needs the table), bind() checks the key against the table, and
// apply(current) decides the write from the current item alone, so TableStore::write_item can
// run it under the table's lock. reply() shapes the answer from what apply() saw, adding the
// ItemCollectionMetrics member the caller measured (item_collections.hpp), if any, and the
// secondary indexes the write costs (index_write_units.hpp), which the caller works out only
// when consumed_capacity() asks for ConsumedCapacity.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/index_write_units.hpp"
#include "api/item_common.hpp"
#include "api/write_condition.hpp"
#include "expressions/legacy.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb::api {

class PutItemOp {
  public:
    explicit PutItemOp(const Fields& fields);
    const std::string& table_name() const noexcept { return common_.table_name; }
    const std::string& consumed_capacity() const noexcept { return common_.consumed_capacity; }
    void bind(const TableMeta& meta) { key_ = bind_item(meta, item_); }
    const std::string& key() const noexcept { return key_; }
    ItemWrite apply(const std::optional<std::string>& current);
    std::string reply(std::string_view collection_metrics = {},
                      const std::vector<IndexUnits>& indexes = {}) const;

  private:
    CommonRequest common_;
    Item item_;
    std::string serialized_;
    std::size_t size_ = 0;
    std::string key_;
    WriteCondition condition_;
    bool return_old_ = false;
    std::optional<std::string> old_;  // the replaced item, for ReturnValues ALL_OLD
    std::size_t old_size_ = 0;
};

class DeleteItemOp {
  public:
    explicit DeleteItemOp(const Fields& fields);
    const std::string& table_name() const noexcept { return common_.table_name; }
    const std::string& consumed_capacity() const noexcept { return common_.consumed_capacity; }
    void bind(const TableMeta& meta) { key_ = bind_key(meta.key, key_item_); }
    const std::string& key() const noexcept { return key_; }
    ItemWrite apply(const std::optional<std::string>& current);
    std::string reply(std::string_view collection_metrics = {},
                      const std::vector<IndexUnits>& indexes = {}) const;

  private:
    CommonRequest common_;
    Item key_item_;
    std::string key_;
    WriteCondition condition_;
    bool return_old_ = false;
    std::optional<std::string> old_;
    std::size_t old_size_ = 0;
};

// UpdateItem: UpdateExpression or legacy AttributeUpdates, applied to the current item or,
// when there is none, to the key alone (an upsert). An update that only removes attributes
// does not create a missing item (AttributeUpdates doc: "DELETE - Nothing happens"; Alternator
// test_update_item_non_existent shows REMOVE behaves the same); an empty one creates it.
class UpdateItemOp {
  public:
    enum class Returns : std::uint8_t { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };

    explicit UpdateItemOp(const Fields& fields);
    const std::string& table_name() const noexcept { return common_.table_name; }
    const std::string& consumed_capacity() const noexcept { return common_.consumed_capacity; }
    // Binds the key, refuses updates of key attributes and keeps the index key attributes
    // for apply().
    void bind(const TableMeta& meta);
    const std::string& key() const noexcept { return key_; }
    ItemWrite apply(const std::optional<std::string>& current);
    std::string reply(std::string_view collection_metrics = {},
                      const std::vector<IndexUnits>& indexes = {}) const;

  private:
    Item updated(const Item& base) const;
    bool writes_attributes() const;
    std::optional<Item> returned(const Item& old, const Item& next, bool existed,
                                 bool written) const;

    CommonRequest common_;
    Item key_item_;
    std::string key_;
    WriteCondition condition_;
    std::optional<std::vector<expr::AttributeUpdate>> legacy_;
    Returns returns_ = Returns::kNone;
    TableMeta meta_;
    std::optional<std::string> attributes_;  // the reply's Attributes (DynamoDB JSON)
    std::size_t capacity_size_ = 0;
};

// "ReturnValues can only be ALL_OLD or NONE" (PutItem, DeleteItem).
bool read_return_old(const Fields& fields, Constraints& c);
void check_return_old(const Fields& fields);

}  // namespace floci::dynamodb::api
