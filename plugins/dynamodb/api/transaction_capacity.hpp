#pragma once
// ConsumedCapacity of a transaction: one entry per table, in the order the tables first
// appear, with CapacityUnits and the read or write units (transactions cost twice the units of
// the plain operations; developer guide, "Capacity management for transactions").
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/json_codec.hpp"

namespace floci::dynamodb::api {

class TransactionCapacity {
  public:
    // `mode` is ReturnConsumedCapacity ("", "TOTAL" or "INDEXES"); `kind` names the units
    // member ("WriteCapacityUnits" or "ReadCapacityUnits").
    TransactionCapacity(std::string_view mode, std::string_view kind) : mode_(mode), kind_(kind) {}

    void add(std::string_view table, double units) {
        if (mode_.empty()) return;
        for (auto& [name, total] : tables_)
            if (name == table) return void(total += units);
        tables_.emplace_back(std::string(table), units);
    }

    // "ConsumedCapacity":[...] or nothing when it was not asked for.
    std::string members() const {
        if (mode_.empty()) return {};
        std::string out = "\"ConsumedCapacity\":[";
        for (std::size_t i = 0; i < tables_.size(); ++i) {
            const auto& [name, units] = tables_[i];
            auto both = ",\"CapacityUnits\":" + text(units) + ",\"" + std::string(kind_) +
                        "\":" + text(units);
            out += i ? ",{\"TableName\":" : "{\"TableName\":";
            write_json_string(out, name);
            out += both;
            if (mode_ == "INDEXES") out += ",\"Table\":{" + both.substr(1) + "}";
            out += "}";
        }
        return out + "]";
    }

  private:
    static std::string text(double units) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, units == std::floor(units) ? "%.1f" : "%g", units);
        return buffer;
    }

    std::string_view mode_;
    std::string_view kind_;
    std::vector<std::pair<std::string, double>> tables_;
};

}  // namespace floci::dynamodb::api
