import { LambdaClient } from '@aws-sdk/client-lambda';
import { traced } from './traced.js';

let client: LambdaClient | undefined;

/** The process's Lambda client (a connector invoking an existing function), made at the first call. */
export function lambdaClient(): LambdaClient {
  client ??= traced(new LambdaClient({}));
  return client;
}
