"""A GSI added by UpdateTable to a table of thousands of items is built in the background, as on
AWS: UpdateTable answers at once with the index CREATING (Backfilling false); DescribeTable then
shows CREATING with Backfilling true, and ACTIVE with Backfilling false once every item is
copied. Reading the index meanwhile is refused; writes issued during the build end up exactly
in the index, compared with a twin table that had the index from CreateTable; deleting the
index or the table stops the build; another GSI cannot be created meanwhile; a host stopped
(SIGTERM or kill -9) mid-build finishes it after a restart in wal mode.

FLOCI_DYNAMODB_BACKFILL_CHUNK and FLOCI_DYNAMODB_BACKFILL_PAUSE_MS slow the build down (a few
items per chunk, a pause between chunks) so a test can watch it run."""
import json
import random
import signal
import tempfile
import threading
import time
import unittest

from floci_host import FlociHost

TARGET = "DynamoDB_20120810."
VALIDATION = "com.amazon.coral.validate#ValidationException"
LIMIT = "com.amazonaws.dynamodb.v20120810#LimitExceededException"
ITEMS = 2000
SLOW = {"FLOCI_DYNAMODB_BACKFILL_CHUNK": "5", "FLOCI_DYNAMODB_BACKFILL_PAUSE_MS": "2"}
# Takes minutes to copy ITEMS: the build is surely still running when the test looks.
CRAWL = {"FLOCI_DYNAMODB_BACKFILL_CHUNK": "1", "FLOCI_DYNAMODB_BACKFILL_PAUSE_MS": "50"}
WAL = {"FLOCI_STORAGE_MODE": "wal"}
INDEX = {"IndexName": "by_g",
         "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                       {"AttributeName": "n", "KeyType": "RANGE"}],
         "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a"]}}
INDEX_DEFINITIONS = [{"AttributeName": "g", "AttributeType": "S"},
                     {"AttributeName": "n", "AttributeType": "N"}]


def item(i):
    """Item i: most have the index keys (seven partitions), every fifth has none."""
    out = {"pk": {"S": f"item{i:05d}"}, "n": {"N": str(i)}, "a": {"S": f"a{i}"},
           "b": {"S": f"not projected {i}"}}
    if i % 5:
        out["g"] = {"S": f"g{i % 7}"}
    return out


def projected(full):
    """The index entry of `full` as the index returns it, or None when it has none."""
    if "g" not in full or "n" not in full:
        return None
    return {name: full[name] for name in ("pk", "g", "n", "a") if name in full}


def canonical(items):
    return sorted(json.dumps(i, sort_keys=True) for i in items)


def wait_index_active(ddb, table, index, timeout=120):
    """Polls DescribeTable as a client does after adding an index; returns the description."""
    deadline = time.monotonic() + timeout
    while True:
        described = ddb.describe_table(TableName=table)["Table"]
        gsi = next(g for g in described["GlobalSecondaryIndexes"] if g["IndexName"] == index)
        if gsi["IndexStatus"] == "ACTIVE":
            return gsi
        if time.monotonic() > deadline:
            raise AssertionError(f"index {index} of {table} still {gsi['IndexStatus']}")
        time.sleep(0.05)


def create_table(ddb, name, with_index=False):
    definitions = [{"AttributeName": "pk", "AttributeType": "S"}]
    extra = {}
    if with_index:
        definitions += INDEX_DEFINITIONS
        extra["GlobalSecondaryIndexes"] = [INDEX]
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=definitions,
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], **extra)


def fill(ddb, name, items):
    items = list(items)
    for start in range(0, len(items), 25):
        ddb.batch_write_item(RequestItems={
            name: [{"PutRequest": {"Item": i}} for i in items[start:start + 25]]})


def add_index(ddb, name):
    return ddb.update_table(TableName=name, AttributeDefinitions=INDEX_DEFINITIONS,
                            GlobalSecondaryIndexUpdates=[{"Create": INDEX}])["TableDescription"]


def scan_all(ddb, name, **kwargs):
    items, start = [], {}
    while True:
        page = ddb.scan(TableName=name, **kwargs, **start)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}


def gsi(ddb, name):
    return ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]


