import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Authorize } from './auth.js';
import { RefusedError } from './errors.js';

type SourceData = string | ArrayBuffer | ArrayBufferView;

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const bytes = (data: SourceData): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** SHA-256, or HMAC-SHA-256 when given a secret, over node:crypto: the hash SignatureV4 asks for, without another package. */
export class NodeSha256 {
  private hash!: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.reset();
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
}

/**
 * Credentials from the given environment when it holds keys (so a caller's `env` is honoured,
 * not only `process.env`), else from the default Node chain: profile, SSO, web identity, instance role.
 */
export function credentialsFrom(env: Record<string, string | undefined>): () => Promise<Credentials> {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  if (accessKeyId && secretAccessKey) return async () => ({ accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined });
  return defaultProvider({ profile: env.AWS_PROFILE || undefined });
}

/**
 * Signs for API Gateway (`execute-api`) in `region`. Credentials are looked up at the first
 * request only, so commands that fail validation never touch the chain.
 */
export function sigV4(region: string, credentials: () => Promise<Credentials>): Authorize {
  return async ({ method, url, headers, body }) => {
    const identity = await credentials().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new RefusedError(`no AWS credentials to sign the request with (${reason}); set DSR_ADMIN_TOKEN, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`, undefined, { cause: error });
    });
    const signer = new SignatureV4({ service: 'execute-api', region, credentials: identity, sha256: NodeSha256 });
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0] : values;
    }
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host },
      body,
    });
    // fetch sets Host itself, from the same URL.
    const { host: _host, ...rest } = signed.headers;
    return rest;
  };
}
