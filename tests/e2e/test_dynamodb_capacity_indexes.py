"""ReturnConsumedCapacity on tables with secondary indexes, end to end through boto3.

Writes cost the table plus every index they write (developer guide, "Provisioned throughput
considerations for Global Secondary Indexes" > "Write capacity units", and the LSI
equivalent): entering an index 1, leaving it 1, moving an index key 2 (delete + put), a
projected attribute changed in place 1, nothing projected changed 0 (the index is left out),
each sized by the index entry rounded up per KB. INDEXES breaks the total down into Table,
GlobalSecondaryIndexes and LocalSecondaryIndexes; TOTAL gives the sum alone. Transactions
double the table's units, not the indexes'. Reads of an index charge the index (Table 0.0),
and an LSI read that fetches non-projected attributes charges the table for the items fetched.

The table mirrors the one real DynamoDB was measured against in nubo-db/dynamodb-conformance
tests/tier1/putItem/indexConsumedCapacity.test.ts (a GSI on gsiPk projecting INCLUDE [proj],
an LSI on pk/lsiSk projecting ALL), so the small-item figures below are AWS's measured ones.
"""
import itertools
import unittest

from floci_host import FlociHost

TABLE = "cap"
KEYS_TABLE = "cap_keys"  # an LSI projecting KEYS_ONLY, for reads that fetch from the table


def S(v):
    return {"S": v}


def definitions(*names):
    return [{"AttributeName": n, "AttributeType": "S"} for n in names]


def key(hash_name, range_name=None):
    out = [{"AttributeName": hash_name, "KeyType": "HASH"}]
    if range_name:
        out.append({"AttributeName": range_name, "KeyType": "RANGE"})
    return out


def capacity(total, table=None, gsi=None, lsi=None, name=TABLE):
    """The ConsumedCapacity AWS returns: TOTAL when `table` is None, else INDEXES."""
    out = {"TableName": name, "CapacityUnits": total}
    if table is not None:
        out["Table"] = {"CapacityUnits": table}
    if gsi is not None:
        out["GlobalSecondaryIndexes"] = {"gsi_inc": {"CapacityUnits": gsi}}
    if lsi is not None:
        out["LocalSecondaryIndexes"] = {"lsi_all": {"CapacityUnits": lsi}}
    return out


def transaction_capacity(total, table=None, gsi=None, lsi=None):
    """A transaction's entry: every CapacityUnits mirrored as WriteCapacityUnits."""
    out = capacity(total, table, gsi, lsi)
    for part in [out, out.get("Table")] + [
            arm for maps in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes")
            for arm in out.get(maps, {}).values()]:
        if part is not None:
            part["WriteCapacityUnits"] = part["CapacityUnits"]
    return out


class CapacityIndexesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()
        cls.ddb = cls.host.boto3_client("dynamodb")
        cls.ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=definitions("pk", "sk", "gsiPk", "lsiSk"),
            KeySchema=key("pk", "sk"),
            GlobalSecondaryIndexes=[{
                "IndexName": "gsi_inc", "KeySchema": key("gsiPk"),
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["proj"]}}],
            LocalSecondaryIndexes=[{
                "IndexName": "lsi_all", "KeySchema": key("pk", "lsiSk"),
                "Projection": {"ProjectionType": "ALL"}}])
        cls.ddb.create_table(
            TableName=KEYS_TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=definitions("pk", "sk", "lsiSk"), KeySchema=key("pk", "sk"),
            LocalSecondaryIndexes=[{
                "IndexName": "lsi_keys", "KeySchema": key("pk", "lsiSk"),
                "Projection": {"ProjectionType": "KEYS_ONLY"}}])
        cls.counter = itertools.count()

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    # -- helpers --------------------------------------------------------------------------
    def fresh(self):
        return f"item-{next(self.counter)}"

    def put(self, item, mode="INDEXES", table=TABLE):
        return self.ddb.put_item(TableName=table, Item=item,
                                 ReturnConsumedCapacity=mode)["ConsumedCapacity"]

    def seed(self, **attributes):
        pk = self.fresh()
        item = {"pk": S(pk), "sk": S("1")}
        item.update({name: S(value) for name, value in attributes.items()})
        self.ddb.put_item(TableName=TABLE, Item=item)
        return pk

    def update(self, pk, expression, values=None, mode="INDEXES"):
        extra = {"ExpressionAttributeValues": values} if values else {}
        return self.ddb.update_item(
            TableName=TABLE, Key={"pk": S(pk), "sk": S("1")}, UpdateExpression=expression,
            ReturnConsumedCapacity=mode, **extra)["ConsumedCapacity"]

    def delete(self, pk, mode="INDEXES"):
        return self.ddb.delete_item(TableName=TABLE, Key={"pk": S(pk), "sk": S("1")},
                                    ReturnConsumedCapacity=mode)["ConsumedCapacity"]

    # -- PutItem --------------------------------------------------------------------------
    def test_put_of_a_gsi_member_costs_the_table_and_the_index(self):
        item = {"pk": S(self.fresh()), "sk": S("1"), "gsiPk": S("g1"), "proj": S("p")}
        self.assertEqual(self.put(item), capacity(2.0, table=1.0, gsi=1.0))

    def test_total_folds_the_index_units_in(self):
        item = {"pk": S(self.fresh()), "sk": S("1"), "gsiPk": S("g2"), "proj": S("p")}
        self.assertEqual(self.put(item, "TOTAL"), capacity(2.0))

    def test_put_without_index_keys_costs_the_table_alone(self):
        item = {"pk": S(self.fresh()), "sk": S("1"), "filler": S("o")}
        self.assertEqual(self.put(item), capacity(1.0, table=1.0))
        self.assertEqual(self.put(dict(item, pk=S(self.fresh())), "TOTAL"), capacity(1.0))

    def test_put_of_a_member_of_both_indexes(self):
        item = {"pk": S(self.fresh()), "sk": S("1"), "gsiPk": S("g3"), "lsiSk": S("L1"),
                "proj": S("p")}
        self.assertEqual(self.put(item), capacity(3.0, table=1.0, gsi=1.0, lsi=1.0))
        self.assertEqual(self.put(dict(item, pk=S(self.fresh())), "TOTAL"), capacity(3.0))

    def test_identical_overwrite_writes_no_index(self):
        item = {"pk": S(self.fresh()), "sk": S("1"), "gsiPk": S("g4"), "lsiSk": S("L1"),
                "proj": S("p")}
        self.put(item)
        self.assertEqual(self.put(item), capacity(1.0, table=1.0))

    def test_index_writes_are_sized_by_the_entry(self):
        # The GSI entry carries pk, sk, gsiPk and proj: about 3,020 bytes, 3 units (without the
        # 100 bytes of storage overhead; AWS measured 3 for such an entry). `filler` is not
        # projected into the GSI, so a large one costs it nothing, but the ALL LSI and the
        # table carry it.
        pk = self.fresh()
        item = {"pk": S(pk), "sk": S("1"), "gsiPk": S("g"), "proj": S("x" * 3000)}
        self.assertEqual(self.put(item), capacity(6.0, table=3.0, gsi=3.0))
        item = {"pk": S(self.fresh()), "sk": S("1"), "gsiPk": S("g"), "lsiSk": S("L"),
                "proj": S("p"), "filler": S("x" * 3000)}
        self.assertEqual(self.put(item), capacity(7.0, table=3.0, gsi=1.0, lsi=3.0))

    # -- UpdateItem -----------------------------------------------------------------------
    def test_update_of_an_unprojected_attribute_skips_the_gsi(self):
        pk = self.seed(gsiPk="g", lsiSk="L1", proj="p", filler="o")
        # `filler` is outside the GSI's INCLUDE list but inside the LSI's ALL projection.
        self.assertEqual(self.update(pk, "SET filler = :v", {":v": S("o2")}),
                         capacity(2.0, table=1.0, lsi=1.0))

    def test_update_of_a_projected_attribute_writes_each_index_once(self):
        pk = self.seed(gsiPk="g", lsiSk="L1", proj="p", filler="o")
        self.assertEqual(self.update(pk, "SET proj = :v", {":v": S("p2")}),
                         capacity(3.0, table=1.0, gsi=1.0, lsi=1.0))

    def test_changing_an_index_key_costs_a_delete_and_a_put(self):
        pk = self.seed(gsiPk="g", lsiSk="L1", proj="p", filler="o")
        self.assertEqual(self.update(pk, "SET gsiPk = :v", {":v": S("g-moved")}),
                         capacity(4.0, table=1.0, gsi=2.0, lsi=1.0))
        pk = self.seed(gsiPk="g", lsiSk="L1", proj="p", filler="o")
        # lsiSk is not in the GSI's projection: its entry stays as it was.
        self.assertEqual(self.update(pk, "SET lsiSk = :v", {":v": S("L2")}),
                         capacity(3.0, table=1.0, lsi=2.0))

    def test_removing_an_index_key_costs_one_delete(self):
        pk = self.seed(gsiPk="g", lsiSk="L1", proj="p", filler="o")
        self.assertEqual(self.update(pk, "REMOVE gsiPk"),
                         capacity(3.0, table=1.0, gsi=1.0, lsi=1.0))

    def test_update_that_adds_an_index_key_costs_one_put(self):
        pk = self.seed(filler="o")
        self.assertEqual(self.update(pk, "SET gsiPk = :v", {":v": S("g")}),
                         capacity(2.0, table=1.0, gsi=1.0))
        self.assertEqual(self.update(self.seed(filler="o"), "SET gsiPk = :v", {":v": S("g")},
                                     "TOTAL"), capacity(2.0))

    def test_update_sizes_each_index_write_by_its_entries(self):
        # In place: the larger of the old and new entry (3,017 bytes -> 3).
        pk = self.seed(gsiPk="g", proj="x" * 3000)
        self.assertEqual(self.update(pk, "SET proj = :v", {":v": S("p")}),
                         capacity(6.0, table=3.0, gsi=3.0))
        # A move: the old and the new entry each rounded up (1,517 bytes -> 2, twice).
        pk = self.seed(gsiPk="A", proj="x" * 1500)
        self.assertEqual(self.update(pk, "SET gsiPk = :v", {":v": S("B")}),
                         capacity(6.0, table=2.0, gsi=4.0))

    # -- DeleteItem -----------------------------------------------------------------------
    def test_delete_costs_each_index_the_item_was_in(self):
        pk = self.seed(gsiPk="g", lsiSk="L1", proj="p")
        self.assertEqual(self.delete(pk), capacity(3.0, table=1.0, gsi=1.0, lsi=1.0))
        self.assertEqual(self.delete(self.seed(filler="o")), capacity(1.0, table=1.0))
        self.assertEqual(self.delete(self.seed(gsiPk="g", lsiSk="L1"), "TOTAL"), capacity(3.0))
        # Deleting a missing item writes no index.
        self.assertEqual(self.delete(self.fresh()), capacity(1.0, table=1.0))

    # -- BatchWriteItem -------------------------------------------------------------------
    def test_batch_write_sums_the_indexes_per_table(self):
        doomed = self.seed(gsiPk="g", lsiSk="L1")
        requests = [
            {"PutRequest": {"Item": {"pk": S(self.fresh()), "sk": S("1"), "gsiPk": S("g"),
                                     "proj": S("p")}}},
            {"PutRequest": {"Item": {"pk": S(self.fresh()), "sk": S("1"), "filler": S("o")}}},
            {"DeleteRequest": {"Key": {"pk": S(doomed), "sk": S("1")}}}]
        got = self.ddb.batch_write_item(RequestItems={TABLE: requests},
                                        ReturnConsumedCapacity="INDEXES")
        self.assertEqual(got["ConsumedCapacity"], [capacity(6.0, table=3.0, gsi=2.0, lsi=1.0)])

    def test_batch_write_total_and_other_tables(self):
        got = self.ddb.batch_write_item(RequestItems={
            TABLE: [{"PutRequest": {"Item": {"pk": S(self.fresh()), "sk": S("1"),
                                             "gsiPk": S("g")}}}],
            KEYS_TABLE: [{"PutRequest": {"Item": {"pk": S("b"), "sk": S("1"),
                                                  "lsiSk": S("L")}}}]},
            ReturnConsumedCapacity="TOTAL")
        self.assertEqual(sorted(got["ConsumedCapacity"], key=lambda c: c["TableName"]),
                         [capacity(2.0), capacity(2.0, name=KEYS_TABLE)])

    # -- TransactWriteItems ---------------------------------------------------------------
    def transact(self, actions, mode="INDEXES"):
        return self.ddb.transact_write_items(TransactItems=actions,
                                             ReturnConsumedCapacity=mode)["ConsumedCapacity"]

    def test_transactions_double_the_table_not_the_indexes(self):
        # AWS measured: total 3, Table 2, GSI 1 (the plain PutItem: 2, 1, 1).
        put = {"Put": {"TableName": TABLE, "Item": {"pk": S(self.fresh()), "sk": S("1"),
                                                    "gsiPk": S("g")}}}
        self.assertEqual(self.transact([put]), [transaction_capacity(3.0, table=2.0, gsi=1.0)])
        put["Put"]["Item"]["pk"] = S(self.fresh())
        self.assertEqual(self.transact([put], "TOTAL"), [transaction_capacity(3.0)])

    def test_transaction_update_delete_and_check(self):
        moved = self.seed(gsiPk="g", lsiSk="L1")
        doomed = self.seed(gsiPk="g", lsiSk="L1")
        checked = self.seed(gsiPk="g", lsiSk="L1")
        actions = [
            {"Update": {"TableName": TABLE, "Key": {"pk": S(moved), "sk": S("1")},
                        "UpdateExpression": "SET gsiPk = :v",
                        "ExpressionAttributeValues": {":v": S("g2")}}},
            {"Delete": {"TableName": TABLE, "Key": {"pk": S(doomed), "sk": S("1")}}},
            {"ConditionCheck": {"TableName": TABLE, "Key": {"pk": S(checked), "sk": S("1")},
                                "ConditionExpression": "attribute_exists(pk)"}}]
        # Table 2 + 2 + 2; the move costs the GSI 2 and the ALL LSI 1; the delete 1 each; the
        # check writes no index.
        self.assertEqual(self.transact(actions),
                         [transaction_capacity(11.0, table=6.0, gsi=3.0, lsi=2.0)])

    # -- reads ----------------------------------------------------------------------------
    def seed_partition(self, table, pk, count, **attributes):
        for i in range(count):
            item = {"pk": S(pk), "sk": S(str(i)), "lsiSk": S(f"L{i}")}
            item.update({name: S(value) for name, value in attributes.items()})
            self.ddb.put_item(TableName=table, Item=item)

    def test_table_reads_charge_the_table(self):
        self.seed_partition(TABLE, "read-table", 3, gsiPk="read-gsi", filler="x" * 5000)
        got = self.ddb.query(TableName=TABLE, KeyConditionExpression="pk = :p",
                             ExpressionAttributeValues={":p": S("read-table")},
                             ConsistentRead=True, ReturnConsumedCapacity="INDEXES")
        # Three items of 5,041 bytes: 15,123 bytes, 4 reads.
        self.assertEqual(got["ConsumedCapacity"], capacity(4.0, table=4.0))
        got = self.ddb.get_item(TableName=TABLE, Key={"pk": S("read-table"), "sk": S("0")},
                                ReturnConsumedCapacity="INDEXES")
        self.assertEqual(got["ConsumedCapacity"], capacity(1.0, table=1.0))

    def test_gsi_reads_charge_the_index_by_its_entries(self):
        self.seed_partition(TABLE, "gsi-read", 3, gsiPk="gsi-read", filler="x" * 5000)
        query = dict(TableName=TABLE, IndexName="gsi_inc", KeyConditionExpression="gsiPk = :g",
                     ExpressionAttributeValues={":g": S("gsi-read")})
        # The entries hold no `filler`: a few dozen bytes, one eventually consistent read.
        got = self.ddb.query(ReturnConsumedCapacity="INDEXES", **query)
        self.assertEqual(got["Count"], 3)
        self.assertEqual(got["ConsumedCapacity"],
                         {"TableName": TABLE, "CapacityUnits": 0.5,
                          "Table": {"CapacityUnits": 0.0},
                          "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 0.5}}})
        got = self.ddb.query(ReturnConsumedCapacity="TOTAL", **query)
        self.assertEqual(got["ConsumedCapacity"], capacity(0.5))
        got = self.ddb.scan(TableName=TABLE, IndexName="gsi_inc",
                            ReturnConsumedCapacity="INDEXES")
        self.assertEqual(got["ConsumedCapacity"]["Table"], {"CapacityUnits": 0.0})
        self.assertEqual(set(got["ConsumedCapacity"]), {"TableName", "CapacityUnits", "Table",
                                                        "GlobalSecondaryIndexes"})

    def test_lsi_reads_charge_the_index(self):
        self.seed_partition(TABLE, "lsi-read", 3, filler="x" * 5000)
        got = self.ddb.query(TableName=TABLE, IndexName="lsi_all",
                             KeyConditionExpression="pk = :p",
                             ExpressionAttributeValues={":p": S("lsi-read")},
                             ConsistentRead=True, ReturnConsumedCapacity="INDEXES")
        # The ALL LSI's entries are the whole items: 4 reads, none fetched from the table.
        self.assertEqual(got["ConsumedCapacity"], capacity(4.0, table=0.0, lsi=4.0))
        # Nothing found: the index's minimum.
        got = self.ddb.query(TableName=TABLE, IndexName="lsi_all",
                             KeyConditionExpression="pk = :p",
                             ExpressionAttributeValues={":p": S("nothing")},
                             ReturnConsumedCapacity="INDEXES")
        self.assertEqual(got["ConsumedCapacity"], capacity(0.5, table=0.0, lsi=0.5))

    def test_lsi_reads_of_unprojected_attributes_charge_the_table_for_the_fetch(self):
        self.seed_partition(KEYS_TABLE, "fetch", 3, filler="x" * 5000)
        query = dict(TableName=KEYS_TABLE, IndexName="lsi_keys", ConsistentRead=True,
                     KeyConditionExpression="pk = :p",
                     ExpressionAttributeValues={":p": S("fetch")},
                     ReturnConsumedCapacity="INDEXES")
        lsi = lambda units: {"lsi_keys": {"CapacityUnits": units}}  # noqa: E731
        # The index's entries (pk, sk, lsiSk: 17 bytes each) cost 1; the three items fetched
        # for `filler` (15,069 bytes) cost the table 4.
        got = self.ddb.query(Select="ALL_ATTRIBUTES", **query)
        self.assertEqual(got["Items"][0]["filler"], S("x" * 5000))
        self.assertEqual(got["ConsumedCapacity"],
                         {"TableName": KEYS_TABLE, "CapacityUnits": 5.0,
                          "Table": {"CapacityUnits": 4.0}, "LocalSecondaryIndexes": lsi(1.0)})
        got = self.ddb.query(ProjectionExpression="sk, filler", **query)
        self.assertEqual(got["ConsumedCapacity"]["CapacityUnits"], 5.0)
        # Projected attributes only: the index alone is read.
        got = self.ddb.query(ProjectionExpression="sk, lsiSk", **query)
        self.assertEqual(got["Items"][0], {"sk": S("0"), "lsiSk": S("L0")})
        self.assertEqual(got["ConsumedCapacity"],
                         {"TableName": KEYS_TABLE, "CapacityUnits": 1.0,
                          "Table": {"CapacityUnits": 0.0}, "LocalSecondaryIndexes": lsi(1.0)})
        got = self.ddb.scan(TableName=KEYS_TABLE, IndexName="lsi_keys", Select="ALL_ATTRIBUTES",
                            ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(got["ConsumedCapacity"], capacity(5.0, name=KEYS_TABLE))


if __name__ == "__main__":
    unittest.main()
