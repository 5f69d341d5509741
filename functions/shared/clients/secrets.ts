import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { traced } from './traced.js';

let client: SecretsManagerClient | undefined;

/** The process's Secrets Manager client, made at the first call. */
export function secretsClient(): SecretsManagerClient {
  client ??= traced(new SecretsManagerClient({}));
  return client;
}
