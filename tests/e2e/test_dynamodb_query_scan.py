"""Query and Scan end to end with boto3: key ranges, sort order, pages, parallel scans, errors."""
import unittest
from decimal import Decimal

from botocore.exceptions import ClientError

from floci_host import FlociHost

TARGET = "DynamoDB_20120810."
ONE_ERROR = "1 validation error detected: "


def keyed_table(name, hash_type="S", range_type=None):
    definitions = [{"AttributeName": "pk", "AttributeType": hash_type}]
    schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if range_type:
        definitions.append({"AttributeName": "sk", "AttributeType": range_type})
        schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
    return dict(TableName=name, AttributeDefinitions=definitions, KeySchema=schema,
                BillingMode="PAY_PER_REQUEST")


class ReadTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()
        cls.ddb = cls.host.boto3_client("dynamodb")

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    def assertError(self, call, code, message=None, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        response = caught.exception.response
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(response["Error"]["Code"], code, response["Error"])
        if message is not None:
            self.assertEqual(response["Error"]["Message"], message)

    def assertRawError(self, action, payload, type_suffix, message):
        """For requests boto3 refuses to send (its own parameter checks)."""
        status, body, _ = self.host.call(TARGET + action, payload)
        self.assertEqual(status, 400, body)
        self.assertTrue(body["__type"].endswith("#" + type_suffix), body)
        self.assertEqual(body["message"], message)

    def put(self, table, **attributes):
        self.ddb.put_item(TableName=table, Item=attributes)

    def pages(self, call, **kwargs):
        """Follows LastEvaluatedKey to the end: (items, number of pages, ScannedCount sum)."""
        items, pages, scanned = [], 0, 0
        while True:
            page = call(**kwargs)
            pages += 1
            scanned += page["ScannedCount"]
            items.extend(page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return items, pages, scanned
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
            self.assertLess(pages, 1000)


class QueryTest(ReadTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(**keyed_table("q_num", "S", "N"))
        cls.ddb.create_table(**keyed_table("q_str", "S", "S"))
        cls.ddb.create_table(**keyed_table("q_bin", "B", "B"))
        cls.ddb.create_table(**keyed_table("q_hash", "S"))

    def query_keys(self, table, pk, **kwargs):
        items = self.ddb.query(TableName=table, KeyConditionExpression="pk = :p",
                               ExpressionAttributeValues={":p": pk}, **kwargs)["Items"]
        return [next(iter(item["sk"].values())) for item in items]

    def test_numbers_sort_numerically(self):
        numbers = ["-1e3", "-10", "-1.5", "-0.001", "0", "1e-2", "2.5", "3", "1E2",
                   "12345678901234567890", "-99999999999999999999"]
        for n in numbers:
            self.put("q_num", pk={"S": "nums"}, sk={"N": n})
        expected = sorted(numbers, key=Decimal)
        got = self.query_keys("q_num", {"S": "nums"})
        self.assertEqual([Decimal(n) for n in got], [Decimal(n) for n in expected])
        backwards = self.query_keys("q_num", {"S": "nums"}, ScanIndexForward=False)
        self.assertEqual([Decimal(n) for n in backwards], [Decimal(n) for n in expected[::-1]])

    def test_strings_sort_by_utf8_bytes(self):
        words = ["a", "B", "aa", "ab", "\u00e9", "Z", "a b", "\u4e2d", "\U0001f600", "~"]
        for w in words:
            self.put("q_str", pk={"S": "words"}, sk={"S": w})
        got = self.query_keys("q_str", {"S": "words"})
        self.assertEqual(got, sorted(words, key=lambda w: w.encode("utf-8")))

    def test_binaries_sort_as_unsigned_bytes(self):
        blobs = [b"\x00", b"\x00\x01", b"\x00\xff", b"\x01", b"\x7f", b"\x80", b"\xff",
                 b"\xff\xff"]
        for b in blobs:
            self.put("q_bin", pk={"B": b"p"}, sk={"B": b})
        self.assertEqual(self.query_keys("q_bin", {"B": b"p"}), sorted(blobs))
        starts = self.ddb.query(
            TableName="q_bin", KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
            ExpressionAttributeValues={":p": {"B": b"p"}, ":s": {"B": b"\xff"}})["Items"]
        self.assertEqual([i["sk"]["B"] for i in starts], [b"\xff", b"\xff\xff"])

    def test_sort_key_operators(self):
        for w in ["apple", "apricot", "banana", "blueberry", "cherry"]:
            self.put("q_str", pk={"S": "fruit"}, sk={"S": w})

        def keys(condition, **values):
            values = {":" + k: {"S": v} for k, v in values.items()}
            values[":p"] = {"S": "fruit"}
            items = self.ddb.query(TableName="q_str", KeyConditionExpression="pk = :p AND " +
                                   condition, ExpressionAttributeValues=values)["Items"]
            return [i["sk"]["S"] for i in items]

        self.assertEqual(keys("sk = :v", v="banana"), ["banana"])
        self.assertEqual(keys("sk < :v", v="banana"), ["apple", "apricot"])
        self.assertEqual(keys("sk <= :v", v="banana"), ["apple", "apricot", "banana"])
        self.assertEqual(keys("sk > :v", v="banana"), ["blueberry", "cherry"])
        self.assertEqual(keys(":v <= sk", v="blueberry"), ["blueberry", "cherry"])
        self.assertEqual(keys("sk BETWEEN :a AND :b", a="apricot", b="blueberry"),
                         ["apricot", "banana", "blueberry"])
        self.assertEqual(keys("begins_with(sk, :v)", v="ap"), ["apple", "apricot"])
        self.assertEqual(keys("begins_with(sk, :v)", v="zz"), [])

    def test_hash_only_table(self):
        self.put("q_hash", pk={"S": "one"}, v={"N": "1"})
        self.put("q_hash", pk={"S": "two"}, v={"N": "2"})
        result = self.ddb.query(TableName="q_hash", KeyConditionExpression="pk = :p",
                                ExpressionAttributeValues={":p": {"S": "one"}})
        self.assertEqual(result["Items"], [{"pk": {"S": "one"}, "v": {"N": "1"}}])
        self.assertEqual((result["Count"], result["ScannedCount"]), (1, 1))
        self.assertNotIn("LastEvaluatedKey", result)

    def test_pagination_by_limit(self):
        for i in range(10):
            self.put("q_num", pk={"S": "paged"}, sk={"N": str(i)})
        items, pages, _ = self.pages(self.ddb.query, TableName="q_num",
                                     KeyConditionExpression="pk = :p", Limit=3,
                                     ExpressionAttributeValues={":p": {"S": "paged"}})
        self.assertEqual([int(i["sk"]["N"]) for i in items], list(range(10)))
        self.assertEqual(pages, 4)
        first = self.ddb.query(TableName="q_num", KeyConditionExpression="pk = :p", Limit=3,
                               ExpressionAttributeValues={":p": {"S": "paged"}})
        self.assertEqual(first["LastEvaluatedKey"], {"pk": {"S": "paged"}, "sk": {"N": "2"}})
        back, _, _ = self.pages(self.ddb.query, TableName="q_num", ScanIndexForward=False,
                                KeyConditionExpression="pk = :p", Limit=4,
                                ExpressionAttributeValues={":p": {"S": "paged"}})
        self.assertEqual([int(i["sk"]["N"]) for i in back], list(range(9, -1, -1)))

    def test_pagination_by_one_megabyte(self):
        blob = "x" * (100 * 1024)
        for i in range(25):
            self.put("q_num", pk={"S": "big"}, sk={"N": str(i)}, data={"S": blob})
        first = self.ddb.query(TableName="q_num", KeyConditionExpression="pk = :p",
                               ExpressionAttributeValues={":p": {"S": "big"}})
        # 1 MB of ~100 KB items: the eleventh item crosses the limit and ends the page.
        self.assertEqual(first["Count"], 11)
        self.assertIn("LastEvaluatedKey", first)
        items, pages, _ = self.pages(self.ddb.query, TableName="q_num", Select="COUNT",
                                     KeyConditionExpression="pk = :p",
                                     ExpressionAttributeValues={":p": {"S": "big"}})
        self.assertEqual(pages, 3)
        # The size limit counts items read, even when the filter keeps none of them.
        filtered = self.ddb.query(TableName="q_num", KeyConditionExpression="pk = :p",
                                  FilterExpression="attribute_not_exists(#d)",
                                  ExpressionAttributeNames={"#d": "data"},
                                  ExpressionAttributeValues={":p": {"S": "big"}})
        self.assertEqual((filtered["Count"], filtered["ScannedCount"]), (0, 11))
        self.assertIn("LastEvaluatedKey", filtered)

    def test_filter_limit_and_counts(self):
        for i in range(6):
            self.put("q_num", pk={"S": "filt"}, sk={"N": str(i)}, even={"BOOL": i % 2 == 0})
        result = self.ddb.query(TableName="q_num", KeyConditionExpression="pk = :p",
                                FilterExpression="even = :t", Limit=4,
                                ExpressionAttributeValues={":p": {"S": "filt"},
                                                           ":t": {"BOOL": True}})
        self.assertEqual((result["Count"], result["ScannedCount"]), (2, 4))
        self.assertEqual([i["sk"]["N"] for i in result["Items"]], ["0", "2"])
        self.assertEqual(result["LastEvaluatedKey"], {"pk": {"S": "filt"}, "sk": {"N": "3"}})

    def test_projection_and_select(self):
        self.put("q_str", pk={"S": "proj"}, sk={"S": "a"}, m={"M": {"x": {"N": "1"}}},
                 extra={"S": "o"})
        kwargs = dict(TableName="q_str", KeyConditionExpression="pk = :p",
                      ExpressionAttributeValues={":p": {"S": "proj"}})
        projected = self.ddb.query(ProjectionExpression="#m.x, extra",
                                   ExpressionAttributeNames={"#m": "m"}, **kwargs)
        self.assertEqual(projected["Items"], [{"m": {"M": {"x": {"N": "1"}}},
                                               "extra": {"S": "o"}}])
        specific = self.ddb.query(Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="sk",
                                  **kwargs)
        self.assertEqual(specific["Items"], [{"sk": {"S": "a"}}])
        counted = self.ddb.query(Select="COUNT", **kwargs)
        self.assertNotIn("Items", counted)
        self.assertEqual(counted["Count"], 1)
        everything = self.ddb.query(Select="ALL_ATTRIBUTES", ConsistentRead=True, **kwargs)
        self.assertEqual(len(everything["Items"][0]), 4)

    def test_legacy_parameters(self):
        for i in range(4):
            self.put("q_num", pk={"S": "legacy"}, sk={"N": str(i)}, v={"N": str(i * 10)},
                     w={"S": "w"})
        result = self.ddb.query(
            TableName="q_num",
            KeyConditions={"pk": {"ComparisonOperator": "EQ",
                                  "AttributeValueList": [{"S": "legacy"}]},
                           "sk": {"ComparisonOperator": "GE",
                                  "AttributeValueList": [{"N": "1"}]}},
            QueryFilter={"v": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "30"}]}},
            AttributesToGet=["sk", "v"])
        self.assertEqual(result["Items"], [{"sk": {"N": "1"}, "v": {"N": "10"}},
                                           {"sk": {"N": "2"}, "v": {"N": "20"}}])
        self.assertEqual(result["ScannedCount"], 3)
        either = self.ddb.query(
            TableName="q_num",
            KeyConditions={"pk": {"ComparisonOperator": "EQ",
                                  "AttributeValueList": [{"S": "legacy"}]}},
            QueryFilter={"v": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "0"}]},
                         "w": {"ComparisonOperator": "NULL"}},
            ConditionalOperator="OR")
        self.assertEqual([i["sk"]["N"] for i in either["Items"]], ["0"])

    def test_consumed_capacity(self):
        for i in range(3):
            self.put("q_num", pk={"S": "cap"}, sk={"N": str(i)}, data={"S": "d" * 3000})
        kwargs = dict(TableName="q_num", KeyConditionExpression="pk = :p",
                      ExpressionAttributeValues={":p": {"S": "cap"}})
        eventual = self.ddb.query(ReturnConsumedCapacity="TOTAL", **kwargs)
        self.assertEqual(eventual["ConsumedCapacity"], {"TableName": "q_num",
                                                        "CapacityUnits": 1.5})
        strong = self.ddb.query(ReturnConsumedCapacity="INDEXES", ConsistentRead=True, **kwargs)
        self.assertEqual(strong["ConsumedCapacity"]["CapacityUnits"], 3.0)
        self.assertEqual(strong["ConsumedCapacity"]["Table"], {"CapacityUnits": 3.0})

    def test_exclusive_start_key(self):
        for i in range(3):
            self.put("q_num", pk={"S": "esk"}, sk={"N": str(i)})
        kwargs = dict(TableName="q_num", KeyConditionExpression="pk = :p",
                      ExpressionAttributeValues={":p": {"S": "esk"}})
        after = self.ddb.query(ExclusiveStartKey={"pk": {"S": "esk"}, "sk": {"N": "0"}}, **kwargs)
        self.assertEqual([i["sk"]["N"] for i in after["Items"]], ["1", "2"])
        self.assertError(self.ddb.query, "ValidationException",
                         "The provided starting key is invalid",
                         ExclusiveStartKey={"pk": {"S": "esk"}}, **kwargs)
        self.assertError(self.ddb.query, "ValidationException",
                         "The provided key element does not match the schema",
                         ExclusiveStartKey={"pk": {"S": "esk"}, "sk": {"S": "0"}}, **kwargs)
        self.assertError(self.ddb.query, "ValidationException",
                         "The provided starting key is outside query boundaries based on "
                         "provided conditions",
                         ExclusiveStartKey={"pk": {"S": "other"}, "sk": {"N": "0"}}, **kwargs)
        self.assertError(self.ddb.query, "ValidationException",
                         "The provided starting key does not match the range key predicate",
                         TableName="q_num", KeyConditionExpression="pk = :p AND sk > :s",
                         ExpressionAttributeValues={":p": {"S": "esk"}, ":s": {"N": "5"}},
                         ExclusiveStartKey={"pk": {"S": "esk"}, "sk": {"N": "0"}})

    def test_request_errors(self):
        values = {":p": {"S": "x"}}
        self.assertError(self.ddb.query, "ValidationException",
                         "Either the KeyConditions or KeyConditionExpression parameter must be "
                         "specified in the request.", TableName="q_num")
        self.assertError(self.ddb.query, "ResourceNotFoundException",
                         "Requested resource not found", TableName="q_missing",
                         KeyConditionExpression="pk = :p", ExpressionAttributeValues=values)
        self.assertError(self.ddb.query, "ValidationException",
                         "The table does not have the specified index: nope", TableName="q_num",
                         IndexName="nope", KeyConditionExpression="pk = :p",
                         ExpressionAttributeValues=values)
        self.assertError(self.ddb.query, "ValidationException",
                         "Query key condition not supported", TableName="q_num",
                         KeyConditionExpression="pk > :p", ExpressionAttributeValues=values)
        self.assertError(self.ddb.query, "ValidationException",
                         "Query condition missed key schema element: pk", TableName="q_num",
                         KeyConditionExpression="sk = :s",
                         ExpressionAttributeValues={":s": {"N": "1"}})
        self.assertError(self.ddb.query, "ValidationException",
                         "Filter Expression can only contain non-primary key attributes: "
                         "Primary key attribute: sk", TableName="q_num",
                         KeyConditionExpression="pk = :p", FilterExpression="sk > :p",
                         ExpressionAttributeValues=values)
        self.assertError(self.ddb.query, "ValidationException",
                         "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {QueryFilter} Expression "
                         "parameters: {KeyConditionExpression}",
                         TableName="q_num", KeyConditionExpression="pk = :p",
                         ExpressionAttributeValues=values,
                         QueryFilter={"v": {"ComparisonOperator": "NOT_NULL"}})
        self.assertError(self.ddb.query, "ValidationException",
                         "Invalid KeyConditionExpression: The BETWEEN operator requires upper "
                         "bound to be greater than or equal to lower bound; lower bound operand: "
                         "AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}",
                         TableName="q_num",
                         KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
                         ExpressionAttributeValues={":p": {"S": "x"}, ":a": {"N": "5"},
                                                    ":b": {"N": "1"}})
        self.assertRawError("Query", {"TableName": "q_num", "Limit": 0,
                                      "KeyConditionExpression": "pk = :p",
                                      "ExpressionAttributeValues": values},
                            "ValidationException",
                            ONE_ERROR + "Value '0' at 'limit' failed to satisfy constraint: "
                            "Member must have value greater than or equal to 1")

    def test_select_rules(self):
        kwargs = dict(TableName="q_num", KeyConditionExpression="pk = :p",
                      ExpressionAttributeValues={":p": {"S": "x"}})
        self.assertError(self.ddb.query, "ValidationException",
                         ONE_ERROR + "Must specify the AttributesToGet or ProjectionExpression "
                         "when choosing to get SPECIFIC_ATTRIBUTES",
                         Select="SPECIFIC_ATTRIBUTES", **kwargs)
        self.assertError(self.ddb.query, "ValidationException",
                         ONE_ERROR + "ALL_PROJECTED_ATTRIBUTES can be used only when Querying "
                         "using an IndexName", Select="ALL_PROJECTED_ATTRIBUTES", **kwargs)
        self.assertError(self.ddb.query, "ValidationException",
                         ONE_ERROR + "Cannot specify the ProjectionExpression when choosing to "
                         "get only the Count", Select="COUNT", ProjectionExpression="pk",
                         **kwargs)
        self.assertError(self.ddb.query, "ValidationException",
                         ONE_ERROR + "Cannot specify the ProjectionExpression when choosing to "
                         "get ALL_ATTRIBUTES", Select="ALL_ATTRIBUTES", ProjectionExpression="pk",
                         **kwargs)
        self.assertError(self.ddb.query, "ValidationException",
                         ONE_ERROR + "Value 'count' at 'select' failed to satisfy constraint: "
                         "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
                         "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]", Select="count", **kwargs)


