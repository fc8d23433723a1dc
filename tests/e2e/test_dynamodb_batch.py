"""BatchWriteItem and BatchGetItem end to end with boto3: shapes, limits and error texts."""
import unittest

from botocore.exceptions import ClientError

from floci_host import FlociHost


def hash_table(name, key_type="S"):
    return dict(TableName=name, AttributeDefinitions=[{"AttributeName": "pk",
                                                       "AttributeType": key_type}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                BillingMode="PAY_PER_REQUEST")


def put(pk, **attributes):
    return {"PutRequest": {"Item": {"pk": {"S": pk}, **attributes}}}


class BatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()
        cls.ddb = cls.host.boto3_client("dynamodb")
        cls.ddb.create_table(**hash_table("b_one"))
        cls.ddb.create_table(**hash_table("b_two"))

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    def assertError(self, call, code, message, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        error = caught.exception.response["Error"]
        self.assertEqual((error["Code"], error["Message"]), (code, message))

    def test_write_then_get_across_tables(self):
        result = self.ddb.batch_write_item(RequestItems={
            "b_one": [put(f"k{i}", n={"N": str(i)}) for i in range(20)],
            "b_two": [put("x", s={"S": "sx"})]}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(result["UnprocessedItems"], {})
        self.assertEqual(sorted((c["TableName"], c["CapacityUnits"])
                                for c in result["ConsumedCapacity"]),
                         [("b_one", 20.0), ("b_two", 1.0)])
        self.assertEqual(self.ddb.scan(TableName="b_one", Select="COUNT")["Count"], 20)

        got = self.ddb.batch_get_item(RequestItems={
            "b_one": {"Keys": [{"pk": {"S": "k1"}}, {"pk": {"S": "k2"}},
                               {"pk": {"S": "missing"}}],
                      "ProjectionExpression": "n", "ConsistentRead": True},
            "b_two": {"Keys": [{"pk": {"S": "x"}}], "AttributesToGet": ["s"]}})
        self.assertEqual(got["UnprocessedKeys"], {})
        self.assertEqual(sorted(got["Responses"]["b_one"], key=lambda i: i["n"]["N"]),
                         [{"n": {"N": "1"}}, {"n": {"N": "2"}}])
        self.assertEqual(got["Responses"]["b_two"], [{"s": {"S": "sx"}}])

        self.ddb.batch_write_item(RequestItems={"b_one": [
            {"DeleteRequest": {"Key": {"pk": {"S": f"k{i}"}}}} for i in range(10)]})
        self.assertEqual(self.ddb.scan(TableName="b_one", Select="COUNT")["Count"], 10)

    def test_write_errors_write_nothing(self):
        self.assertError(self.ddb.batch_write_item, "ValidationException",
                         "Provided list of item keys contains duplicates",
                         RequestItems={"b_two": [put("dup1"), put("dup1")]})
        self.assertError(self.ddb.batch_write_item, "ValidationException",
                         "The provided key element does not match the schema",
                         RequestItems={"b_two": [put("ok1"),
                                                 {"PutRequest": {"Item": {"x": {"S": "1"}}}}]})
        self.assertError(self.ddb.batch_write_item, "ResourceNotFoundException",
                         "Requested resource not found",
                         RequestItems={"b_two": [put("ok2")], "b_missing": [put("a")]})
        self.assertError(self.ddb.batch_write_item, "ValidationException",
                         "Too many items requested for the BatchWriteItem call",
                         RequestItems={"b_two": [put(f"m{i}") for i in range(20)],
                                       "b_one": [put(f"m{i}") for i in range(6)]})
        for key in ("dup1", "ok1", "ok2", "m0"):
            self.assertNotIn("Item", self.ddb.get_item(TableName="b_two",
                                                       Key={"pk": {"S": key}}))

    def test_get_errors(self):
        self.assertError(self.ddb.batch_get_item, "ValidationException",
                         "Provided list of item keys contains duplicates",
                         RequestItems={"b_one": {"Keys": [{"pk": {"S": "a"}},
                                                          {"pk": {"S": "a"}}]}})
        self.assertError(self.ddb.batch_get_item, "ValidationException",
                         "Too many items requested for the BatchGetItem call",
                         RequestItems={"b_one": {"Keys": [{"pk": {"S": f"g{i}"}}
                                                          for i in range(101)]}})
        self.assertError(self.ddb.batch_get_item, "ValidationException",
                         "The provided key element does not match the schema",
                         RequestItems={"b_one": {"Keys": [{"pk": {"N": "1"}}]}})
        self.assertError(self.ddb.batch_get_item, "ResourceNotFoundException",
                         "Requested resource not found",
                         RequestItems={"b_missing": {"Keys": [{"pk": {"S": "a"}}]}})


if __name__ == "__main__":
    unittest.main()
