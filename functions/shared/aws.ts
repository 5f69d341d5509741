import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The AWS clients a handler wrapper hands to its logic, one of each per process. Endpoints
 * come from the SDK's own environment variables (AWS_ENDPOINT_URL_DYNAMODB, …), which is
 * how the local twin points them at its servers.
 */
export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  ses: SESv2Client;
  sfn: SFNClient;
  s3: S3Client;
  /**
   * Presigns uploads: with no checksum of its own, since there is no body yet to sum (the
   * default would sign the CRC32 of an empty body into the address, and S3 would refuse the file).
   */
  s3Uploads: S3Client;
  secrets: SecretsManagerClient;
}

let clients: AwsClients | undefined;

export function awsClients(): AwsClients {
  clients ??= {
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
    ses: new SESv2Client({}),
    sfn: new SFNClient({}),
    // S3-compatible servers (the twin's) want path-style addresses.
    s3: new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
    s3Uploads: new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true', requestChecksumCalculation: 'WHEN_REQUIRED' }),
    secrets: new SecretsManagerClient({}),
  };
  return clients;
}
