"""TransactWriteItems and TransactGetItems end to end with boto3: all-or-nothing writes,
cancellation reasons, idempotency tokens, consistent reads and isolation under load."""
import tempfile
import threading
import time
import unittest
import uuid

from botocore.exceptions import ClientError

from floci_host import FlociHost

CANCELLED = "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]"


def hash_table(name):
    return dict(TableName=name,
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                BillingMode="PAY_PER_REQUEST")


def key(pk):
    return {"pk": {"S": pk}}


def put(table, pk, **attributes):
    return {"Put": {"TableName": table, "Item": {"pk": {"S": pk}, **attributes}}}


def add(table, pk, amount):
    return {"Update": {"TableName": table, "Key": key(pk), "UpdateExpression": "ADD n :a",
                       "ExpressionAttributeValues": {":a": {"N": str(amount)}}}}


class TransactionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()
        cls.ddb = cls.host.boto3_client("dynamodb")
        for name in ("t_one", "t_two", "t_bank"):
            cls.ddb.create_table(**hash_table(name))

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    def get(self, table, pk):
        return self.ddb.get_item(TableName=table, Key=key(pk), ConsistentRead=True).get("Item")

    def error_of(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        response = caught.exception.response
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)
        return response

    def assertValidation(self, message, **kwargs):
        error = self.error_of(self.ddb.transact_write_items, **kwargs)["Error"]
        self.assertEqual((error["Code"], error["Message"]), ("ValidationException", message))

    def test_write_across_tables_then_get(self):
        result = self.ddb.transact_write_items(TransactItems=[
            put("t_one", "a", v={"S": "1"}),
            put("t_two", "b", v={"S": "2"}),
            add("t_one", "c", 5),
        ], ReturnConsumedCapacity="TOTAL", ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(sorted((c["TableName"], c["CapacityUnits"], c["WriteCapacityUnits"])
                                for c in result["ConsumedCapacity"]),
                         [("t_one", 4.0, 4.0), ("t_two", 2.0, 2.0)])
        self.assertEqual(self.get("t_one", "c")["n"], {"N": "5"})

        got = self.ddb.transact_get_items(TransactItems=[
            {"Get": {"TableName": "t_two", "Key": key("b")}},
            {"Get": {"TableName": "t_one", "Key": key("missing")}},
            {"Get": {"TableName": "t_one", "Key": key("a"), "ProjectionExpression": "#v",
                     "ExpressionAttributeNames": {"#v": "v"}}},
        ], ReturnConsumedCapacity="TOTAL")
        self.assertEqual(got["Responses"], [
            {"Item": {"pk": {"S": "b"}, "v": {"S": "2"}}}, {}, {"Item": {"v": {"S": "1"}}}])
        self.assertEqual(sorted((c["TableName"], c["ReadCapacityUnits"])
                                for c in got["ConsumedCapacity"]),
                         [("t_one", 4.0), ("t_two", 2.0)])

        self.ddb.transact_write_items(TransactItems=[
            {"Delete": {"TableName": "t_one", "Key": key("a")}},
            {"ConditionCheck": {"TableName": "t_two", "Key": key("b"),
                                "ConditionExpression": "attribute_exists(pk)"}}])
        self.assertIsNone(self.get("t_one", "a"))

    def test_failed_condition_cancels_everything(self):
        self.ddb.put_item(TableName="t_one", Item={"pk": {"S": "f"}, "v": {"N": "1"}})
        response = self.error_of(self.ddb.transact_write_items, TransactItems=[
            put("t_one", "new_one", v={"S": "x"}),
            {"Update": {"TableName": "t_one", "Key": key("f"), "UpdateExpression": "SET v = :v",
                        "ConditionExpression": "v = :old",
                        "ExpressionAttributeValues": {":v": {"N": "2"}, ":old": {"N": "9"}},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"ConditionCheck": {"TableName": "t_two", "Key": key("nope"),
                                "ConditionExpression": "attribute_exists(pk)"}},
        ])
        error = response["Error"]
        self.assertEqual(error["Code"], "TransactionCanceledException")
        self.assertEqual(error["Message"], CANCELLED.format(
            "None, ConditionalCheckFailed, ConditionalCheckFailed"))
        self.assertEqual(response["CancellationReasons"], [
            {"Code": "None"},
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
             "Item": {"pk": {"S": "f"}, "v": {"N": "1"}}},
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}])
        self.assertIsNone(self.get("t_one", "new_one"))
        status, body, _ = self.host.call("DynamoDB_20120810.TransactWriteItems", {
            "TransactItems": [{"ConditionCheck": {
                "TableName": "t_one", "Key": key("nope"),
                "ConditionExpression": "attribute_exists(pk)"}}]})
        self.assertEqual(status, 400)
        self.assertEqual(body, {
            "__type": "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
            "Message": CANCELLED.format("ConditionalCheckFailed"),
            "CancellationReasons": [{"Code": "ConditionalCheckFailed",
                                     "Message": "The conditional request failed"}]})
        self.assertEqual(self.get("t_one", "f")["v"], {"N": "1"})

    def test_item_error_is_a_validation_reason(self):
        big = "x" * (300 * 1024)
        self.ddb.put_item(TableName="t_one", Item={"pk": {"S": "big"}, "a": {"S": big}})
        response = self.error_of(self.ddb.transact_write_items, TransactItems=[
            put("t_one", "untouched"),
            {"Update": {"TableName": "t_one", "Key": key("big"), "UpdateExpression": "SET b = :b",
                        "ExpressionAttributeValues": {":b": {"S": big}}}}])
        self.assertEqual(response["Error"]["Code"], "TransactionCanceledException")
        self.assertEqual(response["CancellationReasons"], [
            {"Code": "None"},
            {"Code": "ValidationError",
             "Message": "Item size to update has exceeded the maximum allowed size"}])
        self.assertIsNone(self.get("t_one", "untouched"))

    def test_validation_errors(self):
        self.assertValidation(
            "Transaction request cannot include multiple operations on one item",
            TransactItems=[put("t_one", "dup"), add("t_one", "dup", 1)])
        status, body, _ = self.host.call("DynamoDB_20120810.TransactWriteItems",
                                         {"TransactItems": []})
        self.assertEqual((status, body["__type"]),
                         (400, "com.amazon.coral.validate#ValidationException"))
        self.assertIn("Member must have length greater than or equal to 1", body["message"])
        status, body, _ = self.host.call("DynamoDB_20120810.TransactGetItems", {})
        self.assertEqual((status, body["message"]),
                         (400, "1 validation error detected: Value null at 'transactItems' "
                          "failed to satisfy constraint: Member must not be null"))
        too_many = self.error_of(self.ddb.transact_write_items,
                                 TransactItems=[put("t_one", f"k{i}") for i in range(101)])
        self.assertEqual(too_many["Error"]["Code"], "ValidationException")
        self.assertIn("Member must have length less than or equal to 100",
                      too_many["Error"]["Message"])
        self.assertValidation(
            "TransactItems can only contain one of Check, Put, Update or Delete",
            TransactItems=[{**put("t_one", "two"), **add("t_one", "two", 1)}])
        self.assertIsNone(self.get("t_one", "two"))
        missing = self.error_of(self.ddb.transact_write_items,
                                TransactItems=[put("t_one", "m"), put("no_such_table", "m")])
        self.assertEqual(missing["Error"]["Code"], "ResourceNotFoundException")
        self.assertIsNone(self.get("t_one", "m"))
        self.assertValidation("The provided key element does not match the schema",
                              TransactItems=[{"Delete": {"TableName": "t_one",
                                                         "Key": {"other": {"S": "x"}}}}])
        get_dup = self.error_of(self.ddb.transact_get_items, TransactItems=[
            {"Get": {"TableName": "t_one", "Key": key("x")}},
            {"Get": {"TableName": "t_one", "Key": key("x")}}])
        self.assertEqual(get_dup["Error"]["Message"],
                         "Transaction request cannot include multiple operations on one item")

    def test_client_request_token(self):
        token = str(uuid.uuid4())
        items = [add("t_one", "idem", 1)]
        first = self.ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
        again = self.ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
        self.assertEqual(first["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(again["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(self.get("t_one", "idem")["n"], {"N": "1"})
        response = self.error_of(self.ddb.transact_write_items,
                                 TransactItems=[add("t_one", "idem", 2)],
                                 ClientRequestToken=token)
        self.assertEqual(response["Error"]["Code"], "IdempotentParameterMismatchException")
        self.assertEqual(self.get("t_one", "idem")["n"], {"N": "1"})
        # A new token is a new transaction.
        self.ddb.transact_write_items(TransactItems=items, ClientRequestToken=str(uuid.uuid4()))
        self.assertEqual(self.get("t_one", "idem")["n"], {"N": "2"})

    def test_isolation_under_load(self):
        accounts, start = 5, 100
        self.ddb.transact_write_items(TransactItems=[
            put("t_bank", f"acct{i}", balance={"N": str(start)}) for i in range(accounts)])
        self.ddb.put_item(TableName="t_bank", Item={"pk": {"S": "counter"}, "n": {"N": "0"}})
        threads, rounds = 6, 40
        increments = [0] * threads
        errors = []
        deadline = time.monotonic() + 60

        def worker(index):
            client = self.host.boto3_client("dynamodb")
            for r in range(rounds):
                if time.monotonic() > deadline:
                    return
                try:
                    client.update_item(TableName="t_bank", Key=key("counter"),
                                       UpdateExpression="ADD n :one",
                                       ExpressionAttributeValues={":one": {"N": "1"}})
                    increments[index] += 1
                    src, dst = (index + r) % accounts, (index + 2 * r + 1) % accounts
                    if src == dst:
                        continue
                    amount = {"N": str(1 + r % 30)}
                    client.transact_write_items(TransactItems=[
                        {"Update": {"TableName": "t_bank", "Key": key(f"acct{src}"),
                                    "UpdateExpression": "SET balance = balance - :amt",
                                    "ConditionExpression": "balance >= :amt",
                                    "ExpressionAttributeValues": {":amt": amount}}},
                        {"Update": {"TableName": "t_bank", "Key": key(f"acct{dst}"),
                                    "UpdateExpression": "SET balance = balance + :amt",
                                    "ExpressionAttributeValues": {":amt": amount}}}])
                except ClientError as e:
                    if e.response["Error"]["Code"] != "TransactionCanceledException":
                        errors.append(e.response["Error"])
                except Exception as e:  # noqa: BLE001 - reported below
                    errors.append(repr(e))

        pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join(90)
        self.assertEqual(errors, [])
        self.assertEqual(self.get("t_bank", "counter")["n"], {"N": str(sum(increments))})
        got = self.ddb.transact_get_items(TransactItems=[
            {"Get": {"TableName": "t_bank", "Key": key(f"acct{i}")}} for i in range(accounts)])
        balances = [int(r["Item"]["balance"]["N"]) for r in got["Responses"]]
        self.assertEqual(sum(balances), accounts * start)
        self.assertTrue(all(b >= 0 for b in balances))


class IndexedTransactionsTest(unittest.TestCase):
    def test_transactions_keep_index_entries(self):
        with FlociHost() as host:
            ddb = host.boto3_client("dynamodb")
            ddb.create_table(
                TableName="t_gsi", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                      {"AttributeName": "g", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                GlobalSecondaryIndexes=[{"IndexName": "by_g",
                                         "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                         "Projection": {"ProjectionType": "ALL"}}])

            def by_g(value):
                return ddb.query(TableName="t_gsi", IndexName="by_g",
                                 KeyConditionExpression="g = :g",
                                 ExpressionAttributeValues={":g": {"S": value}})["Items"]

            ddb.transact_write_items(TransactItems=[put("t_gsi", "a", g={"S": "red"}),
                                                    put("t_gsi", "b", g={"S": "red"})])
            self.assertEqual(sorted(i["pk"]["S"] for i in by_g("red")), ["a", "b"])
            ddb.transact_write_items(TransactItems=[
                {"Update": {"TableName": "t_gsi", "Key": key("a"), "UpdateExpression": "SET g = :g",
                            "ExpressionAttributeValues": {":g": {"S": "blue"}}}},
                {"Delete": {"TableName": "t_gsi", "Key": key("b")}}])
            self.assertEqual(by_g("red"), [])
            self.assertEqual([i["pk"]["S"] for i in by_g("blue")], ["a"])


class TokenDurabilityTest(unittest.TestCase):
    def test_token_survives_restart(self):
        with tempfile.TemporaryDirectory(prefix="floci-tx-") as data_dir:
            env = {"FLOCI_STORAGE_MODE": "wal"}
            token = str(uuid.uuid4())
            items = [add("t_keep", "k", 1)]
            with FlociHost(env=env, data_dir=data_dir) as host:
                ddb = host.boto3_client("dynamodb")
                ddb.create_table(**hash_table("t_keep"))
                ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
            with FlociHost(env=env, data_dir=data_dir) as host:
                ddb = host.boto3_client("dynamodb")
                ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
                item = ddb.get_item(TableName="t_keep", Key=key("k"), ConsistentRead=True)
                self.assertEqual(item["Item"]["n"], {"N": "1"})


if __name__ == "__main__":
    unittest.main()
