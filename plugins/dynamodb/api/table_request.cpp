#include "api/table_request.hpp"

#include <ctime>
#include <floci/sdk/aws_error.hpp>

#include "api/schema_request.hpp"

namespace floci::dynamodb::api {
namespace {

using sdk::AwsError;

[[noreturn]] void invalid(const std::string& message) {
    throw AwsError::validation(std::string(kInvalidParameters) + message);
}

void check_billing(std::optional<std::string_view> billing, const ThroughputRequest& throughput) {
    if (billing == "PAY_PER_REQUEST") {
        if (throughput.given)
            invalid(
                "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                "BillingMode is PAY_PER_REQUEST");
        return;
    }
    if (!throughput.read || !throughput.write)
        invalid(
            "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
            "BillingMode is PROVISIONED");
    check_throughput_bounds(throughput);
}

void read_name(const Fields& fields, Constraints& c) {
    auto name = fields.string("TableName");
    check_table_name_length(name);
    c.not_null(fields.raw("TableName"), "tableName");
    if (name && !is_valid_name(*name))
        c.add(std::string(*name), "tableName",
              "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
}

}  // namespace

std::string read_table_name(const Fields& fields) {
    Constraints c;
    read_name(fields, c);
    c.check();
    return std::string(*fields.string("TableName"));
}

std::string stream_label(double seconds) {
    auto whole = static_cast<std::time_t>(seconds);
    int millis = static_cast<int>((seconds - static_cast<double>(whole)) * 1000);
    std::tm tm{};
    gmtime_r(&whole, &tm);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03d", text, millis);
    return out;
}

TableMeta read_create_table(const Fields& fields) {
    Constraints c;
    TableMeta meta;
    const auto* definitions = fields.list("AttributeDefinitions");
    c.not_null(fields.raw("AttributeDefinitions"), "attributeDefinitions");
    if (definitions) meta.attribute_definitions = read_definitions(*definitions, c);
    read_name(fields, c);
    auto billing = fields.string("BillingMode");
    c.one_of(billing, "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
    auto throughput = read_throughput(fields, "ProvisionedThroughput", "provisionedThroughput", c);
    auto key = read_key_elements(fields, "KeySchema", "keySchema", c, true);
    auto lsis = read_index_list(fields, "LocalSecondaryIndexes", "localSecondaryIndexes", c, false);
    auto gsis =
        read_index_list(fields, "GlobalSecondaryIndexes", "globalSecondaryIndexes", c, true);
    auto stream = read_stream_specification(fields, "StreamSpecification", c);
    auto table_class = fields.string("TableClass");
    c.one_of(table_class, "tableClass", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
    auto protection = fields.boolean("DeletionProtectionEnabled");
    bool sse = fields.nested("SSESpecification").boolean("Enabled").value_or(false);
    c.check();

    check_billing(billing, throughput);
    meta.name = std::string(*fields.string("TableName"));
    meta.on_demand = billing == "PAY_PER_REQUEST";
    if (!meta.on_demand) meta.throughput = {*throughput.read, *throughput.write};
    meta.key = check_key_schema(*key, meta.attribute_definitions);
    if (!lsis && !gsis && key->size() != meta.attribute_definitions.size())
        invalid(
            "Number of attributes in KeySchema does not exactly match number of attributes "
            "defined in AttributeDefinitions");
    meta.local_indexes = check_local_indexes(lsis, meta);
    meta.global_indexes = check_global_indexes(gsis, meta, meta.on_demand);
    check_unused_definitions(meta);
    meta.stream = stream;
    if (table_class) meta.table_class = std::string(*table_class);
    meta.deletion_protection = protection.value_or(false);
    if (sse) meta.sse_description = {{"Status", "ENABLED"}, {"SSEType", "KMS"}};
    return meta;
}

}  // namespace floci::dynamodb::api
