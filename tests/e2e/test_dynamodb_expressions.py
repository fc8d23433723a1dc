"""DynamoDB expressions end to end: conditions, UpdateExpression, projections, the legacy
parameters and ReturnValues, with AWS's error types (full __type on the wire), status and texts.
Successful calls go through boto3; failing ones are posted raw so the exact __type is seen."""
import unittest

from floci_host import FlociHost

TABLE = "expr_tbl"
VALIDATION = "com.amazon.coral.validate#ValidationException"
CONDITIONAL = "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"
INVALID = "One or more parameter values were invalid: "
OVERFLOW = "Number overflow. Attempting to store a number with magnitude larger than supported range"


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


class ExpressionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost().start()
        cls.ddb = cls.host.boto3_client("dynamodb")
        cls.ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        cls.ddb.create_table(
            TableName="expr_range", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": t}
                                  for n, t in (("pk", "S"), ("sk", "N"), ("g", "S"))],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "gsi",
                                     "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "ALL"}}])

    @classmethod
    def tearDownClass(cls):
        cls.host.stop()

    # -- helpers --------------------------------------------------------------------------
    def put(self, pk, **attrs):
        item = {"pk": S(pk), **attrs}
        self.ddb.put_item(TableName=TABLE, Item=item)
        return item

    def get(self, pk, table=TABLE, key=None):
        return self.ddb.get_item(TableName=table, Key=key or {"pk": S(pk)},
                                 ConsistentRead=True).get("Item")

    def update(self, pk, expression=None, values=None, names=None, **extra):
        args = dict(TableName=TABLE, Key={"pk": S(pk)}, **extra)
        if expression is not None:
            args["UpdateExpression"] = expression
        if values:
            args["ExpressionAttributeValues"] = values
        if names:
            args["ExpressionAttributeNames"] = names
        return self.ddb.update_item(**args)

    def refuse(self, payload, action="UpdateItem", type_=VALIDATION, message=None):
        payload = {"TableName": TABLE, **payload}
        status, body, _ = self.host.call("DynamoDB_20120810." + action, payload)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["__type"], type_, body)
        if message is not None:
            self.assertEqual(body["message"], message)
        return body

    def fail_update(self, pk, expression, message, values=None, names=None, **extra):
        payload = {"Key": {"pk": S(pk)}, "UpdateExpression": expression, **extra}
        if values:
            payload["ExpressionAttributeValues"] = values
        if names:
            payload["ExpressionAttributeNames"] = names
        return self.refuse(payload, message=message)

    def holds(self, pk, condition, values=None, names=None):
        """Whether the stored item `pk` satisfies `condition` (a conditional no-op update)."""
        payload = {"Key": {"pk": S(pk)}, "ConditionExpression": condition,
                   "UpdateExpression": "SET probe = :probe",
                   "ExpressionAttributeValues": {":probe": N(0), **(values or {})}}
        if names:
            payload["ExpressionAttributeNames"] = names
        status, body, _ = self.host.call("DynamoDB_20120810.UpdateItem",
                                         {"TableName": TABLE, **payload})
        if status == 200:
            return True
        self.assertEqual(body["__type"], CONDITIONAL, body)
        self.assertEqual(body["message"], "The conditional request failed")
        return False


