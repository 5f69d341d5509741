import { SESv2Client } from '@aws-sdk/client-sesv2';
import { traced } from './traced.js';

let client: SESv2Client | undefined;

/** The process's SES (v2) client, made at the first call. */
export function sesClient(): SESv2Client {
  client ??= traced(new SESv2Client({}));
  return client;
}
