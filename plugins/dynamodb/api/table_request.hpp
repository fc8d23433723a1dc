#pragma once
// CreateTable and UpdateTable requests read and validated the way AWS does, in its order
// (dynalite validations/createTable.js and updateTable.js mirror AWS's checks and texts).
#include <optional>
#include <string>

#include "api/context.hpp"
#include "api/gsi_updates.hpp"
#include "storage/table_meta.hpp"

namespace floci::dynamodb::api {

// Everything of the new table but account, region, id and creation time. Throws AwsError.
TableMeta read_create_table(const Fields& fields);

// The metadata `current` becomes under an UpdateTable request; `status_changes` tells whether
// the change is one AWS reports as UPDATING, `gsi_change` what GlobalSecondaryIndexUpdates
// did. Throws AwsError.
TableMeta read_update_table(const Fields& fields, const TableMeta& current, double now,
                            bool& status_changes, GsiChange& gsi_change);

// TableName of DescribeTable/DeleteTable/UpdateTable: the length rule, then the pattern.
std::string read_table_name(const Fields& fields);

// "2024-05-01T12:34:56.789": LatestStreamLabel for a stream enabled at `seconds`.
std::string stream_label(double seconds);

}  // namespace floci::dynamodb::api
