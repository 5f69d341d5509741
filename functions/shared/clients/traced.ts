import { Tracer } from '@aws-lambda-powertools/tracer';
// A CommonJS module: Node's ESM loader sees its default export only.
import xray from 'aws-xray-sdk-core';

/**
 * What an AWS call's X-Ray subsegment may record besides its service, operation, status,
 * timing and error: table, index and function names, bucket names. Never an S3 key: staged
 * files are named by the data systems and may name the learner; never a payload. (SES's
 * client is not traced at all: its errors name addresses.)
 */
const recorded = (operations: string[], what: object) => Object.fromEntries(operations.map((o) => [o, what]));
const S3_OPERATIONS = ['getObject', 'putObject', 'headObject', 'deleteObject', 'deleteObjects', 'listObjectsV2', 'copyObject', 'createMultipartUpload', 'uploadPart', 'completeMultipartUpload', 'abortMultipartUpload'];
const TABLE_OPERATIONS = ['getItem', 'putItem', 'updateItem', 'deleteItem', 'query', 'scan'];
export const TRACE_WHITELIST = {
  services: {
    dynamodb: {
      operations: {
        ...recorded(TABLE_OPERATIONS, { request_parameters: ['TableName', 'IndexName'] }),
        ...recorded(['batchGetItem', 'batchWriteItem'], { request_descriptors: { RequestItems: { get_keys: true, rename_to: 'table_names' } } }),
      },
    },
    lambda: { operations: recorded(['invoke'], { request_parameters: ['FunctionName', 'InvocationType'], response_parameters: ['FunctionError', 'StatusCode'] }) },
    s3: { operations: recorded(S3_OPERATIONS, { request_descriptors: { Bucket: { rename_to: 'bucket_name' } } }) },
  },
};

let tracer: Tracer | undefined;

/**
 * The client, with each call traced as an X-Ray subsegment of the function's segment (Lambda
 * traces the function itself: `Tracing.ACTIVE`). Off where no Lambda runs (the twin, tests),
 * where it returns the client as it is. Outgoing HTTP is not captured: a data system's
 * file addresses may carry its credentials.
 */
export function traced<Client>(client: Client): Client {
  if (!tracer) {
    tracer = new Tracer({ captureHTTPsRequests: false });
    if (tracer.isTracingEnabled()) xray.setAWSWhitelist(TRACE_WHITELIST);
  }
  return tracer.captureAWSv3Client(client);
}