class BackfillTest(unittest.TestCase):
    """Builds paced by SLOW, so each takes about a second and can be watched."""

    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost(env=SLOW).start()
        cls.ddb = cls.host.boto3_client("dynamodb")

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    def assert_error(self, action, payload, type_, message):
        status, body, _ = self.host.call(TARGET + action, payload)
        self.assertEqual((status, body.get("__type"), body.get("message")),
                         (400, type_, message))

    def assert_index_matches_twin(self, name):
        """The index equals, entry for entry and in its stats, the index of a twin table
        that had it from CreateTable and holds the same items."""
        twin = name + "_twin"
        create_table(self.ddb, twin, with_index=True)
        final = scan_all(self.ddb, name)
        fill(self.ddb, twin, final)
        built = scan_all(self.ddb, name, IndexName="by_g")
        expected = [p for p in map(projected, final) if p]
        self.assertEqual(canonical(built), canonical(expected))
        self.assertEqual(canonical(scan_all(self.ddb, twin, IndexName="by_g")), canonical(built))
        described, reference = gsi(self.ddb, name), gsi(self.ddb, twin)
        self.assertEqual((described["ItemCount"], described["IndexSizeBytes"]),
                         (reference["ItemCount"], reference["IndexSizeBytes"]))
        self.assertEqual(described["ItemCount"], len(expected))
        for partition in range(7):
            got = self.ddb.query(TableName=name, IndexName="by_g",
                                 KeyConditionExpression="g = :g",
                                 ExpressionAttributeValues={":g": {"S": f"g{partition}"}})
            want = sorted((p for p in expected if p["g"]["S"] == f"g{partition}"),
                          key=lambda p: int(p["n"]["N"]))
            self.assertEqual(got["Items"], want)

    def test_index_is_built_in_the_background(self):
        create_table(self.ddb, "background")
        fill(self.ddb, "background", map(item, range(ITEMS)))
        started = time.monotonic()
        reply = add_index(self.ddb, "background")
        self.assertLess(time.monotonic() - started, 1.0)
        created = reply["GlobalSecondaryIndexes"][0]
        self.assertEqual((created["IndexStatus"], created["Backfilling"]), ("CREATING", False))
        self.assertEqual((created["ItemCount"], created["IndexSizeBytes"]), (0, 0))

        described = self.ddb.describe_table(TableName="background")["Table"]
        self.assertEqual(described["TableStatus"], "ACTIVE")
        building = described["GlobalSecondaryIndexes"][0]
        self.assertEqual((building["IndexStatus"], building["Backfilling"]), ("CREATING", True))
        self.assertEqual((building["ItemCount"], building["IndexSizeBytes"]), (0, 0))
        read = {"TableName": "background", "IndexName": "by_g", "KeyConditionExpression": "g = :g",
                "ExpressionAttributeValues": {":g": {"S": "g1"}}}
        refused = "Cannot read from backfilling global secondary index: by_g"
        self.assert_error("Query", read, VALIDATION, refused)
        self.assert_error("Scan", {"TableName": "background", "IndexName": "by_g"}, VALIDATION,
                          refused)
        # The table itself stays readable and writable.
        self.ddb.put_item(TableName="background", Item=item(ITEMS))
        got = self.ddb.get_item(TableName="background", Key={"pk": item(3)["pk"]})
        self.assertEqual(got["Item"], item(3))

        active = wait_index_active(self.ddb, "background", "by_g")
        self.assertIs(active["Backfilling"], False)
        self.assert_index_matches_twin("background")

    def test_writes_during_the_build_end_up_in_the_index(self):
        create_table(self.ddb, "busy")
        fill(self.ddb, "busy", map(item, range(ITEMS)))
        add_index(self.ddb, "busy")
        stop = threading.Event()
        errors, writes_while_building = [], []

        def writer(seed):
            ddb = self.host.boto3_client("dynamodb")
            rng = random.Random(seed)
            try:
                while not stop.is_set():
                    i = rng.randrange(ITEMS + 200)  # some keys are new
                    key = {"pk": item(i)["pk"]}
                    op = rng.randrange(6)
                    if op == 0:
                        ddb.put_item(TableName="busy", Item=item(rng.randrange(ITEMS)) | key)
                    elif op == 1:
                        ddb.delete_item(TableName="busy", Key=key)
                    elif op == 2:  # moves the entry to another partition
                        ddb.update_item(TableName="busy", Key=key,
                                        UpdateExpression="SET g = :g, a = :a",
                                        ExpressionAttributeValues={
                                            ":g": {"S": f"g{rng.randrange(7)}"},
                                            ":a": {"S": f"moved by {seed}"}})
                    elif op == 3:  # leaves the index
                        ddb.update_item(TableName="busy", Key=key, UpdateExpression="REMOVE g")
                    elif op == 4:  # changes a projected attribute only
                        ddb.update_item(TableName="busy", Key=key,
                                        UpdateExpression="SET a = :a, n = :n",
                                        ExpressionAttributeValues={
                                            ":a": {"S": f"a by {seed}"},
                                            ":n": {"N": str(rng.randrange(10**6))}})
                    else:  # changes an attribute the index does not project
                        ddb.update_item(TableName="busy", Key=key, UpdateExpression="SET b = :b",
                                        ExpressionAttributeValues={":b": {"S": "changed"}})
                    if gsi(ddb, "busy")["IndexStatus"] == "CREATING":
                        writes_while_building.append(op)
            except Exception as e:  # reported by the main thread
                errors.append(e)

        threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(2)]
        for t in threads:
            t.start()
        try:
            wait_index_active(self.ddb, "busy", "by_g")
            time.sleep(0.2)  # and some writes after the build
        finally:
            stop.set()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertGreater(len(writes_while_building), 20)
        self.assert_index_matches_twin("busy")

    def test_deleting_the_index_stops_its_build(self):
        create_table(self.ddb, "undo")
        fill(self.ddb, "undo", map(item, range(ITEMS)))
        add_index(self.ddb, "undo")
        self.assertEqual(gsi(self.ddb, "undo")["Backfilling"], True)
        reply = self.ddb.update_table(TableName="undo", GlobalSecondaryIndexUpdates=[
            {"Delete": {"IndexName": "by_g"}}])["TableDescription"]
        self.assertEqual(reply["GlobalSecondaryIndexes"][0]["IndexStatus"], "DELETING")
        described = self.ddb.describe_table(TableName="undo")["Table"]
        self.assertNotIn("GlobalSecondaryIndexes", described)
        self.assert_error("Query", {
            "TableName": "undo", "IndexName": "by_g", "KeyConditionExpression": "g = :g",
            "ExpressionAttributeValues": {":g": {"S": "g1"}}},
            VALIDATION, "The table does not have the specified index: by_g")
        # Created again under the same name, it is built from scratch, exactly.
        add_index(self.ddb, "undo")
        wait_index_active(self.ddb, "undo", "by_g")
        self.assert_index_matches_twin("undo")

    def test_deleting_the_table_stops_the_build(self):
        create_table(self.ddb, "gone")
        fill(self.ddb, "gone", map(item, range(ITEMS)))
        add_index(self.ddb, "gone")
        self.ddb.delete_table(TableName="gone")
        self.assert_error("DescribeTable", {"TableName": "gone"},
                          "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                          "Requested resource not found: Table: gone not found")
        create_table(self.ddb, "gone")
        time.sleep(0.3)  # the stopped build would have written by now
        self.assertEqual(self.ddb.scan(TableName="gone")["Count"], 0)
        self.assertEqual(self.host.request("GET", "/_floci/health")[0], 200)

    def test_no_other_index_created_or_deleted_while_one_is_built(self):
        create_table(self.ddb, "one_at_a_time", with_index=True)
        fill(self.ddb, "one_at_a_time", map(item, range(ITEMS)))
        by_a = {"IndexName": "by_a", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}
        a_defined = [{"AttributeName": "a", "AttributeType": "S"}]
        self.ddb.update_table(TableName="one_at_a_time", AttributeDefinitions=a_defined,
                              GlobalSecondaryIndexUpdates=[{"Create": by_a}])
        limit = ("Subscriber limit exceeded: Only 1 online index can be created or deleted "
                 "simultaneously per table")
        by_b = {**by_a, "IndexName": "by_b",
                "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}]}
        self.assert_error("UpdateTable", {
            "TableName": "one_at_a_time",
            "AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "S"}],
            "GlobalSecondaryIndexUpdates": [{"Create": by_b}]}, LIMIT, limit)
        self.assert_error("UpdateTable", {
            "TableName": "one_at_a_time",
            "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "by_g"}}]}, LIMIT, limit)
        # Other changes to the table are allowed while the index is built.
        reply = self.ddb.update_table(TableName="one_at_a_time", DeletionProtectionEnabled=True)
        statuses = {g["IndexName"]: g["IndexStatus"]
                    for g in reply["TableDescription"]["GlobalSecondaryIndexes"]}
        self.assertEqual(statuses, {"by_g": "ACTIVE", "by_a": "CREATING"})
        self.ddb.update_table(TableName="one_at_a_time", DeletionProtectionEnabled=False)
        active = wait_index_active(self.ddb, "one_at_a_time", "by_a")
        self.assertEqual(active["ItemCount"], ITEMS)
        self.ddb.update_table(TableName="one_at_a_time", GlobalSecondaryIndexUpdates=[
            {"Delete": {"IndexName": "by_g"}}])


class BackfillRestartTest(unittest.TestCase):
    """A host stopped in the middle of a build finishes it after a restart (wal mode)."""

    def build_interrupted_by(self, sig):
        with tempfile.TemporaryDirectory(prefix="floci-backfill-") as data:
            first = FlociHost(data_dir=data, env={**WAL, **CRAWL}).start()
            try:
                ddb = first.boto3_client("dynamodb")
                create_table(ddb, "resumed")
                fill(ddb, "resumed", map(item, range(ITEMS)))
                add_index(ddb, "resumed")
                ddb.put_item(TableName="resumed", Item=item(ITEMS + 1))  # maintained already
                time.sleep(0.3)
                self.assertEqual(gsi(ddb, "resumed")["IndexStatus"], "CREATING")
            finally:
                code = first.stop(sig)
            if sig == signal.SIGTERM:
                self.assertEqual(code, 0, first.output())
            with FlociHost(data_dir=data, env=WAL) as second:
                ddb = second.boto3_client("dynamodb")
                active = wait_index_active(ddb, "resumed", "by_g")
                expected = [p for p in map(projected, scan_all(ddb, "resumed")) if p]
                self.assertEqual(len(expected), ITEMS * 4 // 5 + 1)
                self.assertEqual(canonical(scan_all(ddb, "resumed", IndexName="by_g")),
                                 canonical(expected))
                self.assertEqual(active["ItemCount"], len(expected))

    def test_stop_during_a_build(self):
        self.build_interrupted_by(signal.SIGTERM)

    def test_kill_during_a_build(self):
        self.build_interrupted_by(signal.SIGKILL)


if __name__ == "__main__":
    unittest.main()
