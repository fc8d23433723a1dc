"""A DynamoDB table of 100,000 items survives a restart (SIGTERM, then a new host on the same
folder) in wal mode: every item, the key schema, the indexes and the table's settings come back
exactly, and DescribeTable's ItemCount and TableSizeBytes match.

The load goes over raw sockets with HTTP/1.1 pipelining (a batch of requests written at once,
then their answers read in order), several connections in parallel: boto3 would spend minutes of
Python on 200,000 calls. The host answers a connection's requests one after another, so answers
arrive in request order.
"""
import json
import signal
import socket
import tempfile
import threading
import unittest

from floci_host import FlociHost

ITEMS = 100_000
CONNECTIONS = 8
PIPELINE_DEPTH = 200  # requests written at once on a connection
TABLE = "restart_big"
ENV = {"FLOCI_STORAGE_MODE": "wal", "FLOCI_STORAGE_SERVICES_DYNAMODB_FLUSH_INTERVAL_MS": "1000"}


def item(i):
    """Item i in DynamoDB JSON: ten sort keys per partition, ~100 bytes of attributes."""
    return {"pk": {"S": f"user{i // 10:06d}"}, "sk": {"N": str(i % 10)},
            "gk": {"S": f"group{i % 97}"}, "lk": {"N": str(i * 7 % 1000)},
            "data": {"S": f"payload-{i:06d}-" + "x" * (i % 50)},
            "flags": {"L": [{"BOOL": i % 2 == 0}, {"NULL": True}]}}


def key(i):
    full = item(i)
    return {"pk": full["pk"], "sk": full["sk"]}


def encode(action, payload):
    body = json.dumps(payload).encode()
    head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.{action}\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def read_response(stream):
    status = int(stream.readline().split()[1])
    length = 0
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, stream.read(length)


def pipelined(port, requests):
    """Sends the encoded requests on one keep-alive connection, PIPELINE_DEPTH at a time, and
    returns their (status, body) answers in order."""
    answers = []
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        stream = sock.makefile("rb")
        for start in range(0, len(requests), PIPELINE_DEPTH):
            chunk = requests[start:start + PIPELINE_DEPTH]
            sock.sendall(b"".join(chunk))
            answers.extend(read_response(stream) for _ in chunk)
    return answers


def run_parallel(port, requests):
    """Splits the requests over CONNECTIONS connections; answers come back in request order."""
    parts = [requests[c::CONNECTIONS] for c in range(CONNECTIONS)]
    results = [None] * CONNECTIONS

    def work(c):
        results[c] = pipelined(port, parts[c])

    threads = [threading.Thread(target=work, args=(c,)) for c in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = [None] * len(requests)
    for c, part in enumerate(results):
        answers[c::CONNECTIONS] = part
    return answers


def create_table_request():
    number, string = "N", "S"
    return {
        "TableName": TABLE,
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": string},
                                 {"AttributeName": "sk", "AttributeType": number},
                                 {"AttributeName": "gk", "AttributeType": string},
                                 {"AttributeName": "lk", "AttributeType": number}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}],
        "GlobalSecondaryIndexes": [{
            "IndexName": "by_group",
            "KeySchema": [{"AttributeName": "gk", "KeyType": "HASH"},
                          {"AttributeName": "sk", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["data"]},
            "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}}],
        "LocalSecondaryIndexes": [{
            "IndexName": "by_lk",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                          {"AttributeName": "lk", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 6},
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        "TableClass": "STANDARD_INFREQUENT_ACCESS",
        "DeletionProtectionEnabled": True,
    }


class DynamoDbRestartTest(unittest.TestCase):
    def call(self, host, action, payload):
        status, body, _ = host.call(f"DynamoDB_20120810.{action}", payload)
        self.assertEqual(status, 200, body)
        return body

    def test_100k_items_indexes_and_settings_survive_a_restart(self):
        with tempfile.TemporaryDirectory(prefix="floci-restart-") as data_dir:
            first = FlociHost(data_dir=data_dir, env=ENV).start()
            try:
                self.call(first, "CreateTable", create_table_request())
                puts = [encode("PutItem", {"TableName": TABLE, "Item": item(i)})
                        for i in range(ITEMS)]
                failed = [a for a in run_parallel(first.port, puts) if a[0] != 200]
                self.assertEqual(failed[:3], [], f"{len(failed)} puts failed")
                before = self.call(first, "DescribeTable", {"TableName": TABLE})["Table"]
                self.assertEqual(before["ItemCount"], ITEMS)
            finally:
                self.assertEqual(first.stop(signal.SIGTERM), 0, first.output())

            with FlociHost(data_dir=data_dir, env=ENV) as second:
                after = self.call(second, "DescribeTable", {"TableName": TABLE})["Table"]
                self.assertEqual(after, before)
                gets = [encode("GetItem", {"TableName": TABLE, "Key": key(i),
                                           "ConsistentRead": True}) for i in range(ITEMS)]
                wrong = [i for i, (status, body) in enumerate(run_parallel(second.port, gets))
                         if status != 200 or json.loads(body).get("Item") != item(i)]
                self.assertEqual(wrong[:5], [], f"{len(wrong)} of {ITEMS} items not back:\n"
                                 + first.output())
                # The setting is back in force, not only in the description.
                status, body, _ = second.call("DynamoDB_20120810.DeleteTable",
                                              {"TableName": TABLE})
                self.assertEqual(status, 400, body)
                self.assertIn("deletion protection", body["message"].lower())


if __name__ == "__main__":
    unittest.main()
