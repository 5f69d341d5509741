import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from './traced.js';

let client: DynamoDBDocumentClient | undefined;

/** The process's DynamoDB document client, made at the first call; undefined attributes are left out of items. */
export function dynamoClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), { marshallOptions: { removeUndefinedValues: true } });
  return client;
}
