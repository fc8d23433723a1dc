#pragma once
// Single-item writes in the shape of Alternator's rmw_operation: the constructor validates the
// whole request (nothing needs the table), bind() checks the key against the table, and
// apply(current) decides the write from the current item alone, so TableStore::write_item can
// run it under the table's lock. reply() shapes the answer from what apply() saw.
#include <optional>
#include <string>

#include "api/item_common.hpp"
#include "api/write_condition.hpp"
#include "storage/table_store.hpp"

namespace floci::dynamodb::api {

class PutItemOp {
  public:
    explicit PutItemOp(const Fields& fields);
    const std::string& table_name() const noexcept { return common_.table_name; }
    void bind(const TableMeta& meta) { key_ = bind_item(meta, item_); }
    const std::string& key() const noexcept { return key_; }
    ItemWrite apply(const std::optional<std::string>& current);
    std::string reply() const;

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
    void bind(const TableMeta& meta) { key_ = bind_key(meta.key, key_item_); }
    const std::string& key() const noexcept { return key_; }
    ItemWrite apply(const std::optional<std::string>& current);
    std::string reply() const;

  private:
    CommonRequest common_;
    Item key_item_;
    std::string key_;
    WriteCondition condition_;
    bool return_old_ = false;
    std::optional<std::string> old_;
    std::size_t old_size_ = 0;
};

// "ReturnValues can only be ALL_OLD or NONE" (PutItem, DeleteItem).
bool read_return_old(const Fields& fields, Constraints& c);
void check_return_old(const Fields& fields);

}  // namespace floci::dynamodb::api
