#include "api/read_request.hpp"

#include <floci/sdk/aws_error.hpp>

#include "expressions/legacy.hpp"
#include "expressions/request_expressions.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

constexpr std::string_view kQueryExpressions[] = {"ProjectionExpression", "FilterExpression",
                                                  "KeyConditionExpression"};
constexpr std::string_view kQueryLegacy[] = {"AttributesToGet", "QueryFilter",
                                             "ConditionalOperator", "KeyConditions"};
// KeyConditions only counts as legacy next to KeyConditionExpression (request_expressions.hpp).
constexpr std::string_view kQueryLegacyNoKeys[] = {"AttributesToGet", "QueryFilter",
                                                   "ConditionalOperator"};
constexpr std::string_view kScanExpressions[] = {"ProjectionExpression", "FilterExpression"};
constexpr std::string_view kScanLegacy[] = {"AttributesToGet", "ScanFilter", "ConditionalOperator"};

// TotalSegments is at most 1,000,000 (API reference, Scan), so Segment at most 999,999.
constexpr std::int64_t kMaxTotalSegments = 1000000;

// Members both operations share, in the order of dynalite's validations/query.js types.
void read_shared_head(const Fields& fields, Constraints& c, ReadRequest& r,
                      std::optional<AwsError>& deferred) {
    r.limit = fields.integer("Limit");
    c.min_value(r.limit, "limit", 1);
    if (fields.raw("ExclusiveStartKey")) {
        std::optional<AwsError> bad_key;
        r.start_key = read_item_member(fields, "ExclusiveStartKey", bad_key);
        if (bad_key && !deferred)
            deferred =
                AwsError::validation("The provided starting key is invalid: " + bad_key->message());
    }
    read_capacity_member(fields, c, r.common);
    if (const auto* names = fields.list("AttributesToGet")) {
        c.min_length(fields.raw("AttributesToGet"), names->size(), "attributesToGet", 1);
        c.max_length(fields.raw("AttributesToGet"), names->size(), "attributesToGet", 255);
        for (const auto& n : *names) as_string(n);
    }
}

