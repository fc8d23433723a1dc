// DynamoDB through the AWS SDK for JavaScript v3, plain client and DocumentClient
// (lib-dynamodb), against the floci endpoint named by FLOCI_ENDPOINT. Run by
// tests/e2e/test_node_sdk.py, which starts the host; `node --test` alone needs that variable.
import assert from "node:assert/strict";
import { before, test } from "node:test";

import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

const endpoint = process.env.FLOCI_ENDPOINT;
const TableName = "node_sdk_items";

const client = new DynamoDBClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
});
const doc = DynamoDBDocumentClient.from(client);

before(async () => {
  assert.ok(endpoint, "FLOCI_ENDPOINT must name the floci endpoint");
  await client.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
});

test("DocumentClient puts, gets, updates and deletes", async () => {
  await doc.send(new PutCommand({ TableName, Item: { pk: "doc", n: 1, tags: ["a"], m: { x: 1 } } }));
  const got = await doc.send(new GetCommand({ TableName, Key: { pk: "doc" } }));
  assert.deepEqual(got.Item, { pk: "doc", n: 1, tags: ["a"], m: { x: 1 } });

  const updated = await doc.send(
    new UpdateCommand({
      TableName,
      Key: { pk: "doc" },
      UpdateExpression: "SET n = n + :one, m.y = :y, tags = list_append(tags, :more)",
      ExpressionAttributeValues: { ":one": 1, ":y": "why", ":more": ["b"] },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  assert.deepEqual(updated.Attributes, { n: 2, m: { y: "why" }, tags: ["a", "b"] });

  const deleted = await doc.send(
    new DeleteCommand({ TableName, Key: { pk: "doc" }, ReturnValues: "ALL_OLD" }),
  );
  assert.equal(deleted.Attributes.n, 2);
  const gone = await doc.send(new GetCommand({ TableName, Key: { pk: "doc" } }));
  assert.equal(gone.Item, undefined);
});

test("plain client puts, gets and updates", async () => {
  await client.send(new PutItemCommand({ TableName, Item: { pk: { S: "raw" }, n: { N: "10" } } }));
  const out = await client.send(
    new UpdateItemCommand({
      TableName,
      Key: { pk: { S: "raw" } },
      UpdateExpression: "ADD n :d",
      ExpressionAttributeValues: { ":d": { N: "0.5" } },
      ReturnValues: "ALL_NEW",
    }),
  );
  assert.deepEqual(out.Attributes, { pk: { S: "raw" }, n: { N: "10.5" } });
  const got = await client.send(
    new GetItemCommand({ TableName, Key: { pk: { S: "raw" } }, ConsistentRead: true }),
  );
  assert.deepEqual(got.Item, { pk: { S: "raw" }, n: { N: "10.5" } });
});

test("a failed condition is ConditionalCheckFailedException", async () => {
  await doc.send(new PutCommand({ TableName, Item: { pk: "cond", v: 1 } }));
  await assert.rejects(
    doc.send(
      new UpdateCommand({
        TableName,
        Key: { pk: "cond" },
        UpdateExpression: "SET v = :new",
        ConditionExpression: "v = :expected",
        ExpressionAttributeValues: { ":new": 3, ":expected": 2 },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    ),
    (error) => {
      assert.ok(error instanceof ConditionalCheckFailedException);
      assert.equal(error.name, "ConditionalCheckFailedException");
      assert.equal(error.message, "The conditional request failed");
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.deepEqual(error.Item, { pk: { S: "cond" }, v: { N: "1" } });
      return true;
    },
  );
  const got = await doc.send(new GetCommand({ TableName, Key: { pk: "cond" } }));
  assert.equal(got.Item.v, 1);
});

test("a ValidationException keeps AWS's message", async () => {
  await assert.rejects(
    doc.send(
      new UpdateCommand({
        TableName,
        Key: { pk: "cond" },
        UpdateExpression: "SET pk = :v",
        ExpressionAttributeValues: { ":v": "other" },
      }),
    ),
    {
      name: "ValidationException",
      message:
        "One or more parameter values were invalid: Cannot update attribute pk. " +
        "This attribute is part of the key",
    },
  );
});
