"""DynamoDB tables and single items end to end with boto3: shapes, error types and texts."""
import unittest

from botocore.exceptions import ClientError

from floci_host import FlociHost

INVALID = "One or more parameter values were invalid: "


def hash_table(name, key="pk", key_type="S", **extra):
    args = dict(TableName=name, AttributeDefinitions=[{"AttributeName": key,
                                                       "AttributeType": key_type}],
                KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
                BillingMode="PAY_PER_REQUEST")
    args.update(extra)
    return args


class DynamoDbTest(unittest.TestCase):
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
        error = caught.exception.response["Error"]
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(error["Code"], code, error)
        if message is not None:
            self.assertEqual(error["Message"], message)
        return caught.exception.response


class TableTest(DynamoDbTest):
    def test_create_describe_list_delete(self):
        created = self.ddb.create_table(**hash_table("tbl_life"))["TableDescription"]
        self.assertEqual(created["TableStatus"], "CREATING")
        self.assertRegex(created["TableId"], r"^[0-9a-f-]{36}$")
        table = self.ddb.describe_table(TableName="tbl_life")["Table"]
        self.assertEqual(table["TableStatus"], "ACTIVE")
        self.assertEqual(table["TableArn"],
                         "arn:aws:dynamodb:us-east-1:000000000000:table/tbl_life")
        self.assertEqual(table["ProvisionedThroughput"], {
            "NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0, "WriteCapacityUnits": 0})
        self.assertEqual(table["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertFalse(table["DeletionProtectionEnabled"])
        self.assertIn("tbl_life", self.ddb.list_tables()["TableNames"])
        self.ddb.get_waiter("table_exists").wait(TableName="tbl_life")
        deleted = self.ddb.delete_table(TableName="tbl_life")["TableDescription"]
        self.assertEqual(deleted["TableStatus"], "DELETING")
        self.assertError(self.ddb.describe_table, "ResourceNotFoundException",
                         "Requested resource not found: Table: tbl_life not found",
                         TableName="tbl_life")
        self.assertError(self.ddb.delete_table, "ResourceNotFoundException",
                         TableName="tbl_life")

    def test_recreate_does_not_see_old_items(self):
        self.ddb.create_table(**hash_table("tbl_again"))
        self.ddb.put_item(TableName="tbl_again", Item={"pk": {"S": "a"}})
        self.ddb.delete_table(TableName="tbl_again")
        self.ddb.create_table(**hash_table("tbl_again"))
        self.assertNotIn("Item", self.ddb.get_item(TableName="tbl_again", Key={"pk": {"S": "a"}}))

    def test_existing_table(self):
        self.ddb.create_table(**hash_table("tbl_dup"))
        self.assertError(self.ddb.create_table, "ResourceInUseException",
                         "Table already exists: tbl_dup", **hash_table("tbl_dup"))

    def test_provisioned_with_indexes(self):
        desc = self.ddb.create_table(
            TableName="tbl_idx",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": t}
                                  for n, t in (("pk", "S"), ("sk", "N"), ("g", "S"), ("l", "B"))],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}],
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 3},
            LocalSecondaryIndexes=[{
                "IndexName": "lsi1",
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                              {"AttributeName": "l", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}],
            GlobalSecondaryIndexes=[{
                "IndexName": "gsi1",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]},
                "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
            DeletionProtectionEnabled=True)["TableDescription"]
        self.assertNotIn("BillingModeSummary", desc)
        table = self.ddb.describe_table(TableName="tbl_idx")["Table"]
        self.assertEqual(table["ProvisionedThroughput"]["ReadCapacityUnits"], 5)
        gsi = table["GlobalSecondaryIndexes"][0]
        self.assertEqual(gsi["IndexStatus"], "ACTIVE")
        self.assertEqual(gsi["IndexArn"], table["TableArn"] + "/index/gsi1")
        self.assertEqual(gsi["Projection"], {"ProjectionType": "INCLUDE",
                                             "NonKeyAttributes": ["x"]})
        self.assertEqual(table["LocalSecondaryIndexes"][0]["IndexName"], "lsi1")
        self.assertEqual(table["StreamSpecification"],
                         {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        self.assertTrue(table["LatestStreamArn"].startswith(table["TableArn"] + "/stream/"))
        self.assertTrue(table["DeletionProtectionEnabled"])
        self.assertError(self.ddb.delete_table, "ValidationException",
                         "Resource cannot be deleted as it is currently protected against "
                         "deletion. Disable deletion protection first.", TableName="tbl_idx")
        updated = self.ddb.update_table(TableName="tbl_idx", DeletionProtectionEnabled=False,
                                        BillingMode="PAY_PER_REQUEST")["TableDescription"]
        self.assertEqual(updated["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertFalse(updated["DeletionProtectionEnabled"])
        self.ddb.delete_table(TableName="tbl_idx")

    def test_update_table(self):
        self.ddb.create_table(TableName="tbl_upd", AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
        desc = self.ddb.update_table(TableName="tbl_upd", ProvisionedThroughput={
            "ReadCapacityUnits": 7, "WriteCapacityUnits": 8})["TableDescription"]
        self.assertEqual(desc["ProvisionedThroughput"]["ReadCapacityUnits"], 7)
        self.ddb.update_table(TableName="tbl_upd", TableClass="STANDARD_INFREQUENT_ACCESS")
        table = self.ddb.describe_table(TableName="tbl_upd")["Table"]
        self.assertEqual(table["TableClassSummary"]["TableClass"], "STANDARD_INFREQUENT_ACCESS")
        self.assertEqual(table["ProvisionedThroughput"]["WriteCapacityUnits"], 8)
        self.assertError(self.ddb.update_table, "ValidationException", TableName="tbl_upd")
        self.assertError(self.ddb.update_table, "ResourceNotFoundException",
                         TableName="tbl_missing", DeletionProtectionEnabled=True)

    def test_list_tables_pages(self):
        for name in ("lst_a", "lst_b", "lst_c"):
            self.ddb.create_table(**hash_table(name))
        page = self.ddb.list_tables(ExclusiveStartTableName="lst_", Limit=2)
        self.assertEqual(page["TableNames"], ["lst_a", "lst_b"])
        self.assertEqual(page["LastEvaluatedTableName"], "lst_b")
        page = self.ddb.list_tables(ExclusiveStartTableName="lst_b", Limit=1)
        self.assertEqual(page["TableNames"], ["lst_c"])
        self.assertError(self.ddb.list_tables, "ValidationException",
                         "1 validation error detected: Value '101' at 'limit' failed to satisfy "
                         "constraint: Member must have value less than or equal to 100",
                         Limit=101)

    def test_create_table_validation(self):
        self.assertError(self.ddb.create_table, "ValidationException",
                         "TableName must be at least 3 characters long and at most 255 "
                         "characters long", **hash_table("ab"))
        self.assertError(self.ddb.create_table, "ValidationException",
                         "1 validation error detected: Value 'a b' at 'tableName' failed to "
                         "satisfy constraint: Member must satisfy regular expression pattern: "
                         "[a-zA-Z0-9_.-]+", **hash_table("a b"))
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be "
                         "specified when BillingMode is PROVISIONED",
                         **hash_table("tbl_prov", BillingMode="PROVISIONED"))
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                         "specified when BillingMode is PAY_PER_REQUEST",
                         **hash_table("tbl_ppr", ProvisionedThroughput={
                             "ReadCapacityUnits": 1, "WriteCapacityUnits": 1}))
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "Some index key attributes are not defined in "
                         "AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]",
                         **hash_table("tbl_def", AttributeDefinitions=[
                             {"AttributeName": "other", "AttributeType": "S"}]))
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "Number of attributes in KeySchema does not exactly match "
                         "number of attributes defined in AttributeDefinitions",
                         **hash_table("tbl_extra", AttributeDefinitions=[
                             {"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "x", "AttributeType": "S"}]))
        self.assertError(self.ddb.create_table, "ValidationException",
                         "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
                         **hash_table("tbl_range", KeySchema=[
                             {"AttributeName": "pk", "KeyType": "RANGE"}]))
        self.assertError(self.ddb.create_table, "ValidationException",
                         "1 validation error detected: Value 'X' at "
                         "'attributeDefinitions.1.member.attributeType' failed to satisfy "
                         "constraint: Member must satisfy enum value set: [B, N, S]",
                         **hash_table("tbl_type", key_type="X"))

    def test_index_validation(self):
        base = dict(AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                          {"AttributeName": "g", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                    BillingMode="PAY_PER_REQUEST")
        gsi = {"IndexName": "gsi", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
               "Projection": {"ProjectionType": "ALL"}}
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "Duplicate index name: gsi", TableName="tbl_gdup",
                         GlobalSecondaryIndexes=[gsi, gsi], **base)
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "Table KeySchema does not have a range key, which is "
                         "required when specifying a LocalSecondaryIndex", TableName="tbl_lsi",
                         LocalSecondaryIndexes=[{
                             "IndexName": "lsi", "KeySchema": [
                                 {"AttributeName": "pk", "KeyType": "HASH"},
                                 {"AttributeName": "g", "KeyType": "RANGE"}],
                             "Projection": {"ProjectionType": "ALL"}}], **base)
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified",
                         TableName="tbl_proj", GlobalSecondaryIndexes=[dict(gsi, Projection={
                             "ProjectionType": "ALL", "NonKeyAttributes": ["a"]})], **base)
        many = [dict(gsi, IndexName=f"gsi{i:02d}") for i in range(21)]
        self.assertError(self.ddb.create_table, "ValidationException",
                         INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20",
                         TableName="tbl_many", GlobalSecondaryIndexes=many, **base)

    def test_unknown_and_unbuilt_operations(self):
        for action in ("NoSuchAction", "ExportTableToPointInTime"):
            status, body, _ = self.host.call("DynamoDB_20120810." + action, {})
            self.assertEqual(status, 400)
            self.assertEqual(body, {"__type": "com.amazon.coral.service#UnknownOperationException"})
        status, body, _ = self.host.call("DynamoDBStreams_20120810.ListStreams", {})
        self.assertEqual(status, 400)

    def test_wrong_json_types(self):
        status, body, _ = self.host.call("DynamoDB_20120810.DescribeTable", {"TableName": 5})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "com.amazon.coral.service#SerializationException")
        self.assertEqual(body["message"],
                         "class java.lang.Short can not be converted to an String")
        status, body, _ = self.host.call("DynamoDB_20120810.DescribeTable", {})
        self.assertEqual(body["message"], "1 validation error detected: Value null at "
                         "'tableName' failed to satisfy constraint: Member must not be null")

    def test_accounts_and_regions_are_isolated(self):
        self.ddb.create_table(**hash_table("tbl_iso"))
        import boto3
        west = boto3.client("dynamodb", endpoint_url=self.host.endpoint, region_name="eu-west-1",
                            aws_access_key_id="test", aws_secret_access_key="test")
        self.assertNotIn("tbl_iso", west.list_tables()["TableNames"])
        west.create_table(**hash_table("tbl_iso"))
        acct = boto3.client("dynamodb", endpoint_url=self.host.endpoint, region_name="us-east-1",
                            aws_access_key_id="111122223333", aws_secret_access_key="test")
        self.assertError(acct.describe_table, "ResourceNotFoundException", TableName="tbl_iso")


class ItemTest(DynamoDbTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(**hash_table("items"))
        cls.ddb.create_table(
            TableName="items2", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}])

    def test_all_types_round_trip(self):
        item = {"pk": {"S": "types"}, "n": {"N": "-1.50"}, "b": {"B": b"\x00\x01"},
                "t": {"BOOL": True}, "z": {"NULL": True}, "ss": {"SS": ["a", "b"]},
                "ns": {"NS": ["1", "2"]}, "bs": {"BS": [b"x"]},
                "m": {"M": {"k": {"L": [{"S": "v"}, {"N": "1"}]}}}}
        self.ddb.put_item(TableName="items", Item=item)
        got = self.ddb.get_item(TableName="items", Key={"pk": {"S": "types"}},
                                ConsistentRead=True)["Item"]
        self.assertEqual(got["n"], {"N": "-1.5"})
        self.assertEqual(got["b"], {"B": b"\x00\x01"})
        self.assertEqual(got["m"], item["m"])
        self.assertEqual(sorted(got["ss"]["SS"]), ["a", "b"])

    def test_item_at_the_deepest_nesting_level_is_readable_by_every_action(self):
        # 32 levels (the deepest AWS accepts) are 64 JSON levels in the stored text: every
        # action that reads the stored item back must cope, not only GetItem's plain copy.
        deep = {"S": "leaf"}
        for _ in range(31):
            deep = {"M": {"a": deep}}
        key = {"pk": {"S": "deep"}}
        self.ddb.put_item(TableName="items", Item=dict(key, d=deep))
        updated = self.ddb.update_item(TableName="items", Key=key, UpdateExpression="SET x = :v",
                                       ExpressionAttributeValues={":v": {"N": "1"}},
                                       ReturnValues="ALL_NEW")["Attributes"]
        self.assertEqual(updated["d"], deep)
        with self.assertRaises(ClientError) as failed:
            self.ddb.put_item(TableName="items", Item=key,
                              ConditionExpression="attribute_not_exists(pk)",
                              ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(failed.exception.response["Item"]["d"], deep)
        scanned = self.ddb.scan(TableName="items", FilterExpression="pk = :k",
                                ExpressionAttributeValues={":k": {"S": "deep"}})["Items"]
        self.assertEqual([i["d"] for i in scanned], [deep])
        got = self.ddb.get_item(TableName="items", Key=key, ProjectionExpression="d")["Item"]
        self.assertEqual(got, {"d": deep})

    def test_return_values_and_capacity(self):
        key = {"pk": {"S": "rv"}}
        first = self.ddb.put_item(TableName="items", Item=dict(key, v={"S": "1"}),
                                  ReturnValues="ALL_OLD", ReturnConsumedCapacity="TOTAL")
        self.assertNotIn("Attributes", first)
        self.assertEqual(first["ConsumedCapacity"], {"TableName": "items", "CapacityUnits": 1.0})
        second = self.ddb.put_item(TableName="items", Item=dict(key, v={"S": "2"}),
                                   ReturnValues="ALL_OLD")
        self.assertEqual(second["Attributes"], dict(key, v={"S": "1"}))
        got = self.ddb.get_item(TableName="items", Key=key, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(got["ConsumedCapacity"], {"TableName": "items", "CapacityUnits": 0.5,
                                                   "Table": {"CapacityUnits": 0.5}})
        got = self.ddb.get_item(TableName="items", Key=key, ConsistentRead=True,
                                ReturnConsumedCapacity="TOTAL", AttributesToGet=["v"])
        self.assertEqual(got["Item"], {"v": {"S": "2"}})
        self.assertEqual(got["ConsumedCapacity"]["CapacityUnits"], 1.0)
        big = self.ddb.put_item(TableName="items", Item=dict(key, v={"S": "x" * 5000}),
                                ReturnConsumedCapacity="TOTAL")
        self.assertEqual(big["ConsumedCapacity"]["CapacityUnits"], 5.0)
        deleted = self.ddb.delete_item(TableName="items", Key=key, ReturnValues="ALL_OLD")
        self.assertEqual(deleted["Attributes"]["v"]["S"], "x" * 5000)
        self.assertNotIn("Item", self.ddb.get_item(TableName="items", Key=key))
        self.assertError(self.ddb.put_item, "ValidationException",
                         "ReturnValues can only be ALL_OLD or NONE", TableName="items",
                         Item=key, ReturnValues="ALL_NEW")
        self.assertError(self.ddb.delete_item, "ValidationException",
                         "ReturnValues can only be ALL_OLD or NONE", TableName="items",
                         Key=key, ReturnValues="UPDATED_OLD")

    def test_key_errors(self):
        self.assertError(self.ddb.put_item, "ValidationException",
                         INVALID + "Missing the key pk in the item", TableName="items",
                         Item={"x": {"S": "1"}})
        self.assertError(self.ddb.put_item, "ValidationException",
                         INVALID + "Type mismatch for key pk expected: S actual: N",
                         TableName="items", Item={"pk": {"N": "1"}})
        self.assertError(self.ddb.put_item, "ValidationException",
                         INVALID + "Missing the key sk in the item", TableName="items2",
                         Item={"pk": {"S": "1"}})
        for key in ({"pk": {"N": "1"}}, {"pk": {"S": "a"}, "x": {"S": "b"}}, {"x": {"S": "1"}}):
            self.assertError(self.ddb.get_item, "ValidationException",
                             "The provided key element does not match the schema",
                             TableName="items", Key=key)
            self.assertError(self.ddb.delete_item, "ValidationException",
                             "The provided key element does not match the schema",
                             TableName="items", Key=key)
        self.assertError(self.ddb.put_item, "ValidationException",
                         "One or more parameter values are not valid. The AttributeValue for a "
                         "key attribute cannot contain an empty string value. Key: pk",
                         TableName="items", Item={"pk": {"S": ""}})
        self.assertError(self.ddb.get_item, "ValidationException", TableName="items",
                         Key={"pk": {"S": "x" * 2049}})
        self.assertError(self.ddb.put_item, "ResourceNotFoundException",
                         "Requested resource not found", TableName="nothere",
                         Item={"pk": {"S": "1"}})
        self.assertError(self.ddb.get_item, "ResourceNotFoundException",
                         "Requested resource not found", TableName="nothere",
                         Key={"pk": {"S": "1"}})

    def test_item_size_limit_and_atomicity(self):
        key = {"pk": {"S": "big"}}
        self.ddb.put_item(TableName="items", Item=dict(key, v={"S": "keep"}))
        self.assertError(self.ddb.put_item, "ValidationException",
                         "Item size has exceeded the maximum allowed size", TableName="items",
                         Item=dict(key, v={"S": "x" * 409600}))
        self.ddb.put_item(TableName="items", Item=dict(key, v={"S": "x" * (409600 - 6)}))
        self.assertError(self.ddb.put_item, "ConditionalCheckFailedException",
                         "The conditional request failed", TableName="items",
                         Item=dict(key, v={"S": "new"}),
                         ConditionExpression="attribute_not_exists(pk)")
        got = self.ddb.get_item(TableName="items", Key=key)["Item"]
        self.assertEqual(len(got["v"]["S"]), 409600 - 6)

    def test_conditions_and_projection(self):
        key = {"pk": {"S": "cond"}}
        self.ddb.put_item(TableName="items", Item=dict(key, n={"N": "1"}, a={"S": "x"}))
        response = self.assertError(
            self.ddb.delete_item, "ConditionalCheckFailedException", TableName="items", Key=key,
            ConditionExpression="n = :two", ExpressionAttributeValues={":two": {"N": "2"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(response["Item"]["a"], {"S": "x"})
        got = self.ddb.get_item(TableName="items", Key=key, ProjectionExpression="#a",
                                ExpressionAttributeNames={"#a": "a"})
        self.assertEqual(got["Item"], {"a": {"S": "x"}})
        self.ddb.delete_item(TableName="items", Key=key, Expected={"n": {"Value": {"N": "1"}}})
        self.assertNotIn("Item", self.ddb.get_item(TableName="items", Key=key))

    def test_counts_in_describe(self):
        self.ddb.create_table(**hash_table("counted"))
        self.ddb.put_item(TableName="counted", Item={"pk": {"S": "a"}, "v": {"S": "12345"}})
        self.ddb.put_item(TableName="counted", Item={"pk": {"S": "b"}})
        table = self.ddb.describe_table(TableName="counted")["Table"]
        self.assertEqual(table["ItemCount"], 2)
        self.assertEqual(table["TableSizeBytes"], (2 + 1 + 1 + 5) + (2 + 1))
        self.ddb.delete_item(TableName="counted", Key={"pk": {"S": "a"}})
        table = self.ddb.describe_table(TableName="counted")["Table"]
        self.assertEqual((table["ItemCount"], table["TableSizeBytes"]), (1, 3))


if __name__ == "__main__":
    unittest.main()
