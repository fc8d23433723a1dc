#pragma once
// Query and Scan requests, validated in AWS's order before the table is looked at: member
// types, then constraints (one ValidationException listing them), then parameter
// combinations (Select, expression vs legacy members, Segment/TotalSegments), then the
// expressions. What needs the table (key condition against the key schema, the starting key)
// is bound later by query_scan_ops.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/item_common.hpp"
#include "expressions/ast.hpp"
#include "expressions/key_condition.hpp"

namespace floci::dynamodb::api {

struct ReadRequest {
    CommonRequest common;
    std::optional<std::string> index_name;
    std::optional<std::int64_t> limit;  // items evaluated per page, before the filter
    bool consistent = false;
    bool forward = true;      // ScanIndexForward
    std::string select;       // as given, or empty
    bool count_only = false;  // Select COUNT
    std::optional<Item> start_key;
    std::optional<expr::Condition> filter;
    bool legacy_filter = false;  // QueryFilter/ScanFilter rather than FilterExpression
    std::optional<expr::ProjectionExpression> projection;

    // Query: KeyConditionExpression, or the legacy KeyConditions' terms.
    std::optional<expr::Condition> key_condition;
    std::vector<expr::KeyTerm> key_terms;

    // Scan: both or neither.
    std::optional<std::int64_t> segment;
    std::optional<std::int64_t> total_segments;
};

// Throw SerializationException / ValidationException with AWS's texts.
ReadRequest read_query_request(const Fields& fields);
ReadRequest read_scan_request(const Fields& fields);

}  // namespace floci::dynamodb::api
