import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const cache = new Map<string, { value: string; until: number }>();
const CACHE_MS = 5 * 60_000;

/** A Secrets Manager secret's text, cached for five minutes (rotation takes effect within that). */
export async function secretValue(client: SecretsManagerClient, secretName: string): Promise<string> {
  const hit = cache.get(secretName);
  if (hit && hit.until > Date.now()) return hit.value;
  const result = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
  if (!result.SecretString) throw new Error(`secret ${secretName} has no text value`);
  cache.set(secretName, { value: result.SecretString, until: Date.now() + CACHE_MS });
  return result.SecretString;
}
