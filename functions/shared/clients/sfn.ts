import { SFNClient } from '@aws-sdk/client-sfn';
import { traced } from './traced.js';

let client: SFNClient | undefined;

/** The process's Step Functions client, made at the first call. */
export function sfnClient(): SFNClient {
  client ??= traced(new SFNClient({}));
  return client;
}