class ScanTest(ReadTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(**keyed_table("s_hash", "S"))
        cls.ddb.create_table(**keyed_table("s_range", "N", "S"))
        for i in range(120):
            cls.ddb.put_item(TableName="s_hash", Item={"pk": {"S": f"item{i}"},
                                                       "n": {"N": str(i)}})
        for p in range(30):
            for s in range(4):
                cls.ddb.put_item(TableName="s_range", Item={"pk": {"N": str(p)},
                                                            "sk": {"S": f"s{s}"}})

    @staticmethod
    def key_of(item):
        return tuple(sorted((k, str(v)) for k, v in item.items() if k in ("pk", "sk")))

    def test_full_scan_and_filter(self):
        everything, _, scanned = self.pages(self.ddb.scan, TableName="s_hash", Limit=17)
        self.assertEqual(len(everything), 120)
        self.assertEqual(scanned, 120)
        filtered = self.ddb.scan(TableName="s_hash", FilterExpression="n >= :m",
                                 ExpressionAttributeValues={":m": {"N": "100"}})
        self.assertEqual((filtered["Count"], filtered["ScannedCount"]), (20, 120))
        legacy = self.ddb.scan(TableName="s_hash", ScanFilter={
            "n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "10"},
                                                                           {"N": "14"}]}},
            AttributesToGet=["n"])
        self.assertEqual(sorted(int(i["n"]["N"]) for i in legacy["Items"]), [10, 11, 12, 13, 14])

    def test_parallel_scan_covers_every_item_once(self):
        for table, total_items in (("s_hash", 120), ("s_range", 120)):
            for total in (1, 2, 4, 7):
                seen = []
                for segment in range(total):
                    items, _, _ = self.pages(self.ddb.scan, TableName=table, Limit=9,
                                             Segment=segment, TotalSegments=total)
                    seen.extend(self.key_of(i) for i in items)
                self.assertEqual(len(seen), total_items, (table, total))
                self.assertEqual(len(set(seen)), total_items, (table, total))

    def test_parallel_scan_keeps_partitions_together(self):
        owner = {}
        for segment in range(5):
            items, _, _ = self.pages(self.ddb.scan, TableName="s_range", Segment=segment,
                                     TotalSegments=5)
            for item in items:
                self.assertEqual(owner.setdefault(item["pk"]["N"], segment), segment)

    def test_scan_pagination_by_one_megabyte(self):
        self.ddb.create_table(**keyed_table("s_big", "N"))
        blob = "y" * (200 * 1024)
        for i in range(12):
            self.put("s_big", pk={"N": str(i)}, data={"S": blob})
        first = self.ddb.scan(TableName="s_big", ProjectionExpression="pk")
        self.assertEqual(first["ScannedCount"], 6)
        items, pages, _ = self.pages(self.ddb.scan, TableName="s_big", ProjectionExpression="pk")
        self.assertEqual(sorted(int(i["pk"]["N"]) for i in items), list(range(12)))
        # The second page also ends on the size limit, so it still names a LastEvaluatedKey
        # and a third, empty page confirms the end.
        self.assertEqual(pages, 3)

    def test_segment_errors(self):
        self.assertError(self.ddb.scan, "ValidationException",
                         "The Segment parameter is required but was not present in the request "
                         "when parameter TotalSegments is present",
                         TableName="s_hash", TotalSegments=2)
        self.assertError(self.ddb.scan, "ValidationException",
                         "The TotalSegments parameter is required but was not present in the "
                         "request when Segment parameter is present",
                         TableName="s_hash", Segment=1)
        self.assertError(self.ddb.scan, "ValidationException",
                         "The Segment parameter is zero-based and must be less than parameter "
                         "TotalSegments: Segment: 3 is not less than TotalSegments: 3",
                         TableName="s_hash", Segment=3, TotalSegments=3)
        self.assertRawError("Scan", {"TableName": "s_hash", "Segment": 0,
                                     "TotalSegments": 1000001}, "ValidationException",
                            ONE_ERROR + "Value '1000001' at 'totalSegments' failed to satisfy "
                            "constraint: Member must have value less than or equal to 1000000")
        page = self.ddb.scan(TableName="s_hash", Segment=0, TotalSegments=2, Limit=1)
        start = page["LastEvaluatedKey"]
        self.assertError(self.ddb.scan, "ValidationException",
                         "The provided starting key is invalid: Invalid ExclusiveStartKey. "
                         "Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 "
                         "Segment: 1", TableName="s_hash", Segment=1, TotalSegments=2,
                         ExclusiveStartKey=start)

    def test_scan_errors(self):
        self.assertError(self.ddb.scan, "ValidationException",
                         "Must specify the AttributesToGet or ProjectionExpression when choosing "
                         "to get SPECIFIC_ATTRIBUTES", TableName="s_hash",
                         Select="SPECIFIC_ATTRIBUTES")
        self.assertError(self.ddb.scan, "ValidationException",
                         "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "
                         "IndexName", TableName="s_hash", Select="ALL_PROJECTED_ATTRIBUTES")
        self.assertError(self.ddb.scan, "ValidationException",
                         "Cannot specify the AttributesToGet when choosing to get only the Count",
                         TableName="s_hash", Select="COUNT", AttributesToGet=["n"])
        self.assertError(self.ddb.scan, "ValidationException",
                         "The provided starting key is invalid: The provided key element does "
                         "not match the schema", TableName="s_hash",
                         ExclusiveStartKey={"pk": {"N": "1"}})
        self.assertError(self.ddb.scan, "ValidationException",
                         "The table does not have the specified index: nope",
                         TableName="s_hash", IndexName="nope")
        self.assertError(self.ddb.scan, "ResourceNotFoundException",
                         "Requested resource not found", TableName="s_missing")
        self.assertError(self.ddb.scan, "ValidationException",
                         "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {AttributesToGet} Expression "
                         "parameters: {FilterExpression}", TableName="s_hash",
                         AttributesToGet=["n"], FilterExpression="n > :m",
                         ExpressionAttributeValues={":m": {"N": "1"}})
        count = self.ddb.scan(TableName="s_hash", Select="COUNT", Limit=1, ConsistentRead=True)
        self.assertEqual((count["Count"], count["ScannedCount"]), (1, 1))
        self.assertNotIn("Items", count)
        self.assertIn("LastEvaluatedKey", count)


if __name__ == "__main__":
    unittest.main()
