#pragma once
// ConsumedCapacity of a transaction: one entry per table, in the order the tables first
// appear, with CapacityUnits and the read or write units (consumed_capacity.hpp). A
// transaction costs the table twice the units of the plain operations (developer guide,
// "Capacity management for transactions"); the secondary indexes a TransactWriteItems writes
// cost what the same writes cost outside one (index_write_units.hpp), undoubled. The guide
// states the doubling for item reads and writes and says nothing of index writes; real
// DynamoDB was measured not to double them (a Put of a GSI member in a transaction: total 3,
// Table 2, GSI 1; a GSI key move of 1.5 KB entries: Table 4, GSI 4, not 8; nubo-db/dynoxide
// tests/transact_index_capacity.rs, captured in eu-west-2).
#include <string>
#include <string_view>
#include <vector>

#include "api/consumed_capacity.hpp"
#include "api/index_write_units.hpp"

namespace floci::dynamodb::api {

class TransactionCapacity {
  public:
    // `mode` is ReturnConsumedCapacity ("", "TOTAL" or "INDEXES"); `kind` names the units
    // member ("WriteCapacityUnits" or "ReadCapacityUnits").
    TransactionCapacity(std::string_view mode, std::string_view kind) : mode_(mode), kind_(kind) {}

    bool wanted() const noexcept { return !mode_.empty(); }

    // `units` already doubled.
    void add(std::string_view table, double units) {
        if (wanted()) entry(table).add_table(units);
    }
    void add_indexes(std::string_view table, const std::vector<IndexUnits>& indexes) {
        if (!wanted()) return;
        auto& capacity = entry(table);
        for (const auto& index : indexes) capacity.add_index(index.name, index.global, index.units);
    }

    // "ConsumedCapacity":[...] or nothing when it was not asked for.
    std::string members() const {
        if (!wanted()) return {};
        std::string out = "\"ConsumedCapacity\":[";
        for (std::size_t i = 0; i < tables_.size(); ++i)
            out += (i ? "," : "") + tables_[i].json(mode_, kind_);
        return out + "]";
    }

  private:
    ConsumedCapacity& entry(std::string_view table) {
        for (auto& capacity : tables_)
            if (capacity.table() == table) return capacity;
        return tables_.emplace_back(table);
    }

    std::string_view mode_;
    std::string_view kind_;
    std::vector<ConsumedCapacity> tables_;
};

}  // namespace floci::dynamodb::api
