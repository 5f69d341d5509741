import { SESv2Client } from '@aws-sdk/client-sesv2';

let client: SESv2Client | undefined;

/**
 * The process's SES (v2) client, made at the first call. Not traced: SES's refusals name
 * the address (`MessageRejected: … failed the check: learner@…`), which X-Ray would record.
 */
export function sesClient(): SESv2Client {
  client ??= new SESv2Client({});
  return client;
}
