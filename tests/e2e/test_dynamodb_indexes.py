"""Secondary indexes end to end: LSI and GSI Query and Scan with each projection type, sparse
indexes, pagination through an index, index entries kept on overwrite/update/delete, GSIs
created and deleted by UpdateTable (a created one is built in the background: the test waits
for ACTIVE as clients do; test_dynamodb_backfill.py covers the build), the index read errors,
wrong index key types, DescribeTable's ItemCount/IndexSizeBytes, and the seed's create-table
command with the AWS CLI. Successful calls go through boto3; failing ones are posted raw so the
exact __type is seen."""
import json
import shlex
import subprocess
import tempfile
import time
import unittest

from floci_host import FlociHost

VALIDATION = "com.amazon.coral.validate#ValidationException"
NOT_FOUND = "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
LIMIT = "com.amazonaws.dynamodb.v20120810#LimitExceededException"
TARGET = "DynamoDB_20120810."
DURABLE = {"FLOCI_STORAGE_MODE": "persistent"}
SEED = (
    "aws dynamodb create-table --table-name Orders --attribute-definitions "
    "AttributeName=orderId,AttributeType=S AttributeName=customerId,AttributeType=S "
    "--key-schema AttributeName=orderId,KeyType=HASH --global-secondary-indexes "
    "'[{\"IndexName\":\"CustomerIndex\",\"KeySchema\":[{\"AttributeName\":\"customerId\","
    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}]' "
    "--billing-mode PAY_PER_REQUEST --endpoint-url http://localhost:4566")


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


def definitions(*pairs):
    return [{"AttributeName": n, "AttributeType": t} for n, t in pairs]


def key(hash_name, range_name=None):
    out = [{"AttributeName": hash_name, "KeyType": "HASH"}]
    if range_name:
        out.append({"AttributeName": range_name, "KeyType": "RANGE"})
    return out


class IndexTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()
        cls.ddb = cls.host.boto3_client("dynamodb")
        cls.ddb.create_table(
            TableName="idx", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=definitions(("pk", "S"), ("sk", "N"), ("lsk", "N"), ("g", "S"),
                                             ("gs", "N")),
            KeySchema=key("pk", "sk"),
            LocalSecondaryIndexes=[
                {"IndexName": "lsi_all", "KeySchema": key("pk", "lsk"),
                 "Projection": {"ProjectionType": "ALL"}},
                {"IndexName": "lsi_keys", "KeySchema": key("pk", "lsk"),
                 "Projection": {"ProjectionType": "KEYS_ONLY"}}],
            GlobalSecondaryIndexes=[
                {"IndexName": "gsi_all", "KeySchema": key("g", "gs"),
                 "Projection": {"ProjectionType": "ALL"}},
                {"IndexName": "gsi_keys", "KeySchema": key("g"),
                 "Projection": {"ProjectionType": "KEYS_ONLY"}},
                {"IndexName": "gsi_include", "KeySchema": key("g", "gs"),
                 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a"]}}])

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    # -- helpers --------------------------------------------------------------------------
    def raw(self, action, payload):
        status, body, _ = self.host.call(TARGET + action, payload)
        return status, body

    def assert_error(self, action, payload, type_, message):
        status, body = self.raw(action, payload)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["__type"], type_)
        self.assertEqual(body["message"], message)

    def fresh_table(self, name, **extra):
        pairs = [("pk", "S")] + ([("g", "S")] if extra else [])
        self.ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                              AttributeDefinitions=definitions(*pairs), KeySchema=key("pk"),
                              **extra)

    def query(self, index, g, table="idx", **extra):
        return self.ddb.query(TableName=table, IndexName=index,
                              KeyConditionExpression="g = :g",
                              ExpressionAttributeValues={":g": S(g)}, **extra)

    def gsi(self, table, name):
        described = self.ddb.describe_table(TableName=table)["Table"]
        return next(i for i in described.get("GlobalSecondaryIndexes", [])
                    if i["IndexName"] == name)

    def wait_active(self, table, name, timeout=30):
        """Polls DescribeTable until a GSI added by UpdateTable is built, as clients do."""
        deadline = time.monotonic() + timeout
        while (index := self.gsi(table, name))["IndexStatus"] != "ACTIVE":
            self.assertLess(time.monotonic(), deadline, f"{name} still {index['IndexStatus']}")
            time.sleep(0.02)
        return index

    # -- projections ----------------------------------------------------------------------
    def test_gsi_query_with_each_projection(self):
        item = {"pk": S("p1"), "sk": N(1), "g": S("proj"), "gs": N(5), "a": S("x"), "b": S("y")}
        self.ddb.put_item(TableName="idx", Item=item)
        self.assertEqual(self.query("gsi_all", "proj")["Items"], [item])
        keys = {k: item[k] for k in ("pk", "sk", "g")}
        self.assertEqual(self.query("gsi_keys", "proj")["Items"], [keys])
        include = {k: item[k] for k in ("pk", "sk", "g", "gs", "a")}
        self.assertEqual(self.query("gsi_include", "proj")["Items"], [include])
        # Asking for a non-projected attribute of a GSI gets what the index has.
        got = self.query("gsi_keys", "proj", ProjectionExpression="pk, b")["Items"]
        self.assertEqual(got, [{"pk": S("p1")}])

    def test_lsi_query_with_each_projection(self):
        for sk, lsk in ((1, 30), (2, 10), (3, 20)):
            self.ddb.put_item(TableName="idx", Item={"pk": S("lsi"), "sk": N(sk), "lsk": N(lsk),
                                                     "c": S(f"c{sk}")})
        got = self.ddb.query(TableName="idx", IndexName="lsi_all",
                             KeyConditionExpression="pk = :p AND lsk > :v",
                             ExpressionAttributeValues={":p": S("lsi"), ":v": N(10)})
        self.assertEqual([i["sk"]["N"] for i in got["Items"]], ["3", "1"])
        self.assertEqual(got["Items"][0]["c"], S("c3"))
        keys = self.ddb.query(TableName="idx", IndexName="lsi_keys",
                              KeyConditionExpression="pk = :p",
                              ExpressionAttributeValues={":p": S("lsi")}, ScanIndexForward=False)
        self.assertEqual(keys["Items"][0], {"pk": S("lsi"), "sk": N(1), "lsk": N(30)})
        # An LSI fetches what its projection lacks from the table.
        everything = self.ddb.query(TableName="idx", IndexName="lsi_keys",
                                    KeyConditionExpression="pk = :p",
                                    ExpressionAttributeValues={":p": S("lsi")},
                                    Select="ALL_ATTRIBUTES")
        self.assertEqual([i["c"]["S"] for i in everything["Items"]], ["c2", "c3", "c1"])

    def test_select_all_attributes_on_keys_only_gsi_is_refused(self):
        self.assert_error("Query", {
            "TableName": "idx", "IndexName": "gsi_keys", "KeyConditionExpression": "g = :g",
            "ExpressionAttributeValues": {":g": S("x")}, "Select": "ALL_ATTRIBUTES"},
            VALIDATION,
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
            "supported for global secondary index gsi_keys because its projection type is not ALL")

    def test_consistent_read_on_gsi_is_refused(self):
        for action, extra in (("Query", {"KeyConditionExpression": "g = :g",
                                         "ExpressionAttributeValues": {":g": S("x")}}),
                              ("Scan", {})):
            self.assert_error(action, {"TableName": "idx", "IndexName": "gsi_all",
                                       "ConsistentRead": True, **extra},
                              VALIDATION,
                              "Consistent reads are not supported on global secondary indexes")

    def test_unknown_index_is_refused(self):
        self.assert_error("Query", {
            "TableName": "idx", "IndexName": "nope", "KeyConditionExpression": "g = :g",
            "ExpressionAttributeValues": {":g": S("x")}},
            VALIDATION, "The table does not have the specified index: nope")

    # -- sparse, pagination, order ----------------------------------------------------------
    def test_sparse_index_has_only_items_with_its_keys(self):
        self.ddb.put_item(TableName="idx", Item={"pk": S("sp1"), "sk": N(1), "g": S("sparse")})
        self.ddb.put_item(TableName="idx", Item={"pk": S("sp2"), "sk": N(1)})
        self.assertEqual(self.query("gsi_keys", "sparse")["Count"], 1)
        # gsi_all needs gs too: the item is absent from it.
        self.assertEqual(self.query("gsi_all", "sparse")["Count"], 0)

    def test_pagination_through_index_query(self):
        for i in range(7):
            self.ddb.put_item(TableName="idx", Item={"pk": S(f"page{i}"), "sk": N(0),
                                                     "g": S("pages"), "gs": N(i % 3)})
        seen, pages, start = [], 0, None
        while True:
            extra = {"ExclusiveStartKey": start} if start else {}
            page = self.query("gsi_all", "pages", Limit=3, **extra)
            seen += [(i["gs"]["N"], i["pk"]["S"]) for i in page["Items"]]
            pages += 1
            start = page.get("LastEvaluatedKey")
            if not start:
                break
            self.assertEqual(set(start), {"g", "gs", "pk", "sk"})
            last = page["Items"][-1]
            self.assertEqual(start, {k: last[k] for k in ("g", "gs", "pk", "sk")})
        self.assertEqual(pages, 3)
        self.assertEqual(len(seen), 7)
        self.assertEqual([s[0] for s in seen], sorted(s[0] for s in seen))
        backwards = self.query("gsi_all", "pages", ScanIndexForward=False)["Items"]
        self.assertEqual([i["gs"]["N"] for i in backwards][0], "2")

    def test_index_start_key_without_index_keys_is_refused(self):
        self.assert_error("Query", {
            "TableName": "idx", "IndexName": "gsi_all", "KeyConditionExpression": "g = :g",
            "ExpressionAttributeValues": {":g": S("x")},
            "ExclusiveStartKey": {"pk": S("a"), "sk": N(1)}},
            VALIDATION, "The provided starting key is invalid")

    def test_scan_index(self):
        self.ddb.put_item(TableName="idx", Item={"pk": S("scan1"), "sk": N(1),
                                                 "g": S("scan"), "gs": N(1)})
        items = self.ddb.scan(TableName="idx", IndexName="gsi_keys")["Items"]
        self.assertTrue(all(set(i) == {"pk", "sk", "g"} for i in items))
        self.assertIn({"pk": S("scan1"), "sk": N(1), "g": S("scan")}, items)

    # -- maintenance ---------------------------------------------------------------------
    def test_entries_follow_overwrite_update_and_delete(self):
        item_key = {"pk": S("m1"), "sk": N(1)}
        self.ddb.put_item(TableName="idx", Item={**item_key, "g": S("m_old"), "gs": N(1)})
        self.ddb.put_item(TableName="idx", Item={**item_key, "g": S("m_new"), "gs": N(1)})
        self.assertEqual(self.query("gsi_all", "m_old")["Count"], 0)
        self.assertEqual(self.query("gsi_all", "m_new")["Count"], 1)
        self.ddb.update_item(TableName="idx", Key=item_key, UpdateExpression="SET g = :g",
                             ExpressionAttributeValues={":g": S("m_upd")})
        self.assertEqual(self.query("gsi_all", "m_new")["Count"], 0)
        self.assertEqual(self.query("gsi_all", "m_upd")["Items"][0]["g"], S("m_upd"))
        self.ddb.update_item(TableName="idx", Key=item_key, UpdateExpression="SET a = :a",
                             ExpressionAttributeValues={":a": S("v")})
        self.assertEqual(self.query("gsi_include", "m_upd")["Items"][0]["a"], S("v"))
        self.ddb.update_item(TableName="idx", Key=item_key, UpdateExpression="REMOVE gs")
        self.assertEqual(self.query("gsi_all", "m_upd")["Count"], 0)
        self.assertEqual(self.query("gsi_keys", "m_upd")["Count"], 1)
        self.ddb.delete_item(TableName="idx", Key=item_key)
        self.assertEqual(self.query("gsi_keys", "m_upd")["Count"], 0)

    def test_batch_write_maintains_indexes(self):
        self.ddb.batch_write_item(RequestItems={"idx": [
            {"PutRequest": {"Item": {"pk": S("bw1"), "sk": N(1), "g": S("batch")}}},
            {"PutRequest": {"Item": {"pk": S("bw2"), "sk": N(1), "g": S("batch")}}}]})
        self.assertEqual(self.query("gsi_keys", "batch")["Count"], 2)
        self.ddb.batch_write_item(RequestItems={"idx": [
            {"DeleteRequest": {"Key": {"pk": S("bw1"), "sk": N(1)}}}]})
        self.assertEqual(self.query("gsi_keys", "batch")["Count"], 1)

    def test_wrong_index_key_type_is_refused(self):
        message = ("One or more parameter values were invalid: Type mismatch for Index Key gs "
                   "Expected: N Actual: S IndexName: gsi_all")
        item = {"pk": S("bad"), "sk": N(1), "g": S("bad"), "gs": S("text")}
        self.assert_error("PutItem", {"TableName": "idx", "Item": item}, VALIDATION, message)
        self.assert_error("UpdateItem", {
            "TableName": "idx", "Key": {"pk": S("bad"), "sk": N(1)},
            "UpdateExpression": "SET gs = :v", "ExpressionAttributeValues": {":v": S("t")}},
            VALIDATION, message)
        got = self.ddb.get_item(TableName="idx", Key={"pk": S("bad"), "sk": N(1)})
        self.assertNotIn("Item", got)

    def test_describe_table_counts_index_items_and_bytes(self):
        self.fresh_table("stats", GlobalSecondaryIndexes=[
            {"IndexName": "by_g", "KeySchema": key("g"),
             "Projection": {"ProjectionType": "KEYS_ONLY"}}])
        self.ddb.put_item(TableName="stats", Item={"pk": S("a"), "g": S("x"), "big": S("z" * 50)})
        self.ddb.put_item(TableName="stats", Item={"pk": S("b")})
        index = self.gsi("stats", "by_g")
        self.assertEqual(index["ItemCount"], 1)
        # Projected item pk=a, g=x (2 + 1 + 1 + 1 bytes) plus 100 bytes of overhead.
        self.assertEqual(index["IndexSizeBytes"], 105)
        self.assertEqual(index["IndexStatus"], "ACTIVE")
        self.assertNotIn("Backfilling", index)
        self.ddb.delete_item(TableName="stats", Key={"pk": S("a")})
        index = self.gsi("stats", "by_g")
        self.assertEqual((index["ItemCount"], index["IndexSizeBytes"]), (0, 0))

    # -- UpdateTable ------------------------------------------------------------------------
    def test_gsi_created_later_is_backfilled_then_queried(self):
        self.fresh_table("later")
        for i in range(5):
            item = {"pk": S(f"k{i}")}
            if i % 2 == 0:
                item["c"] = S("even")
            self.ddb.put_item(TableName="later", Item=item)
        reply = self.ddb.update_table(
            TableName="later", AttributeDefinitions=definitions(("c", "S")),
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "by_c", "KeySchema": key("c"),
                "Projection": {"ProjectionType": "ALL"}}}])["TableDescription"]
        self.assertEqual(reply["TableStatus"], "UPDATING")
        created = reply["GlobalSecondaryIndexes"][0]
        self.assertEqual(created["IndexStatus"], "CREATING")
        self.assertIs(created["Backfilling"], False)
        self.assertIn({"AttributeName": "c", "AttributeType": "S"}, reply["AttributeDefinitions"])
        described = self.wait_active("later", "by_c")
        self.assertIs(described["Backfilling"], False)
        self.assertEqual(described["ItemCount"], 3)
        got = self.ddb.query(TableName="later", IndexName="by_c",
                             KeyConditionExpression="c = :c",
                             ExpressionAttributeValues={":c": S("even")})
        self.assertEqual(sorted(i["pk"]["S"] for i in got["Items"]), ["k0", "k2", "k4"])
        self.ddb.put_item(TableName="later", Item={"pk": S("k9"), "c": S("even")})
        self.assertEqual(self.ddb.query(TableName="later", IndexName="by_c",
                                        KeyConditionExpression="c = :c",
                                        ExpressionAttributeValues={":c": S("even")})["Count"], 4)

    def test_gsi_deleted(self):
        self.fresh_table("drop_gsi", GlobalSecondaryIndexes=[
            {"IndexName": "by_g", "KeySchema": key("g"), "Projection": {"ProjectionType": "ALL"}}])
        self.ddb.put_item(TableName="drop_gsi", Item={"pk": S("a"), "g": S("x")})
        reply = self.ddb.update_table(TableName="drop_gsi", GlobalSecondaryIndexUpdates=[
            {"Delete": {"IndexName": "by_g"}}])["TableDescription"]
        self.assertEqual(reply["GlobalSecondaryIndexes"][0]["IndexStatus"], "DELETING")
        described = self.ddb.describe_table(TableName="drop_gsi")["Table"]
        self.assertNotIn("GlobalSecondaryIndexes", described)
        self.assertEqual(described["AttributeDefinitions"],
                         [{"AttributeName": "pk", "AttributeType": "S"}])
        self.assert_error("Query", {
            "TableName": "drop_gsi", "IndexName": "by_g", "KeyConditionExpression": "g = :g",
            "ExpressionAttributeValues": {":g": S("x")}},
            VALIDATION, "The table does not have the specified index: by_g")
        self.ddb.put_item(TableName="drop_gsi", Item={"pk": S("b"), "g": S("x")})

    def test_gsi_update_errors(self):
        self.fresh_table("gsi_errors", GlobalSecondaryIndexes=[
            {"IndexName": "by_g", "KeySchema": key("g"), "Projection": {"ProjectionType": "ALL"}}])
        create = {"IndexName": "by_g", "KeySchema": key("g"),
                  "Projection": {"ProjectionType": "ALL"}}
        self.assert_error("UpdateTable", {
            "TableName": "gsi_errors", "AttributeDefinitions": definitions(("g", "S")),
            "GlobalSecondaryIndexUpdates": [{"Create": create}]},
            VALIDATION, "Attempting to create an index which already exists")
        self.assert_error("UpdateTable", {
            "TableName": "gsi_errors", "GlobalSecondaryIndexUpdates": [
                {"Delete": {"IndexName": "missing"}}]},
            NOT_FOUND, "Requested resource not found: Index missing for table gsi_errors")
        self.assert_error("UpdateTable", {
            "TableName": "gsi_errors", "AttributeDefinitions": definitions(("h", "S")),
            "GlobalSecondaryIndexUpdates": [
                {"Create": {**create, "IndexName": "one", "KeySchema": key("h")}},
                {"Create": {**create, "IndexName": "two", "KeySchema": key("h")}}]},
            LIMIT, "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                   "simultaneously per table")
        self.assert_error("UpdateTable", {
            "TableName": "gsi_errors", "GlobalSecondaryIndexUpdates": [
                {"Delete": {"IndexName": "by_g"}}, {"Delete": {"IndexName": "by_g"}}]},
            VALIDATION, "One or more parameter values were invalid: Only one global secondary "
                        "index update per index is allowed simultaneously. Index: by_g")
        self.assert_error("UpdateTable", {
            "TableName": "gsi_errors", "GlobalSecondaryIndexUpdates": [{}]},
            VALIDATION, "One or more parameter values were invalid: One of "
                        "GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                        "GlobalSecondaryIndexUpdate.Delete must not be null")
        self.assertEqual(len(self.ddb.describe_table(TableName="gsi_errors")["Table"]
                             ["GlobalSecondaryIndexes"]), 1)

    def test_gsi_throughput_update_is_accepted(self):
        self.ddb.create_table(
            TableName="prov", AttributeDefinitions=definitions(("pk", "S"), ("g", "S")),
            KeySchema=key("pk"), ProvisionedThroughput={"ReadCapacityUnits": 1,
                                                        "WriteCapacityUnits": 1},
            GlobalSecondaryIndexes=[{"IndexName": "by_g", "KeySchema": key("g"),
                                     "Projection": {"ProjectionType": "ALL"},
                                     "ProvisionedThroughput": {"ReadCapacityUnits": 1,
                                                               "WriteCapacityUnits": 1}}])
        self.ddb.update_table(TableName="prov", GlobalSecondaryIndexUpdates=[
            {"Update": {"IndexName": "by_g", "ProvisionedThroughput": {
                "ReadCapacityUnits": 4, "WriteCapacityUnits": 2}}}])
        throughput = self.gsi("prov", "by_g")["ProvisionedThroughput"]
        self.assertEqual((throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]),
                         (4, 2))

    def test_index_data_survives_restart(self):
        with tempfile.TemporaryDirectory(prefix="floci-idx-") as data:
            with FlociHost(data_dir=data, env=DURABLE) as first:
                ddb = first.boto3_client("dynamodb")
                ddb.create_table(TableName="kept", BillingMode="PAY_PER_REQUEST",
                                 AttributeDefinitions=definitions(("pk", "S"), ("g", "S")),
                                 KeySchema=key("pk"), GlobalSecondaryIndexes=[
                                     {"IndexName": "by_g", "KeySchema": key("g"),
                                      "Projection": {"ProjectionType": "ALL"}}])
                ddb.put_item(TableName="kept", Item={"pk": S("a"), "g": S("x")})
            with FlociHost(data_dir=data, env=DURABLE) as second:
                ddb = second.boto3_client("dynamodb")
                got = ddb.query(TableName="kept", IndexName="by_g",
                                KeyConditionExpression="g = :g",
                                ExpressionAttributeValues={":g": S("x")})
                self.assertEqual(got["Items"], [{"pk": S("a"), "g": S("x")}])
                index = ddb.describe_table(TableName="kept")["Table"]["GlobalSecondaryIndexes"][0]
                self.assertEqual(index["ItemCount"], 1)

    # -- the seed command ------------------------------------------------------------------
    def test_seed_create_table_with_gsi(self):
        command = SEED.replace("http://localhost:4566", self.host.endpoint)
        result = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        created = json.loads(result.stdout)["TableDescription"]
        index = created["GlobalSecondaryIndexes"][0]
        self.assertEqual(index["IndexName"], "CustomerIndex")
        self.assertEqual(index["KeySchema"], [{"AttributeName": "customerId", "KeyType": "HASH"}])
        self.assertEqual(index["Projection"], {"ProjectionType": "ALL"})
        self.ddb.put_item(TableName="Orders", Item={"orderId": S("o1"), "customerId": S("c1")})
        self.ddb.put_item(TableName="Orders", Item={"orderId": S("o2"), "customerId": S("c1")})
        got = self.ddb.query(TableName="Orders", IndexName="CustomerIndex",
                             KeyConditionExpression="customerId = :c",
                             ExpressionAttributeValues={":c": S("c1")})
        self.assertEqual(sorted(i["orderId"]["S"] for i in got["Items"]), ["o1", "o2"])


if __name__ == "__main__":
    unittest.main()
