import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let client: SecretsManagerClient | undefined;

/** The process's Secrets Manager client, made at the first call. */
export function secretsClient(): SecretsManagerClient {
  client ??= new SecretsManagerClient({});
  return client;
}
