#include "api/index_write_units.hpp"

#include <gtest/gtest.h>

#include "model/json_codec.hpp"
#include "model/key_encoding.hpp"

namespace floci::dynamodb::api {
namespace {

AttributeValue s(std::string_view v) { return AttributeValue(std::string(v)); }

// A table keyed pk, with a GSI on g projecting INCLUDE [proj] and an LSI on pk/l projecting
// KEYS_ONLY.
TableMeta table() {
    TableMeta meta;
    meta.id = "t1";
    meta.key.hash = {"pk", AttributeType::S};
    IndexMeta gsi;
    gsi.name = "gsi";
    gsi.key.hash = {"g", AttributeType::S};
    gsi.projection = {"INCLUDE", {"proj"}};
    meta.global_indexes.push_back(gsi);
    IndexMeta lsi;
    lsi.name = "lsi";
    lsi.key.hash = {"pk", AttributeType::S};
    lsi.key.range = KeyAttribute{"l", AttributeType::S};
    lsi.projection = {"KEYS_ONLY", {}};
    meta.local_indexes.push_back(lsi);
    return meta;
}

std::string stored(const Item& item) {
    std::string out;
    write_item(out, item);
    return out;
}

ItemWrite put(const Item& item) { return {ItemWrite::Kind::kPut, stored(item), 0, 0}; }

// The units of each index written, as "name=units" in order.
std::string units(const std::optional<Item>& old, const ItemWrite& write) {
    const auto meta = table();
    std::optional<std::string> text;
    if (old) text = stored(*old);
    std::string out;
    for (const auto& u : index_write_units(meta, encode_table_key(s("a")), text, write))
        out += (out.empty() ? "" : " ") + u.name + "=" + std::to_string(int(u.units)) +
               (u.global ? "g" : "l");
    return out;
}

TEST(IndexWriteUnitsTest, EnteringAndLeavingCostOneEach) {
    Item item{{"pk", s("a")}, {"g", s("x")}, {"l", s("y")}};
    EXPECT_EQ(units(std::nullopt, put(item)), "lsi=1l gsi=1g");
    EXPECT_EQ(units(item, {ItemWrite::Kind::kErase, {}, 0, 0}), "lsi=1l gsi=1g");
    Item sparse{{"pk", s("a")}, {"g", s("x")}};
    EXPECT_EQ(units(item, put(sparse)), "lsi=1l");  // the LSI key removed
}

TEST(IndexWriteUnitsTest, UnindexedAndUnchangedEntriesCostNothing) {
    Item bare{{"pk", s("a")}, {"other", s("1")}};
    EXPECT_EQ(units(std::nullopt, put(bare)), "");
    Item item{{"pk", s("a")}, {"g", s("x")}, {"proj", s("p")}, {"other", s("1")}};
    Item other = item;
    other["other"] = s("2");  // projected into neither index
    EXPECT_EQ(units(item, put(other)), "");
    EXPECT_EQ(units(item, put(item)), "");
    EXPECT_EQ(units(item, {ItemWrite::Kind::kNone, {}, 0, 0}), "");
    EXPECT_EQ(units(std::nullopt, {ItemWrite::Kind::kErase, {}, 0, 0}), "");
}

TEST(IndexWriteUnitsTest, ProjectedChangeCostsOneAndKeyChangeTwo) {
    Item item{{"pk", s("a")}, {"g", s("x")}, {"proj", s("p")}};
    Item projected = item;
    projected["proj"] = s("q");
    EXPECT_EQ(units(item, put(projected)), "gsi=1g");
    Item moved = item;
    moved["g"] = s("y");
    EXPECT_EQ(units(item, put(moved)), "gsi=2g");
}

TEST(IndexWriteUnitsTest, SizedByTheEntryPerKilobyte) {
    // The GSI entry: pk=a (3) + g=x (2) + proj (4 + n). 1,024 bytes is one unit, 1,025 two;
    // the 100 bytes of storage overhead are not counted.
    Item one{{"pk", s("a")}, {"g", s("x")}, {"proj", s(std::string(1015, 'p'))}};
    EXPECT_EQ(units(std::nullopt, put(one)), "gsi=1g");
    Item two = one;
    two["proj"] = s(std::string(1016, 'p'));
    EXPECT_EQ(units(std::nullopt, put(two)), "gsi=2g");
    // Unprojected bytes cost the GSI nothing.
    Item big{{"pk", s("a")}, {"g", s("x")}, {"other", s(std::string(5000, 'o'))}};
    EXPECT_EQ(units(std::nullopt, put(big)), "gsi=1g");
    // In place: the larger entry; a move: each entry rounded up on its own.
    Item small{{"pk", s("a")}, {"g", s("x")}, {"proj", s("p")}};
    EXPECT_EQ(units(two, put(small)), "gsi=2g");
    Item moved = two;
    moved["g"] = s("y");
    EXPECT_EQ(units(two, put(moved)), "gsi=4g");
}

}  // namespace
}  // namespace floci::dynamodb::api
