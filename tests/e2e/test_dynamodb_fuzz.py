"""Random request bodies against every built DynamoDB action: each must get a 2xx or 4xx answer
(never a 5xx, a dropped connection or a hang) and the host must keep serving. Seeded, so a
failure reproduces."""
import json
import random
import unittest

from floci_host import FlociHost

ACTIONS = ["CreateTable", "DescribeTable", "ListTables", "DeleteTable", "UpdateTable", "PutItem",
           "GetItem", "DeleteItem", "UpdateItem", "Query", "Scan", "BatchGetItem",
           "BatchWriteItem", "TransactWriteItems", "TransactGetItems"]
MEMBERS = ["TableName", "Key", "Item", "KeySchema", "AttributeDefinitions", "BillingMode",
           "UpdateExpression", "ConditionExpression", "ExpressionAttributeNames",
           "ExpressionAttributeValues", "KeyConditionExpression", "FilterExpression",
           "ProjectionExpression", "Limit", "ExclusiveStartKey", "RequestItems", "TransactItems",
           "Put", "Get", "Update", "Delete", "ReturnValues", "Select", "Segment", "TotalSegments",
           "IndexName", "AttributeName", "AttributeType", "KeyType", "ProvisionedThroughput",
           "GlobalSecondaryIndexes", "Expected", "AttributeUpdates", "S", "N", "M", "L"]
LEAVES = [None, True, 1, -1.5, 10**30, "", "x", "#a", ":v", "S", "N", "HASH", "ALL", "a = :v",
          "SET a = :v", "Fuzz", {"S": "x"}, {"N": "1"}, {"N": "abc"}, {"B": "!!"}, {"SS": []},
          {"L": [{"M": {}}]}, {"a": {"S": "k"}}]


def random_value(rng, depth=0):
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice(LEAVES)
    if roll < 0.6:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(MEMBERS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


class FuzzTest(unittest.TestCase):
    def test_random_bodies_never_get_a_server_error(self):
        rng = random.Random(20261128)
        with FlociHost() as host:
            host.boto3_client("dynamodb").create_table(
                TableName="Fuzz", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}])
            for _ in range(1500):
                action, body = rng.choice(ACTIONS), random_value(rng)
                if isinstance(body, dict) and rng.random() < 0.7:
                    body["TableName"] = "Fuzz"
                status, reply, _ = host.call("DynamoDB_20120810." + action, json.dumps(body))
                self.assertLess(status, 500, f"{action} {json.dumps(body)[:300]} -> {reply}")
            self.assertEqual(host.call("DynamoDB_20120810.ListTables", {})[0], 200)


if __name__ == "__main__":
    unittest.main()