class ConditionTest(ExpressionTest):
    def setUp(self):
        self.put("c", n=N(5), s=S("abc"), b={"B": b"\x01\x02"}, ss={"SS": ["x", "y"]},
                 ns={"NS": ["1", "2"]}, l={"L": [S("x"), N(1)]}, m={"M": {"k": S("v")}},
                 t={"BOOL": True}, z={"NULL": True})

    def test_comparators_on_numbers_and_strings(self):
        cases = [("n = :v", N(5), True), ("n <> :v", N(5), False), ("n < :v", N(6), True),
                 ("n <= :v", N(5), True), ("n > :v", N(5), False), ("n >= :v", N(5), True),
                 ("s < :v", S("abd"), True), ("s > :v", S("ab"), True),
                 ("s = :v", S("abc"), True), ("b < :v", {"B": "AQM="}, True)]
        for expr, value, expected in cases:
            with self.subTest(expr=expr):
                self.assertEqual(self.holds("c", expr, {":v": value}), expected)

    def test_type_mismatch_comparisons_are_false(self):
        self.assertFalse(self.holds("c", "n = :v", {":v": S("5")}))
        self.assertFalse(self.holds("c", "n < :v", {":v": S("9")}))
        self.assertFalse(self.holds("c", "n >= :v", {":v": S("0")}))
        self.assertTrue(self.holds("c", "n <> :v", {":v": S("5")}))
        self.assertFalse(self.holds("c", "nope = :v", {":v": N(5)}))

    def test_between_and_in(self):
        self.assertTrue(self.holds("c", "n BETWEEN :a AND :b", {":a": N(1), ":b": N(5)}))
        self.assertFalse(self.holds("c", "n BETWEEN :a AND :b", {":a": N(6), ":b": N(9)}))
        self.assertFalse(self.holds("c", "s BETWEEN :a AND :b", {":a": N(1), ":b": N(9)}))
        self.assertTrue(self.holds("c", "n IN (:a, :b)", {":a": N(1), ":b": N(5)}))
        self.assertFalse(self.holds("c", "n IN (:a, :b)", {":a": N(1), ":b": S("5")}))

    def test_and_or_not(self):
        v = {":five": N(5), ":zero": N(0)}
        self.assertTrue(self.holds("c", "n = :five AND NOT n = :zero", v))
        self.assertTrue(self.holds("c", "n = :zero OR n = :five", v))
        self.assertFalse(self.holds("c", "NOT (n = :zero OR n = :five)", v))
        # AND binds tighter than OR.
        self.assertTrue(self.holds("c", "n = :five OR n = :zero AND n = :zero", v))
        self.assertFalse(self.holds("c", "(n = :five OR n = :zero) AND n = :zero", v))

    def test_functions(self):
        self.assertTrue(self.holds("c", "attribute_exists(m.k)"))
        self.assertFalse(self.holds("c", "attribute_exists(m.nope)"))
        self.assertTrue(self.holds("c", "attribute_not_exists(nope)"))
        self.assertTrue(self.holds("c", "attribute_exists(l[1])"))
        for name, type_name in (("n", "N"), ("s", "S"), ("b", "B"), ("ss", "SS"), ("ns", "NS"),
                                ("l", "L"), ("m", "M"), ("t", "BOOL"), ("z", "NULL")):
            with self.subTest(attribute=name):
                self.assertTrue(self.holds("c", "attribute_type(#a, :t)", {":t": S(type_name)},
                                           {"#a": name}))
        self.assertFalse(self.holds("c", "attribute_type(n, :t)", {":t": S("S")}))
        self.assertTrue(self.holds("c", "begins_with(s, :p)", {":p": S("ab")}))
        self.assertFalse(self.holds("c", "begins_with(s, :p)", {":p": S("b")}))
        self.assertTrue(self.holds("c", "contains(s, :p)", {":p": S("bc")}))
        self.assertTrue(self.holds("c", "contains(ss, :p)", {":p": S("y")}))
        self.assertTrue(self.holds("c", "contains(ns, :p)", {":p": N(2)}))
        self.assertTrue(self.holds("c", "contains(l, :p)", {":p": N(1)}))
        self.assertFalse(self.holds("c", "contains(n, :p)", {":p": N(5)}))

    def test_size(self):
        for expr, size in (("size(s)", 3), ("size(l)", 2), ("size(m)", 1), ("size(ss)", 2),
                           ("size(b)", 2)):
            with self.subTest(expr=expr):
                self.assertTrue(self.holds("c", expr + " = :v", {":v": N(size)}))
        self.assertFalse(self.holds("c", "size(n) = :v", {":v": N(1)}))

    def test_missing_item_fails_and_returns_no_item(self):
        body = self.refuse({"Key": {"pk": S("missing")}, "ConditionExpression": "attribute_exists(pk)",
                          "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
                         type_=CONDITIONAL, message="The conditional request failed")
        self.assertNotIn("Item", body)
        self.assertIsNone(self.get("missing"))

    def test_failure_returns_old_item_on_request(self):
        body = self.refuse({"Key": {"pk": S("c")}, "ConditionExpression": "n = :v",
                          "UpdateExpression": "SET n = :v", "ExpressionAttributeValues": {":v": N(9)},
                          "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}, type_=CONDITIONAL)
        self.assertEqual(body["Item"]["n"], N(5))
        self.assertEqual(self.get("c")["n"], N(5))

    def test_condition_errors(self):
        self.refuse({"Key": {"pk": S("c")}, "ConditionExpression": "n = "},
                  message='Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "')
        self.refuse({"Key": {"pk": S("c")}, "ConditionExpression": "foo(n)"},
                  message="Invalid ConditionExpression: Invalid function name; function: foo")
        self.refuse({"Key": {"pk": S("c")}, "ConditionExpression": "attribute_type(n, :t)",
                   "ExpressionAttributeValues": {":t": S("X")}},
                  message="Invalid ConditionExpression: Invalid attribute type name found; type: "
                          "X, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}")
        self.refuse({"Key": {"pk": S("c")}, "ConditionExpression": "n BETWEEN :b AND :a",
                   "ExpressionAttributeValues": {":a": N(1), ":b": N(5)}},
                  message="Invalid ConditionExpression: The BETWEEN operator requires upper bound "
                          "to be greater than or equal to lower bound; lower bound operand: "
                          "AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}")
        self.refuse({"Key": {"pk": S("c")}, "ConditionExpression": "#d = :v",
                   "ExpressionAttributeValues": {":v": N(1)}},
                  message="Invalid ConditionExpression: An expression attribute name used in the "
                          "document path is not defined; attribute name: #d")


class UpdateExpressionTest(ExpressionTest):
    def test_set_arithmetic_uses_old_values(self):
        self.put("u1", n=N(10))
        self.update("u1", "SET n = n + :one, m = n - :two", {":one": N(1), ":two": N(2)})
        item = self.get("u1")
        self.assertEqual((item["n"], item["m"]), (N(11), N(8)))

    def test_if_not_exists_and_list_append(self):
        self.put("u2", l={"L": [N(1)]}, n=N(3))
        self.update("u2", "SET n = if_not_exists(n, :z), o = if_not_exists(o, :z), "
                          "l = list_append(:front, l), k = list_append(l, :back)",
                    {":z": N(0), ":front": {"L": [N(0)]}, ":back": {"L": [N(2)]}})
        item = self.get("u2")
        self.assertEqual(item["n"], N(3))
        self.assertEqual(item["o"], N(0))
        self.assertEqual(item["l"], {"L": [N(0), N(1)]})
        self.assertEqual(item["k"], {"L": [N(1), N(2)]})

    def test_nested_map_paths(self):
        self.put("u3", m={"M": {"a": {"M": {"b": N(1)}}}})
        self.update("u3", "SET m.a.c = :v, m.#d = :v", {":v": S("x")}, {"#d": "dotted.name"})
        self.assertEqual(self.get("u3")["m"], {"M": {"a": {"M": {"b": N(1), "c": S("x")}},
                                                      "dotted.name": S("x")}})
        self.fail_update("u3", "SET m.nope.c = :v",
                         "The document path provided in the update expression is invalid for update",
                         {":v": S("x")})

    def test_list_index_set_and_append_past_end(self):
        self.put("u4", l={"L": [N(0), N(1)]})
        self.update("u4", "SET l[0] = :a, l[10] = :b, l[7] = :c",
                    {":a": S("a"), ":b": S("b"), ":c": S("c")})
        self.assertEqual(self.get("u4")["l"], {"L": [S("a"), N(1), S("c"), S("b")]})

    def test_remove_attributes_and_list_elements_by_old_positions(self):
        self.put("u5", a=N(1), l={"L": [N(0), N(1), N(2), N(3)]}, m={"M": {"x": N(1), "y": N(2)}})
        self.update("u5", "REMOVE a, l[0], l[2], m.x, nope")
        item = self.get("u5")
        self.assertNotIn("a", item)
        self.assertEqual(item["l"], {"L": [N(1), N(3)]})
        self.assertEqual(item["m"], {"M": {"y": N(2)}})

    def test_removing_every_attribute_keeps_the_key(self):
        self.put("u6", a=N(1), b=S("x"))
        self.update("u6", "REMOVE a, b")
        self.assertEqual(self.get("u6"), {"pk": S("u6")})

    def test_add_numbers_and_sets_delete_from_sets(self):
        self.put("u7", n=N(1), ss={"SS": ["a", "b"]}, ns={"NS": ["1", "2"]}, ds={"SS": ["a", "b"]})
        self.update("u7", "ADD n :five, fresh :five, ss :more, ns :ns DELETE ds :gone",
                    {":five": N(5), ":more": {"SS": ["c"]}, ":ns": {"NS": ["3"]},
                     ":gone": {"SS": ["a"]}})
        item = self.get("u7")
        self.assertEqual(item["n"], N(6))
        self.assertEqual(item["fresh"], N(5))
        self.assertEqual(sorted(item["ss"]["SS"]), ["a", "b", "c"])
        self.assertEqual(item["ds"], {"SS": ["b"]})
        self.assertEqual(sorted(item["ns"]["NS"]), ["1", "2", "3"])
        # Deleting the last elements removes the attribute.
        self.update("u7", "DELETE ns :all", {":all": {"NS": ["1", "2", "3"]}})
        self.assertNotIn("ns", self.get("u7"))

    def test_upsert_creates_item_but_remove_only_does_not(self):
        self.update("u8", "SET a = :v", {":v": N(1)})
        self.assertEqual(self.get("u8"), {"pk": S("u8"), "a": N(1)})
        self.update("u9", "REMOVE a")
        self.assertIsNone(self.get("u9"))
        self.ddb.update_item(TableName=TABLE, Key={"pk": S("u10")})
        self.assertEqual(self.get("u10"), {"pk": S("u10")})

    def test_failed_update_changes_nothing(self):
        item = self.put("u11", a=N(1), s=S("x"))
        self.fail_update("u11", "SET a = :v, b = s + :v",
                         "An operand in the update expression has an incorrect data type",
                         {":v": N(2)})
        self.assertEqual(self.get("u11"), item)

    def test_runtime_errors(self):
        self.put("u12", s=S("x"), n=N(1))
        self.fail_update("u12", "SET a = nope",
                         "The provided expression refers to an attribute that does not exist in "
                         "the item")
        self.fail_update("u12", "ADD s :v",
                         "An operand in the update expression has an incorrect data type",
                         {":v": N(1)})
        self.fail_update("u12", "SET n[0] = :v",
                         "The document path provided in the update expression is invalid for update",
                         {":v": N(1)})

    def test_key_attributes_cannot_be_updated(self):
        self.fail_update("k", "SET pk = :v",
                         INVALID + "Cannot update attribute pk. This attribute is part of the key",
                         {":v": S("x")})
        self.refuse({"TableName": "expr_range", "Key": {"pk": S("k"), "sk": N(1)},
                   "UpdateExpression": "REMOVE sk"},
                  message=INVALID + "Cannot update attribute sk. This attribute is part of the key")

    def test_index_key_type_is_checked(self):
        self.refuse({"TableName": "expr_range", "Key": {"pk": S("k"), "sk": N(1)},
                   "UpdateExpression": "SET g = :v", "ExpressionAttributeValues": {":v": N(1)}},
                  message=INVALID + "Type mismatch for Index Key g Expected: S Actual: N "
                                    "IndexName: gsi")
        self.assertIsNone(self.get(None, "expr_range", {"pk": S("k"), "sk": N(1)}))

    def test_item_size_limit(self):
        self.put("big", a=S("x" * 300000))
        self.fail_update("big", "SET b = :v",
                         "Item size to update has exceeded the maximum allowed size",
                         {":v": S("y" * 200000)})
        self.assertNotIn("b", self.get("big"))

    def test_parse_and_resolve_errors(self):
        v = {":v": N(1)}
        cases = [
            ("SET a = :v SET b = :v", v, None,
             'Invalid UpdateExpression: The "SET" section can only be used once in an update '
             "expression;"),
            ("SET a = :v, a.b = :v", v, None,
             "Invalid UpdateExpression: Two document paths overlap with each other; must remove "
             "or rewrite one of these paths; path one: [a], path two: [a, b]"),
            ("SET a[1] = :v, a.b = :v", v, None,
             "Invalid UpdateExpression: Two document paths conflict with each other; must remove "
             "or rewrite one of these paths; path one: [a, [1]], path two: [a, b]"),
            ("SET #n = :v", v, None,
             "Invalid UpdateExpression: An expression attribute name used in the document path "
             "is not defined; attribute name: #n"),
            ("SET a = :w", v, None,
             "Invalid UpdateExpression: An expression attribute value used in expression is not "
             "defined; attribute value: :w"),
            ("SET name = :v", v, None,
             "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
             "name"),
            ("SET a = ", v, None,
             'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "= "'),
            ("ADD a b", None, None,
             'Invalid UpdateExpression: Syntax error; token: "b", near: "a b"'),
            ("", None, None, "Invalid UpdateExpression: The expression can not be empty;"),
            ("ADD a :s", {":s": S("x")}, None,
             "Invalid UpdateExpression: Incorrect operand type for operator or function; "
             "operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"),
            ("SET a = size(b)", None, None,
             "Invalid UpdateExpression: The function is not allowed in an update expression; "
             "function: size"),
            ("SET a = :v", {":v": N(1), ":x": N(2)}, None,
             "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}"),
            ("SET a = :v", v, {"#x": "x"},
             "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}"),
        ]
        for expression, values, names, message in cases:
            with self.subTest(expression=expression):
                self.fail_update("e", expression, message, values, names)
        self.assertIsNone(self.get("e"))

    def test_expression_and_legacy_cannot_mix(self):
        self.refuse({"Key": {"pk": S("x")}, "UpdateExpression": "SET a = :v",
                   "ExpressionAttributeValues": {":v": N(1)},
                   "AttributeUpdates": {"b": {"Action": "PUT", "Value": N(1)}}},
                  message="Can not use both expression and non-expression parameters in the same "
                          "request: Non-expression parameters: {AttributeUpdates} Expression "
                          "parameters: {UpdateExpression}")
        self.refuse({"Key": {"pk": S("x")}, "ConditionExpression": "attribute_exists(a)",
                   "Expected": {"a": {"Exists": False}}},
                  message="Can not use both expression and non-expression parameters in the same "
                          "request: Non-expression parameters: {Expected} Expression "
                          "parameters: {ConditionExpression}")


class NumberTest(ExpressionTest):
    def test_add_point_one_ten_times_is_one(self):
        for _ in range(10):
            self.update("n1", "ADD n :d", {":d": N("0.1")})
        self.assertEqual(self.get("n1")["n"], N(1))
        self.update("n1", "SET n = :a + :b", {":a": N("0.1"), ":b": N("0.2")})
        self.assertEqual(self.get("n1")["n"], N("0.3"))

    def test_thirty_eight_digits_are_exact(self):
        big = "9" * 37 + "8"
        self.update("n2", "SET n = :n", {":n": N(big)})
        self.update("n2", "ADD n :one", {":one": N(1)})
        self.assertEqual(self.get("n2")["n"], N("9" * 38))
        self.update("n2", "SET n = n - :n", {":n": N("9" * 38)})
        self.assertEqual(self.get("n2")["n"], N(0))

    def test_overflow(self):
        self.fail_update("n3", "SET n = :a + :a", OVERFLOW, {":a": N("9.9e125")})
        self.fail_update("n3", "SET n = :a + :b", OVERFLOW, {":a": N("1e50"), ":b": N(1)})
        self.assertIsNone(self.get("n3"))


class ProjectionTest(ExpressionTest):
    def setUp(self):
        self.put("p", a=N(1), m={"M": {"x": N(1), "y": {"M": {"z": S("deep")}}}},
                 l={"L": [S("l0"), S("l1"), S("l2")]}, **{"name": S("reserved")})

    def project(self, expression, names=None):
        args = dict(TableName=TABLE, Key={"pk": S("p")}, ProjectionExpression=expression)
        if names:
            args["ExpressionAttributeNames"] = names
        return self.ddb.get_item(**args).get("Item")

    def test_nested_paths_and_list_indexes(self):
        self.assertEqual(self.project("m.y.z, l[2], l[0], #n", {"#n": "name"}),
                         {"m": {"M": {"y": {"M": {"z": S("deep")}}}},
                          "l": {"L": [S("l0"), S("l2")]}, "name": S("reserved")})
        self.assertEqual(self.project("nope, m.nope"), {})

    def test_projection_errors(self):
        self.refuse({"Key": {"pk": S("p")}, "ProjectionExpression": "name"}, action="GetItem",
                  message="Invalid ProjectionExpression: Attribute name is a reserved keyword; "
                          "reserved keyword: name")
        self.refuse({"Key": {"pk": S("p")}, "ProjectionExpression": "m, m.x"}, action="GetItem",
                  message="Invalid ProjectionExpression: Two document paths overlap with each "
                          "other; must remove or rewrite one of these paths; path one: [m], path "
                          "two: [m, x]")

    def test_attributes_to_get(self):
        item = self.ddb.get_item(TableName=TABLE, Key={"pk": S("p")},
                                 AttributesToGet=["a", "l"])["Item"]
        self.assertEqual(set(item), {"a", "l"})
        self.refuse({"Key": {"pk": S("p")}, "AttributesToGet": ["a"], "ProjectionExpression": "a"},
                  action="GetItem",
                  message="Can not use both expression and non-expression parameters in the same "
                          "request: Non-expression parameters: {AttributesToGet} Expression "
                          "parameters: {ProjectionExpression}")


class LegacyTest(ExpressionTest):
    def legacy(self, pk, updates=None, **extra):
        args = dict(TableName=TABLE, Key={"pk": S(pk)}, **extra)
        if updates is not None:
            args["AttributeUpdates"] = updates
        return self.ddb.update_item(**args)

    def test_attribute_updates(self):
        self.put("g1", n=N(1), ss={"SS": ["a", "b"]}, l={"L": [N(1)]}, gone=S("x"))
        self.legacy("g1", {"p": {"Action": "PUT", "Value": S("v")},
                           "n": {"Action": "ADD", "Value": N(2)},
                           "ss": {"Action": "DELETE", "Value": {"SS": ["a"]}},
                           "l": {"Action": "ADD", "Value": {"L": [N(2)]}},
                           "gone": {"Action": "DELETE"},
                           "q": {"Value": N(7)}})
        self.assertEqual(self.get("g1"), {"pk": S("g1"), "p": S("v"), "n": N(3),
                                          "ss": {"SS": ["b"]}, "l": {"L": [N(1), N(2)]},
                                          "q": N(7)})

    def test_delete_only_does_not_create(self):
        self.legacy("g2", {"a": {"Action": "DELETE"}})
        self.assertIsNone(self.get("g2"))
        self.legacy("g3", {"a": {"Action": "ADD", "Value": N(1)}})
        self.assertEqual(self.get("g3"), {"pk": S("g3"), "a": N(1)})

    def test_attribute_update_errors(self):
        self.refuse({"Key": {"pk": S("g4")}, "AttributeUpdates": {"a": {"Action": "PUT"}}},
                  message=INVALID + "Only DELETE action is allowed when no attribute value is "
                                    "specified")
        self.refuse({"Key": {"pk": S("g4")},
                   "AttributeUpdates": {"a": {"Action": "ADD", "Value": S("x")}}},
                  message=INVALID + "ADD action is not supported for the type S")
        self.refuse({"Key": {"pk": S("g4")},
                   "AttributeUpdates": {"pk": {"Action": "PUT", "Value": S("x")}}},
                  message=INVALID + "Cannot update attribute pk. This attribute is part of the key")
        self.put("g4", s=S("x"))
        self.refuse({"Key": {"pk": S("g4")},
                   "AttributeUpdates": {"s": {"Action": "ADD", "Value": N(1)}}},
                  message="Type mismatch for attribute to update")

    def test_expected(self):
        self.put("g5", a=N(1))
        self.legacy("g5", {"b": {"Value": N(2)}}, Expected={"a": {"Value": N(1)},
                                                           "x": {"Exists": False}})
        self.legacy("g5", {"c": {"Value": N(3)}}, ConditionalOperator="OR",
                    Expected={"a": {"ComparisonOperator": "GT", "AttributeValueList": [N(5)]},
                              "b": {"ComparisonOperator": "EQ", "AttributeValueList": [N(2)]}})
        self.refuse({"Key": {"pk": S("g5")}, "Expected": {"a": {"Exists": False}},
                   "AttributeUpdates": {"d": {"Value": N(1)}}},
                  type_=CONDITIONAL, message="The conditional request failed")
        self.refuse({"Key": {"pk": S("g5")},
                   "Expected": {"a": {"ComparisonOperator": "EQ", "AttributeValueList": []}}},
                  message=INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator")
        self.assertEqual(set(self.get("g5")), {"pk", "a", "b", "c"})


class ReturnValuesTest(ExpressionTest):
    def setUp(self):
        self.put("r", a=N(1), m={"M": {"x": N(1), "y": N(2)}}, keep=S("k"))

    def run_update(self, returns, pk="r"):
        return self.update(pk, "SET a = a + :one, m.x = :two REMOVE keep",
                           {":one": N(1), ":two": N(2)}, ReturnValues=returns)

    def test_none(self):
        self.assertNotIn("Attributes", self.run_update("NONE"))

    def test_all_old_and_all_new(self):
        self.assertEqual(self.run_update("ALL_OLD")["Attributes"],
                         {"pk": S("r"), "a": N(1), "m": {"M": {"x": N(1), "y": N(2)}},
                          "keep": S("k")})
        self.put("r", a=N(1), m={"M": {"x": N(1), "y": N(2)}}, keep=S("k"))
        self.assertEqual(self.run_update("ALL_NEW")["Attributes"],
                         {"pk": S("r"), "a": N(2), "m": {"M": {"x": N(2), "y": N(2)}}})

    def test_updated_old_and_new_name_only_updated_paths(self):
        self.assertEqual(self.run_update("UPDATED_OLD")["Attributes"],
                         {"a": N(1), "m": {"M": {"x": N(1)}}, "keep": S("k")})
        self.put("r", a=N(1), m={"M": {"x": N(1), "y": N(2)}}, keep=S("k"))
        self.assertEqual(self.run_update("UPDATED_NEW")["Attributes"],
                         {"a": N(2), "m": {"M": {"x": N(2)}}})

    def test_new_item_has_no_old_attributes(self):
        out = self.update("r-new", "SET a = :v", {":v": N(1)}, ReturnValues="ALL_OLD")
        self.assertNotIn("Attributes", out)
        out = self.update("r-new2", "SET a = :v", {":v": N(1)}, ReturnValues="UPDATED_NEW")
        self.assertEqual(out["Attributes"], {"a": N(1)})

    def test_legacy_updated_values(self):
        out = self.ddb.update_item(TableName=TABLE, Key={"pk": S("r")},
                                   AttributeUpdates={"a": {"Action": "ADD", "Value": N(5)}},
                                   ReturnValues="UPDATED_NEW")
        self.assertEqual(out["Attributes"], {"a": N(6)})

    def test_consumed_capacity_and_bad_enum(self):
        out = self.update("r", "SET a = :v", {":v": N(1)}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": TABLE, "CapacityUnits": 1.0})
        self.refuse({"Key": {"pk": S("r")}, "ReturnValues": "SOME"},
                  message="1 validation error detected: Value 'SOME' at 'returnValues' failed to "
                          "satisfy constraint: Member must satisfy enum value set: [ALL_NEW, "
                          "UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")
        self.refuse({"Key": {"pk": S("r")}, "ReturnValues": "ALL_NEW"}, action="PutItem",
                  message="1 validation error detected: Value null at 'item' failed to satisfy "
                          "constraint: Member must not be null")


if __name__ == "__main__":
    unittest.main()
