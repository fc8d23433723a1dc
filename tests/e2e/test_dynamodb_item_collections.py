"""ReturnItemCollectionMetrics=SIZE end to end: PutItem, UpdateItem and DeleteItem report the
item collection they changed, BatchWriteItem and TransactWriteItems one entry per changed
collection under its table; nothing is reported for NONE, for tables without a local secondary
index (even with a GSI), or for writes that change no item (deleting a missing item, an update
that writes nothing, a ConditionCheck). Shapes as in the AWS CLI reference's examples."""
import unittest

from floci_host import FlociHost

SMALL = [0.0, 1.0]  # every collection here is far below 1 GB


def S(v):
    return {"S": v}


def song(artist, title, **extra):
    return {"Artist": S(artist), "SongTitle": S(title), **extra}


def key(artist, title):
    return {"Artist": S(artist), "SongTitle": S(title)}


def metrics(artist, name="Artist", value=None):
    return {"ItemCollectionKey": {name: value or S(artist)}, "SizeEstimateRangeGB": SMALL}


def by_key(entries):
    return sorted(entries, key=lambda e: str(e["ItemCollectionKey"]))


class ItemCollectionMetricsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()
        cls.ddb = cls.host.boto3_client("dynamodb")
        definitions = [{"AttributeName": "Artist", "AttributeType": "S"},
                       {"AttributeName": "SongTitle", "AttributeType": "S"},
                       {"AttributeName": "AlbumTitle", "AttributeType": "S"}]
        schema = [{"AttributeName": "Artist", "KeyType": "HASH"},
                  {"AttributeName": "SongTitle", "KeyType": "RANGE"}]
        album = [{"AttributeName": "Artist", "KeyType": "HASH"},
                 {"AttributeName": "AlbumTitle", "KeyType": "RANGE"}]
        cls.ddb.create_table(
            TableName="music", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=definitions,
            KeySchema=schema, LocalSecondaryIndexes=[{
                "IndexName": "AlbumIndex", "KeySchema": album,
                "Projection": {"ProjectionType": "ALL"}}])
        cls.ddb.create_table(TableName="plain", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=definitions[:2], KeySchema=schema)
        cls.ddb.create_table(
            TableName="global_only", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=definitions, KeySchema=schema, GlobalSecondaryIndexes=[{
                "IndexName": "AlbumIndex",
                "KeySchema": [{"AttributeName": "AlbumTitle", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}])
        cls.ddb.create_table(
            TableName="numbered", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "N"},
                                  {"AttributeName": "at", "AttributeType": "N"},
                                  {"AttributeName": "rank", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"},
                       {"AttributeName": "at", "KeyType": "RANGE"}],
            LocalSecondaryIndexes=[{
                "IndexName": "ByRank",
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"},
                              {"AttributeName": "rank", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}])

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    def assertNoMetrics(self, response):
        self.assertNotIn("ItemCollectionMetrics", response)

    # -- single-item writes ----------------------------------------------------------------
    def test_put_item_reports_its_collection(self):
        response = self.ddb.put_item(
            TableName="music", Item=song("Acme Band", "Happy Day", AlbumTitle=S("Songs")),
            ReturnItemCollectionMetrics="SIZE", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(response["ItemCollectionMetrics"], metrics("Acme Band"))
        self.assertEqual(response["ConsumedCapacity"]["TableName"], "music")

    def test_size_estimate_is_a_pair_of_doubles(self):
        status, body, _ = self.host.call("DynamoDB_20120810.PutItem", {
            "TableName": "music", "Item": song("Raw", "One"),
            "ReturnItemCollectionMetrics": "SIZE"})
        self.assertEqual(status, 200)
        self.assertEqual(body, {"ItemCollectionMetrics": metrics("Raw")})
        self.assertTrue(all(isinstance(v, float)
                            for v in body["ItemCollectionMetrics"]["SizeEstimateRangeGB"]))

    def test_update_item_reports_its_collection(self):
        self.ddb.put_item(TableName="music", Item=song("Updated", "A"))
        response = self.ddb.update_item(
            TableName="music", Key=key("Updated", "A"), UpdateExpression="SET AlbumTitle = :a",
            ExpressionAttributeValues={":a": S("Louder")}, ReturnValues="ALL_NEW",
            ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(response["ItemCollectionMetrics"], metrics("Updated"))
        self.assertEqual(response["Attributes"]["AlbumTitle"], S("Louder"))
        created = self.ddb.update_item(
            TableName="music", Key=key("Updated", "new"), UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": S("x")}, ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(created["ItemCollectionMetrics"], metrics("Updated"))

    def test_update_that_writes_nothing_reports_nothing(self):
        response = self.ddb.update_item(
            TableName="music", Key=key("Nobody", "missing"), UpdateExpression="REMOVE v",
            ReturnItemCollectionMetrics="SIZE")
        self.assertNoMetrics(response)
        self.assertNotIn("Item", self.ddb.get_item(TableName="music",
                                                   Key=key("Nobody", "missing")))

    def test_delete_item_reports_its_collection_only_when_it_deleted_an_item(self):
        self.ddb.put_item(TableName="music", Item=song("Deleted", "A", AlbumTitle=S("x")))
        response = self.ddb.delete_item(TableName="music", Key=key("Deleted", "A"),
                                        ReturnValues="ALL_OLD", ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(response["ItemCollectionMetrics"], metrics("Deleted"))
        self.assertEqual(response["Attributes"]["AlbumTitle"], S("x"))
        again = self.ddb.delete_item(TableName="music", Key=key("Deleted", "A"),
                                     ReturnItemCollectionMetrics="SIZE")
        self.assertNoMetrics(again)

    def test_none_or_absent_reports_nothing(self):
        for extra in ({}, {"ReturnItemCollectionMetrics": "NONE"}):
            self.assertNoMetrics(self.ddb.put_item(TableName="music", Item=song("N", "1"),
                                                   **extra))
            self.assertNoMetrics(self.ddb.update_item(
                TableName="music", Key=key("N", "1"), UpdateExpression="SET v = :v",
                ExpressionAttributeValues={":v": S("x")}, **extra))
            self.assertNoMetrics(self.ddb.delete_item(TableName="music", Key=key("N", "1"),
                                                      **extra))

    def test_tables_without_local_indexes_report_nothing(self):
        for table in ("plain", "global_only"):
            with self.subTest(table=table):
                self.assertNoMetrics(self.ddb.put_item(
                    TableName=table, Item=song("P", "1", AlbumTitle=S("a")),
                    ReturnItemCollectionMetrics="SIZE"))
                self.assertNoMetrics(self.ddb.update_item(
                    TableName=table, Key=key("P", "1"), UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": S("x")}, ReturnItemCollectionMetrics="SIZE"))
                self.assertNoMetrics(self.ddb.delete_item(
                    TableName=table, Key=key("P", "1"), ReturnItemCollectionMetrics="SIZE"))

    def test_number_partition_key_is_reported_in_canonical_form(self):
        response = self.ddb.put_item(
            TableName="numbered", Item={"id": {"N": "05.0"}, "at": {"N": "1"}, "rank": {"N": "2"}},
            ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(response["ItemCollectionMetrics"],
                         metrics(None, name="id", value={"N": "5"}))

    # -- BatchWriteItem ----------------------------------------------------------------------
    def test_batch_write_reports_each_changed_collection_once(self):
        response = self.ddb.batch_write_item(RequestItems={
            "music": [
                {"PutRequest": {"Item": song("No One You Know", "Call Me Today",
                                             AlbumTitle=S("Somewhat Famous"))}},
                {"PutRequest": {"Item": song("Acme Band", "Happy Day")}},
                {"PutRequest": {"Item": song("No One You Know", "Scared of My Shadow")}},
                {"DeleteRequest": {"Key": key("Ghost", "never written")}},
            ],
            "plain": [{"PutRequest": {"Item": song("Plain", "1")}}],
        }, ReturnItemCollectionMetrics="SIZE", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(response["UnprocessedItems"], {})
        self.assertEqual(list(response["ItemCollectionMetrics"]), ["music"])
        self.assertEqual(by_key(response["ItemCollectionMetrics"]["music"]),
                         by_key([metrics("No One You Know"), metrics("Acme Band")]))
        self.assertEqual(sorted(c["TableName"] for c in response["ConsumedCapacity"]),
                         ["music", "plain"])

    def test_batch_write_reports_deletes(self):
        self.ddb.put_item(TableName="music", Item=song("Batch Deleted", "1"))
        response = self.ddb.batch_write_item(RequestItems={"music": [
            {"DeleteRequest": {"Key": key("Batch Deleted", "1")}}]},
            ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(response["ItemCollectionMetrics"], {"music": [metrics("Batch Deleted")]})

    def test_batch_write_without_changed_collections_reports_nothing(self):
        self.assertNoMetrics(self.ddb.batch_write_item(RequestItems={
            "plain": [{"PutRequest": {"Item": song("Plain", "2")}}],
            "music": [{"DeleteRequest": {"Key": key("Ghost", "still missing")}}],
        }, ReturnItemCollectionMetrics="SIZE"))
        self.assertNoMetrics(self.ddb.batch_write_item(RequestItems={
            "music": [{"PutRequest": {"Item": song("Quiet", "1")}}]},
            ReturnItemCollectionMetrics="NONE"))

    # -- TransactWriteItems ------------------------------------------------------------------
    def test_transact_write_reports_changed_collections(self):
        self.ddb.put_item(TableName="music", Item=song("Acme Band", "Happy Day"))
        self.ddb.put_item(TableName="music", Item=song("No One You Know", "Call Me Today"))
        self.ddb.put_item(TableName="music", Item=song("Checked", "1"))
        response = self.ddb.transact_write_items(TransactItems=[
            {"Update": {"TableName": "music", "Key": key("Acme Band", "Happy Day"),
                        "UpdateExpression": "SET AlbumTitle = :a",
                        "ExpressionAttributeValues": {":a": S("Updated Album Title")}}},
            {"Delete": {"TableName": "music", "Key": key("No One You Know", "Call Me Today")}},
            {"ConditionCheck": {"TableName": "music", "Key": key("Checked", "1"),
                                "ConditionExpression": "attribute_exists(Artist)"}},
            {"Put": {"TableName": "plain", "Item": song("Plain", "3")}},
        ], ReturnItemCollectionMetrics="SIZE", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(list(response["ItemCollectionMetrics"]), ["music"])
        self.assertEqual(by_key(response["ItemCollectionMetrics"]["music"]),
                         by_key([metrics("Acme Band"), metrics("No One You Know")]))
        self.assertEqual(len(response["ConsumedCapacity"]), 2)

    def test_transact_write_without_changed_collections_reports_nothing(self):
        self.ddb.put_item(TableName="music", Item=song("Checked", "2"))
        self.assertNoMetrics(self.ddb.transact_write_items(TransactItems=[
            {"ConditionCheck": {"TableName": "music", "Key": key("Checked", "2"),
                                "ConditionExpression": "attribute_exists(Artist)"}},
            {"Delete": {"TableName": "music", "Key": key("Ghost", "missing too")}},
            {"Put": {"TableName": "global_only", "Item": song("Global", "1")}},
        ], ReturnItemCollectionMetrics="SIZE"))
        self.assertNoMetrics(self.ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "music", "Item": song("Quiet", "2")}}],
            ReturnItemCollectionMetrics="NONE"))

    def test_transact_write_replay_answers_with_the_same_metrics(self):
        request = {"TransactItems": [{"Put": {"TableName": "music", "Item": song("Token", "1")}}],
                   "ReturnItemCollectionMetrics": "SIZE", "ClientRequestToken": "icm-token-1"}
        first = self.ddb.transact_write_items(**request)
        again = self.ddb.transact_write_items(**request)
        self.assertEqual(first["ItemCollectionMetrics"], {"music": [metrics("Token")]})
        self.assertEqual(again["ItemCollectionMetrics"], first["ItemCollectionMetrics"])


if __name__ == "__main__":
    unittest.main()
