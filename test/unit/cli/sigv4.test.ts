import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { regionOfHost } from '../../../cli/auth.js';
import { NodeSha256 } from '../../../cli/sigv4.js';
import { runCli, startFakeAdminApi, type FakeAdminApi, type Received } from './fake-admin-api.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The signature recomputed from what the server received, by AWS's documented algorithm, independently of the SDK. */
function expectedSignature({ method, url, headers, body }: Received): string {
  const authorization = String(headers.authorization);
  const [, date, region, service] = /Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization)!;
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)![1];
  const { pathname, searchParams } = new URL(url, 'http://x');
  const query = [...searchParams].map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).sort().join('&');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(headers[name]).trim()}\n`)
    .join('');
  const canonical = [method, pathname, query, canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', headers['x-amz-date'], scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

let api: FakeAdminApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('SigV4 signing', () => {
  const signingEnv = (endpoint: string) => ({
    DSR_ENDPOINT: endpoint,
    // An empty twin folder: no token to find, so the CLI signs.
    DSR_TWIN_DIR: mkdtempSync(join(tmpdir(), 'dsr-cli-no-token-')),
    AWS_ACCESS_KEY_ID: 'AKID',
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_REGION: 'eu-west-3',
  });

  it('signs the exact method, stage path, query and body sent, for execute-api', async () => {
    // Prepare
    api = await startFakeAdminApi(({ method }) =>
      method === 'GET' ? { status: 200, body: { requests: [] } } : { status: 200, body: { requestId: 'req-1', dueDate: '2027-02-24', originalDueDate: '2026-12-28' } },
    '/prod');

    // Act
    const listed = await runCli(['requests', 'list', '--status', 'awaiting_decision', '--overdue'], signingEnv(api.endpoint));
    const extended = await runCli(['requests', 'extend', 'req-1', '--months', '2', '--reason', 'Complex: 14 systems'], signingEnv(api.endpoint));

    // Assess
    expect([listed.code, extended.code]).toEqual([0, 0]);
    expect(api.received.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'GET /prod/admin/requests?status=awaiting_decision&overdue=true',
      'POST /prod/admin/requests/req-1/extend',
    ]);
    for (const request of api.received) {
      expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-west-3\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
      expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(String(request.headers.authorization).endsWith(`Signature=${expectedSignature(request)}`)).toBe(true);
    }
    expect(api.received[1].headers.authorization).toMatch(/SignedHeaders=[^,]*content-type/);
  });

  it('sends the session token of temporary credentials', async () => {
    api = await startFakeAdminApi(() => ({ status: 200, body: { requests: [] } }));

    await runCli(['requests', 'list'], { ...signingEnv(api.endpoint), AWS_SESSION_TOKEN: 'session-1' });

    expect(api.received[0].headers['x-amz-security-token']).toBe('session-1');
  });

  it('reads the region from an API Gateway host', () => {
    expect(regionOfHost('abc123.execute-api.eu-west-3.amazonaws.com')).toBe('eu-west-3');
    expect(regionOfHost('privacy.example.org')).toBeUndefined();
  });

  it('hashes and keys like node:crypto, across resets', async () => {
    const hash = new NodeSha256('key');
    hash.update('ignored');
    hash.reset();
    hash.update(new TextEncoder().encode('data'));

    expect(Buffer.from(await hash.digest()).toString('hex')).toBe(createHmac('sha256', 'key').update('data').digest('hex'));
  });
});
