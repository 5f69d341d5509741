import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLocal } from './endpoint.js';
import { RefusedError, UsageError } from './errors.js';

/** What is about to be sent: a signature covers exactly these method, URL, headers and body. */
export interface Outgoing {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** Gives the headers that authorize a request: the bearer token, or a SigV4 signature. */
export type Authorize = (request: Outgoing) => Promise<Record<string, string>>;

type Env = Record<string, string | undefined>;

/** cli/ sits directly under the repository root, where the twin keeps `.twin/`. */
const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * How requests to `endpoint` are authorized: `DSR_ADMIN_TOKEN`; for the local twin, the token
 * it wrote to `$DSR_TWIN_DIR/admin-token`; otherwise SigV4 with the default AWS credentials.
 */
export async function authorizerFor(endpoint: URL, env: Env): Promise<Authorize> {
  const token = env.DSR_ADMIN_TOKEN?.trim() || (isLocal(endpoint) ? await twinToken(env) : undefined);
  if (token) {
    // The token is never echoed, not even in this message.
    if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError('the admin token holds characters an HTTP header cannot carry');
    if (endpoint.protocol === 'http:' && !isLocal(endpoint)) throw new UsageError(`refusing to send the admin token over plain HTTP to ${endpoint.host}; use an https endpoint`);
    return async () => ({ authorization: `Bearer ${token}` });
  }
  const region = regionOfHost(endpoint.hostname) ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION);
  if (!region && isLocal(endpoint)) {
    throw new UsageError(`no admin token for the local twin at ${endpoint.host}: is it running (npm start writes ${twinTokenFile(env)})? Or set DSR_ADMIN_TOKEN`);
  }
  if (!region) throw new UsageError(`no admin token, and no AWS region to sign with: ${endpoint.host} does not name one; set AWS_REGION, or DSR_ADMIN_TOKEN`);
  // Loaded only when signing: the credential chain is the slowest import of the CLI.
  const { credentialsFrom, sigV4 } = await import('./sigv4.js');
  return sigV4(region, credentialsFrom(env));
}

/** `abc123.execute-api.eu-west-3.amazonaws.com` → `eu-west-3`. */
export function regionOfHost(hostname: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(hostname)?.[1];
}

const twinTokenFile = (env: Env): string => join(env.DSR_TWIN_DIR || join(REPOSITORY_ROOT, '.twin'), 'admin-token');

async function twinToken(env: Env): Promise<string | undefined> {
  const file = twinTokenFile(env);
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new RefusedError(`cannot read the twin's admin token at ${file} (${code ?? 'unknown error'})`, undefined, { cause: error });
  }
}
