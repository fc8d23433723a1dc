// UpdateTable's request: billing mode, provisioned throughput, stream, table class, deletion
// protection and SSE, checked against the table as it is.
#include <floci/sdk/aws_error.hpp>

#include "api/gsi_updates.hpp"
#include "api/schema_request.hpp"
#include "api/table_request.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

[[noreturn]] void invalid(const std::string& message) {
    throw AwsError::validation(std::string(kInvalidParameters) + message);
}

// Same throughput as before is refused (dynalite actions/updateTable.js quotes AWS).
void check_throughput_changes(const Throughput& current, const Throughput& next) {
    if (current.read != next.read || current.write != next.write) return;
    throw AwsError::validation(
        "The provisioned throughput for the table will not change. The requested value equals "
        "the current value. Current ReadCapacityUnits provisioned for the table: " +
        std::to_string(current.read) +
        ". Requested ReadCapacityUnits: " + std::to_string(next.read) +
        ". Current WriteCapacityUnits provisioned for the table: " + std::to_string(current.write) +
        ". Requested WriteCapacityUnits: " + std::to_string(next.write) +
        ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request "
        "higher limits.");
}

void apply_billing(TableMeta& meta, std::optional<std::string_view> billing,
                   const ThroughputRequest& throughput, double now) {
    bool on_demand = billing ? *billing == "PAY_PER_REQUEST" : meta.on_demand;
    if (on_demand && throughput.given)
        invalid(
            "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
            "BillingMode is PAY_PER_REQUEST");
    if (!on_demand && meta.on_demand && !throughput.given)
        invalid("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
    check_throughput_bounds(throughput);
    if (on_demand) {
        if (!meta.on_demand) meta.billing_mode_time = now;
        meta.on_demand = true;
        meta.throughput = {};
        for (auto& index : meta.global_indexes) index.throughput = {};
        return;
    }
    if (throughput.given) {
        Throughput next{*throughput.read, *throughput.write};
        if (!meta.on_demand && !billing) check_throughput_changes(meta.throughput, next);
        meta.throughput = next;
    }
    if (meta.on_demand) meta.billing_mode_time = now;
    meta.on_demand = false;
}

void apply_stream(TableMeta& meta, const StreamSettings& stream, double now) {
    if (stream.enabled) {
        if (meta.stream.enabled)
            throw AwsError::validation("Table already has an enabled stream: " + meta.arn() +
                                       "/stream/" + meta.stream.label);
        if (stream.view_type.empty())
            invalid("StreamViewType is required when StreamEnabled is true");
        meta.stream = stream;
        meta.stream.label = stream_label(now);
        return;
    }
    if (!meta.stream.enabled) invalid("Table already has stream disabled");
    meta.stream = {};
}

}  // namespace

TableMeta read_update_table(const Fields& fields, const TableMeta& current, double now,
                            bool& status_changes, GsiChange& gsi_change) {
    Constraints c;
    std::optional<std::vector<AttributeDefinition>> definitions;
    if (const auto* list = fields.list("AttributeDefinitions"))
        definitions = read_definitions(*list, c);
    auto billing = fields.string("BillingMode");
    c.one_of(billing, "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
    auto throughput = read_throughput(fields, "ProvisionedThroughput", "provisionedThroughput", c);
    const auto* gsi_updates = fields.list("GlobalSecondaryIndexUpdates");
    std::vector<GsiAction> gsi_actions;
    if (gsi_updates) gsi_actions = read_gsi_actions(*gsi_updates, c);
    bool stream_given = fields.structure("StreamSpecification") != nullptr;
    auto stream = read_stream_specification(fields, "StreamSpecification", c);
    auto table_class = fields.string("TableClass");
    c.one_of(table_class, "tableClass", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
    auto protection = fields.boolean("DeletionProtectionEnabled");
    const auto* sse = fields.structure("SSESpecification");
    c.check();

    const bool no_gsi_updates = !gsi_updates || gsi_updates->empty();
    if (!billing && !throughput.given && no_gsi_updates && !stream_given && !table_class &&
        !protection && !sse)
        throw AwsError::validation(
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
            "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    if (gsi_updates && gsi_updates->empty())
        invalid("List of GlobalSecondaryIndexUpdates is empty");
    check_gsi_actions(gsi_actions);

    TableMeta meta = current;
    status_changes = billing || throughput.given || stream_given || table_class || sse;
    if (billing || throughput.given) apply_billing(meta, billing, throughput, now);
    if (!gsi_actions.empty()) {
        gsi_change = apply_gsi_actions(gsi_actions, definitions, meta);
        status_changes = status_changes || gsi_change.created || gsi_change.deleted;
    }
    if (stream_given) apply_stream(meta, stream, now);
    if (table_class) meta.table_class = std::string(*table_class);
    if (protection) meta.deletion_protection = *protection;
    if (sse) {
        bool enabled = Fields(*sse).boolean("Enabled").value_or(false);
        meta.sse_description = enabled
                                   ? boost::json::object{{"Status", "ENABLED"}, {"SSEType", "KMS"}}
                                   : boost::json::object{};
    }
    return meta;
}

}  // namespace floci::dynamodb::api
