#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <floci/sdk/aws_error.hpp>
#include <string>

#include "api/write_ops.hpp"

namespace floci::dynamodb::api {
namespace {

TableMeta table_meta() {
    TableMeta meta;
    meta.name = "tbl";
    meta.key.hash = {"pk", AttributeType::S};
    IndexMeta gsi;
    gsi.name = "gsi";
    gsi.key.hash = {"g", AttributeType::S};
    meta.global_indexes.push_back(gsi);
    return meta;
}

// Runs one UpdateItem request (JSON text, TableName and Key added) against `current`.
struct Run {
    ItemWrite write;
    std::string reply;
};

Run run(const std::string& members, const std::optional<std::string>& current = std::nullopt) {
    const auto body = boost::json::parse(R"({"TableName":"tbl","Key":{"pk":{"S":"k"}})" +
                                         (members.empty() ? "" : "," + members) + "}");
    UpdateItemOp op(Fields::of(&body));
    op.bind(table_meta());
    Run out{op.apply(current), {}};
    out.reply = op.reply();
    return out;
}

std::string error(const std::string& members,
                  const std::optional<std::string>& current = std::nullopt) {
    try {
        run(members, current);
    } catch (const sdk::AwsError& e) {
        return e.type() + ": " + e.message();
    }
    return "<no error>";
}

const std::string kStored =
    R"({"pk":{"S":"k"},"n":{"N":"1"},"m":{"M":{"a":{"N":"1"},"b":{"N":"2"}}}})";

TEST(UpdateItemOpTest, MissingItemIsCreatedFromKeyAndUpdates) {
    auto r = run(R"("UpdateExpression":"SET n = :v","ExpressionAttributeValues":{":v":{"N":"7"}})");
    EXPECT_EQ(r.write.kind, ItemWrite::Kind::kPut);
    EXPECT_EQ(r.write.value, R"({"n":{"N":"7"},"pk":{"S":"k"}})");
    EXPECT_EQ(r.write.old_size, 0);
}

TEST(UpdateItemOpTest, RemoveOnlyUpdateOfMissingItemWritesNothing) {
    EXPECT_EQ(run(R"("UpdateExpression":"REMOVE a")").write.kind, ItemWrite::Kind::kNone);
    EXPECT_EQ(run(R"("AttributeUpdates":{"a":{"Action":"DELETE"}})").write.kind,
              ItemWrite::Kind::kNone);
}

TEST(UpdateItemOpTest, EmptyUpdateCreatesKeyOnlyItem) {
    auto r = run("");
    EXPECT_EQ(r.write.kind, ItemWrite::Kind::kPut);
    EXPECT_EQ(r.write.value, R"({"pk":{"S":"k"}})");
    EXPECT_EQ(r.reply, "{}");
}

TEST(UpdateItemOpTest, RemovingEveryAttributeKeepsTheKey) {
    auto r = run(R"("UpdateExpression":"REMOVE n, m")", kStored);
    EXPECT_EQ(r.write.kind, ItemWrite::Kind::kPut);
    EXPECT_EQ(r.write.value, R"({"pk":{"S":"k"}})");
}

TEST(UpdateItemOpTest, UpdatedValuesKeepNestedPaths) {
    const std::string update =
        R"("UpdateExpression":"SET m.a = :v","ExpressionAttributeValues":{":v":{"N":"9"}},)";
    EXPECT_EQ(run(update + R"("ReturnValues":"UPDATED_NEW")", kStored).reply,
              R"({"Attributes":{"m":{"M":{"a":{"N":"9"}}}}})");
    EXPECT_EQ(run(update + R"("ReturnValues":"UPDATED_OLD")", kStored).reply,
              R"({"Attributes":{"m":{"M":{"a":{"N":"1"}}}}})");
    // A missing item has no old attributes.
    EXPECT_EQ(run(R"("UpdateExpression":"REMOVE a","ReturnValues":"ALL_OLD")").reply, "{}");
}

TEST(UpdateItemOpTest, FailedConditionIsConditionalCheckFailed) {
    EXPECT_EQ(error(R"j("ConditionExpression":"attribute_exists(n)")j"),
              "ConditionalCheckFailedException: The conditional request failed");
    EXPECT_EQ(error(R"("Expected":{"n":{"Value":{"N":"2"}}})", kStored),
              "ConditionalCheckFailedException: The conditional request failed");
}

TEST(UpdateItemOpTest, KeyAttributesCannotBeUpdated) {
    const std::string message =
        "ValidationException: One or more parameter values were invalid: Cannot update "
        "attribute pk. This attribute is part of the key";
    EXPECT_EQ(error(R"("UpdateExpression":"REMOVE pk")"), message);
    EXPECT_EQ(error(R"("AttributeUpdates":{"pk":{"Value":{"S":"x"}}})"), message);
}

TEST(UpdateItemOpTest, IndexKeyTypeIsChecked) {
    EXPECT_EQ(
        error(R"("UpdateExpression":"SET g = :v","ExpressionAttributeValues":{":v":{"N":"1"}})"),
        "ValidationException: One or more parameter values were invalid: Type mismatch for "
        "Index Key g Expected: S Actual: N IndexName: gsi");
}

TEST(UpdateItemOpTest, ItemSizeLimitUsesUpdateWording) {
    const std::string big(409600, 'x');
    EXPECT_EQ(error(R"("UpdateExpression":"SET s = :v","ExpressionAttributeValues":{":v":{"S":")" +
                    big + R"("}})"),
              "ValidationException: Item size to update has exceeded the maximum allowed size");
}

TEST(UpdateItemOpTest, ExpressionAndLegacyParametersDoNotMix) {
    EXPECT_EQ(
        error(R"("UpdateExpression":"REMOVE a","AttributeUpdates":{"b":{"Action":"DELETE"}})"),
        "ValidationException: Can not use both expression and non-expression parameters in "
        "the same request: Non-expression parameters: {AttributeUpdates} Expression "
        "parameters: {UpdateExpression}");
}

TEST(UpdateItemOpTest, AttributeUpdateActionIsAnEnum) {
    EXPECT_EQ(error(R"("AttributeUpdates":{"a":{"Action":"SET","Value":{"N":"1"}}})"),
              "ValidationException: 1 validation error detected: Value 'SET' at "
              "'attributeUpdates.a.member.action' failed to satisfy constraint: Member must "
              "satisfy enum value set: [ADD, PUT, DELETE]");
    EXPECT_EQ(error(R"("AttributeUpdates":{"a":{"Action":5}})"),
              "SerializationException: class java.lang.Short can not be converted to an String");
}

TEST(UpdateItemOpTest, ConsumedCapacityCountsTheLargerItem) {
    auto r = run(R"("ReturnConsumedCapacity":"TOTAL")", kStored);
    EXPECT_EQ(r.reply, R"({"ConsumedCapacity":{"TableName":"tbl","CapacityUnits":1.0}})");
}

}  // namespace
}  // namespace floci::dynamodb::api
