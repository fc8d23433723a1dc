#include "api/consumed_capacity.hpp"

#include <gtest/gtest.h>

#include "api/read_capacity.hpp"
#include "api/transaction_capacity.hpp"

namespace floci::dynamodb::api {
namespace {

TEST(ConsumedCapacityTest, TotalIsTheSumWithoutParts) {
    ConsumedCapacity c("t");
    c.add_table(1);
    c.add_index("g", true, 2);
    c.add_index("l", false, 0.5);
    EXPECT_EQ(c.json("TOTAL"), R"({"TableName":"t","CapacityUnits":3.5})");
}

TEST(ConsumedCapacityTest, IndexesListsTheTableAndEachIndexUsed) {
    ConsumedCapacity c("t");
    c.add_table(1);
    c.add_index("g1", true, 1);
    c.add_index("l1", false, 1);
    c.add_index("g1", true, 1);  // written twice (a batch): summed
    EXPECT_EQ(c.json("INDEXES"),
              R"({"TableName":"t","CapacityUnits":4.0,"Table":{"CapacityUnits":1.0},)"
              R"("LocalSecondaryIndexes":{"l1":{"CapacityUnits":1.0}},)"
              R"("GlobalSecondaryIndexes":{"g1":{"CapacityUnits":2.0}}})");
}

TEST(ConsumedCapacityTest, NoIndexNoMaps) {
    ConsumedCapacity c("t");
    c.add_table(0.5);
    EXPECT_EQ(c.json("INDEXES"),
              R"({"TableName":"t","CapacityUnits":0.5,"Table":{"CapacityUnits":0.5}})");
}

TEST(ConsumedCapacityTest, TransactionsMirrorTheUnitsEverywhere) {
    TransactionCapacity t("INDEXES", "WriteCapacityUnits");
    t.add("a", 2);
    t.add_indexes("a", {{"g", true, 1}});
    t.add("b", 2);
    EXPECT_EQ(t.members(),
              R"("ConsumedCapacity":[{"TableName":"a","CapacityUnits":3.0,)"
              R"("WriteCapacityUnits":3.0,"Table":{"CapacityUnits":2.0,"WriteCapacityUnits":2.0},)"
              R"("GlobalSecondaryIndexes":{"g":{"CapacityUnits":1.0,"WriteCapacityUnits":1.0}}},)"
              R"({"TableName":"b","CapacityUnits":2.0,"WriteCapacityUnits":2.0,)"
              R"("Table":{"CapacityUnits":2.0,"WriteCapacityUnits":2.0}}])");
    TransactionCapacity none("", "WriteCapacityUnits");
    none.add("a", 2);
    EXPECT_EQ(none.members(), "");
}

TEST(ReadCapacityTest, TableReadsChargeTheTable) {
    ReadBytes read{.table = 5000};
    EXPECT_EQ(read_capacity("t", nullptr, false, read, true).json("INDEXES"),
              R"({"TableName":"t","CapacityUnits":2.0,"Table":{"CapacityUnits":2.0}})");
    EXPECT_EQ(read_capacity("t", nullptr, false, {}, false).json("TOTAL"),
              R"({"TableName":"t","CapacityUnits":0.5})");
}

TEST(ReadCapacityTest, IndexReadsChargeTheIndexAndFetchesTheTable) {
    IndexMeta index;
    index.name = "i";
    ReadBytes read{.index = 100};
    EXPECT_EQ(read_capacity("t", &index, true, read, false).json("INDEXES"),
              R"({"TableName":"t","CapacityUnits":0.5,"Table":{"CapacityUnits":0.0},)"
              R"("GlobalSecondaryIndexes":{"i":{"CapacityUnits":0.5}}})");
    read = {.table = 9000, .index = 100, .fetched = 2};
    EXPECT_EQ(read_capacity("t", &index, false, read, true).json("INDEXES"),
              R"({"TableName":"t","CapacityUnits":4.0,"Table":{"CapacityUnits":3.0},)"
              R"("LocalSecondaryIndexes":{"i":{"CapacityUnits":1.0}}})");
}

}  // namespace
}  // namespace floci::dynamodb::api
