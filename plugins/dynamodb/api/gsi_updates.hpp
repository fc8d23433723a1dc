#pragma once
// UpdateTable's GlobalSecondaryIndexUpdates: Create, Delete and Update actions, checked in
// AWS's order with its texts (dynalite validations/updateTable.js; the rest as AWS answers:
// one Create or Delete per call and none while another GSI is being created,
// "Attempting to create an index which already exists", an unknown index is
// ResourceNotFoundException). A created index starts CREATING (IndexMeta::creating).
#include <boost/json/array.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/schema_request.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

struct GsiAction {
    enum class Kind : unsigned char { kCreate, kDelete, kUpdate };
    Kind kind = Kind::kCreate;
    IndexRequest index;  // Delete: the name only; Update: name and throughput
    int given = 0;       // how many of Create, Delete and Update the member named
};

// What the actions did to the table's metadata, for the reply and the index data.
struct GsiChange {
    std::optional<IndexMeta> created;
    std::optional<IndexMeta> deleted;
    std::vector<std::string> updated;
};

// Passes one and two: member types now, constraints into `c`. Each list member holds exactly
// one action (checked by check_gsi_actions, after the constraints).
std::vector<GsiAction> read_gsi_actions(const boost::json::array& list, Constraints& c);

// The custom checks AWS makes before looking at the table.
void check_gsi_actions(const std::vector<GsiAction>& actions);

// Applies the actions to `meta` (after any billing change, so throughput rules follow the new
// billing mode). `definitions` are the request's AttributeDefinitions, if given.
GsiChange apply_gsi_actions(const std::vector<GsiAction>& actions,
                            const std::optional<std::vector<AttributeDefinition>>& definitions,
                            TableMeta& meta);

}  // namespace floci::dynamodb::api