void read_select(const Fields& fields, Constraints& c) {
    c.one_of(fields.string("Select"), "select",
             {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"});
    c.one_of(fields.string("ConditionalOperator"), "conditionalOperator", {"OR", "AND"});
}

void read_index_name(const Fields& fields, Constraints& c, ReadRequest& r) {
    auto index = fields.string("IndexName");
    c.name(index, "indexName");
    if (index) r.index_name = std::string(*index);
}

// AWS's rules for Select against the attributes asked for (verified against AWS in moto's
// test_dynamodb_select.py). Empty when the combination is legal.
std::string select_error(const Fields& fields, bool has_index) {
    auto select = fields.string("Select");
    const bool to_get = fields.raw("AttributesToGet") != nullptr;
    const bool expression = fields.raw("ProjectionExpression") != nullptr;
    if (!select) return {};
    if (*select == "SPECIFIC_ATTRIBUTES") {
        if (to_get || expression) return {};
        return "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
               "SPECIFIC_ATTRIBUTES";
    }
    if (*select == "ALL_PROJECTED_ATTRIBUTES" && !has_index)
        return "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName";
    const std::string what = *select == "COUNT" ? "only the Count" : std::string(*select);
    if (to_get) return "Cannot specify the AttributesToGet when choosing to get " + what;
    if (expression) return "Cannot specify the ProjectionExpression when choosing to get " + what;
    return {};
}

void read_select_value(const Fields& fields, ReadRequest& r) {
    r.select = std::string(fields.string("Select").value_or(""));
    r.count_only = r.select == "COUNT";
}

std::string_view conditional_operator(const Fields& fields) {
    return fields.string("ConditionalOperator").value_or("AND");
}

// The legacy filter and AttributesToGet, then the starting key's deferred value error.
void read_legacy(const Fields& fields, ReadRequest& r, std::string_view filter_member,
                 const std::optional<AwsError>& deferred) {
    if (const auto* filter = fields.raw(filter_member)) {
        r.filter =
            expr::condition_from_filter(*filter, filter_member, conditional_operator(fields));
        r.legacy_filter = r.filter.has_value();
    }
    if (const auto* names = fields.raw("AttributesToGet"))
        r.projection = expr::projection_from_attributes_to_get(*names);
    if (deferred) throw *deferred;
}

void take_expressions(expr::RequestExpressions&& e, ReadRequest& r) {
    if (e.filter) {
        r.filter = std::move(e.filter);
        r.legacy_filter = false;
    }
    if (e.projection) r.projection = std::move(e.projection);
    if (e.key_condition) r.key_condition = std::move(e.key_condition);
}

}  // namespace

ReadRequest read_query_request(const Fields& fields) {
    ReadRequest r;
    Constraints c;
    std::optional<AwsError> deferred;
    read_shared_head(fields, c, r, deferred);
    fields.map("QueryFilter");
    read_select(fields, c);
    fields.map("KeyConditions");
    read_table_member(fields, c, r.common);
    r.consistent = fields.boolean("ConsistentRead").value_or(false);
    read_index_name(fields, c, r);
    r.forward = fields.boolean("ScanIndexForward").value_or(true);
    fields.string("KeyConditionExpression");
    fields.string("FilterExpression");
    fields.string("ProjectionExpression");
    c.check();
    // Query reports Select's rules as a constraint; Scan does not (moto, verified on AWS).
    if (auto error = select_error(fields, r.index_name.has_value()); !error.empty())
        throw AwsError::validation("1 validation error detected: " + error);
    read_select_value(fields, r);

    const bool key_expression = fields.raw("KeyConditionExpression") != nullptr;
    if (key_expression)
        expr::check_expression_parameters(fields.object(), kQueryExpressions, kQueryLegacy);
    else
        expr::check_expression_parameters(fields.object(), kQueryExpressions, kQueryLegacyNoKeys);
    read_legacy(fields, r, "QueryFilter", deferred);
    if (!key_expression && !fields.raw("KeyConditions"))
        throw AwsError::validation(
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
            "the request.");
    take_expressions(expr::read_expressions(fields.object(), expr::kQueryOrder), r);
    if (const auto* conditions = fields.raw("KeyConditions"))
        r.key_terms = expr::key_terms_from_key_conditions(*conditions);
    return r;
}

ReadRequest read_scan_request(const Fields& fields) {
    ReadRequest r;
    Constraints c;
    std::optional<AwsError> deferred;
    read_shared_head(fields, c, r, deferred);
    fields.map("ScanFilter");
    read_select(fields, c);
    read_table_member(fields, c, r.common);
    r.consistent = fields.boolean("ConsistentRead").value_or(false);
    read_index_name(fields, c, r);
    r.segment = fields.integer("Segment");
    c.min_value(r.segment, "segment", 0);
    c.max_value(r.segment, "segment", kMaxTotalSegments - 1);
    r.total_segments = fields.integer("TotalSegments");
    c.min_value(r.total_segments, "totalSegments", 1);
    c.max_value(r.total_segments, "totalSegments", kMaxTotalSegments);
    fields.string("FilterExpression");
    fields.string("ProjectionExpression");
    c.check();

    expr::check_expression_parameters(fields.object(), kScanExpressions, kScanLegacy);
    read_legacy(fields, r, "ScanFilter", deferred);
    if (r.total_segments && !r.segment)
        throw AwsError::validation(
            "The Segment parameter is required but was not present in the request when "
            "parameter TotalSegments is present");
    if (r.segment && !r.total_segments)
        throw AwsError::validation(
            "The TotalSegments parameter is required but was not present in the request when "
            "Segment parameter is present");
    if (r.segment && *r.segment >= *r.total_segments)
        throw AwsError::validation(
            "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
            "Segment: " +
            std::to_string(*r.segment) +
            " is not less than TotalSegments: " + std::to_string(*r.total_segments));
    if (auto error = select_error(fields, r.index_name.has_value()); !error.empty())
        throw AwsError::validation(error);
    read_select_value(fields, r);
    take_expressions(expr::read_expressions(fields.object(), expr::kScanOrder), r);
    return r;
}

}  // namespace floci::dynamodb::api
