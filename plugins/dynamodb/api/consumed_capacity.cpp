#include "api/consumed_capacity.hpp"

#include <cmath>
#include <cstdio>

#include "model/json_codec.hpp"

namespace floci::dynamodb::api {

std::string units_text(double units) {
    char text[32];
    std::snprintf(text, sizeof text, units == std::floor(units) ? "%.1f" : "%g", units);
    return text;
}

void ConsumedCapacity::add_index(std::string_view name, bool global, double units) {
    for (auto& index : indexes_)
        if (index.name == name && index.global == global) return void(index.units += units);
    indexes_.push_back({std::string(name), global, units});
}

double ConsumedCapacity::total() const {
    double total = table_units_;
    for (const auto& index : indexes_) total += index.units;
    return total;
}

std::string ConsumedCapacity::json(std::string_view mode, std::string_view kind) const {
    // `"CapacityUnits":x` and, with a kind, `,"<kind>":x`: the members of one Capacity.
    auto capacity = [kind](double units) {
        auto text = units_text(units);
        std::string out = "\"CapacityUnits\":" + text;
        if (!kind.empty()) out += ",\"" + std::string(kind) + "\":" + text;
        return out;
    };
    std::string out = "{\"TableName\":";
    write_json_string(out, table_);
    out += "," + capacity(total());
    if (mode != "INDEXES") return out + "}";
    out += ",\"Table\":{" + capacity(table_units_) + "}";
    for (const bool global : {false, true}) {
        std::string map;
        for (const auto& index : indexes_) {
            if (index.global != global) continue;
            map += map.empty() ? "{" : ",";
            write_json_string(map, index.name);
            map += ":{" + capacity(index.units) + "}";
        }
        if (map.empty()) continue;
        out += global ? ",\"GlobalSecondaryIndexes\":" : ",\"LocalSecondaryIndexes\":";
        out += map + "}";
    }
    return out + "}";
}

}  // namespace floci::dynamodb::api
