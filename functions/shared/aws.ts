import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { dynamoClient } from './clients/dynamo.js';
import { s3Client, s3UploadsClient } from './clients/s3.js';
import { secretsClient } from './clients/secrets.js';
import { sesClient } from './clients/ses.js';
import { sfnClient } from './clients/sfn.js';

/**
 * Every AWS client of the product, one of each per process. Endpoints come from the SDK's
 * own environment variables (AWS_ENDPOINT_URL_DYNAMODB, …), which is how the local twin
 * points them at its servers.
 */
export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  ses: SESv2Client;
  sfn: SFNClient;
  s3: S3Client;
  /** Presigns uploads (see `s3UploadsClient`). */
  s3Uploads: S3Client;
  secrets: SecretsManagerClient;
}

/**
 * All of them at once, for the twin and the tests. A Lambda's code takes the clients it uses
 * from `./clients/*` instead, one module per client, so that its bundle holds those alone.
 */
export function awsClients(): AwsClients {
  return { dynamo: dynamoClient(), ses: sesClient(), sfn: sfnClient(), s3: s3Client(), s3Uploads: s3UploadsClient(), secrets: secretsClient() };
}
