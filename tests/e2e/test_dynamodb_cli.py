"""The seed's three AWS CLI commands, verbatim but for the endpoint URL, against the host."""
import json
import shlex
import subprocess
import unittest

from floci_host import FlociHost

SEED = [
    "aws dynamodb create-table --table-name Users --attribute-definitions "
    "AttributeName=userId,AttributeType=S --key-schema AttributeName=userId,KeyType=HASH "
    "--billing-mode PAY_PER_REQUEST --endpoint-url http://localhost:4566",
    "aws dynamodb put-item --table-name Users --item "
    "'{\"userId\":{\"S\":\"u1\"},\"name\":{\"S\":\"Alice\"},\"age\":{\"N\":\"30\"}}' "
    "--endpoint-url http://localhost:4566",
    "aws dynamodb get-item --table-name Users --key '{\"userId\":{\"S\":\"u1\"}}' "
    "--endpoint-url http://localhost:4566",
    "aws dynamodb query --table-name Users --key-condition-expression \"userId = :id\" "
    "--expression-attribute-values '{\":id\":{\"S\":\"u1\"}}' "
    "--endpoint-url http://localhost:4566",
    "aws dynamodb scan --table-name Users --filter-expression \"age > :min\" "
    "--expression-attribute-values '{\":min\":{\"N\":\"25\"}}' "
    "--endpoint-url http://localhost:4566",
]


class DynamoDbCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    def run_seed(self, command):
        command = command.replace("http://localhost:4566", self.host.endpoint)
        result = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout) if result.stdout.strip() else {}

    def test_seed_commands(self):
        created = self.run_seed(SEED[0])["TableDescription"]
        self.assertEqual(created["TableName"], "Users")
        self.assertEqual(created["TableStatus"], "CREATING")
        self.assertEqual(created["KeySchema"], [{"AttributeName": "userId", "KeyType": "HASH"}])
        self.assertEqual(created["AttributeDefinitions"],
                         [{"AttributeName": "userId", "AttributeType": "S"}])
        self.assertEqual(created["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertEqual(created["TableArn"], "arn:aws:dynamodb:us-east-1:000000000000:table/Users")
        self.assertEqual(created["ItemCount"], 0)

        self.assertEqual(self.run_seed(SEED[1]), {})

        got = self.run_seed(SEED[2])
        self.assertEqual(got, {"Item": {"userId": {"S": "u1"}, "name": {"S": "Alice"},
                                        "age": {"N": "30"}}})

        alice = {"userId": {"S": "u1"}, "name": {"S": "Alice"}, "age": {"N": "30"}}
        queried = self.run_seed(SEED[3])
        self.assertEqual(queried["Items"], [alice])
        self.assertEqual((queried["Count"], queried["ScannedCount"]), (1, 1))
        scanned = self.run_seed(SEED[4])
        self.assertEqual(scanned["Items"], [alice])
        self.assertEqual((scanned["Count"], scanned["ScannedCount"]), (1, 1))


if __name__ == "__main__":
    unittest.main()
