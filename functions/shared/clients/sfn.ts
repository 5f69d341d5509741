import { SFNClient } from '@aws-sdk/client-sfn';

let client: SFNClient | undefined;

/** The process's Step Functions client, made at the first call. */
export function sfnClient(): SFNClient {
  client ??= new SFNClient({});
  return client;
}
