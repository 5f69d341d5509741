import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { RIGHTS } from '../../functions/shared/rights.js';
import { isEmailAddress } from '../../functions/shared/validation.js';
import { startTestTwin, type TestTwin } from '../support/twin.js';

/**
 * The public routes under generated attack: the form and the JSON intake, every link route
 * and the callback route, each given a few hundred malformed inputs (over a thousand in
 * all, a different set each run; FC_SEED=<seed> replays one). Whatever comes in, no answer
 * is a 5xx, nothing is stored, no email leaves, and the twin goes on answering.
 */
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en', 'fr'] }, { ownMailbox: true });
});

const RUNS = 250;
const seed = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

const countItems = async (table: string) => (await awsClients().dynamo.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
const snapshot = async () => ({ requests: await countItems(twin.tables.requests), audit: await countItems(twin.tables.audit), linkTokens: await countItems(twin.tables.linkTokens), emails: (await twin.mail.all()).length });
let before: Awaited<ReturnType<typeof snapshot>>;
beforeAll(async () => {
  before = await snapshot();
});

/** Any text, from any plane, with the characters attackers reach for first. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', '%', '%E0%A4%A', '../../etc/passwd', '<script>alert(1)</script>', '\u202e', '\ud800', 'a'.repeat(5000), '=cmd|calc', '{"__proto__":{}}'),
);
/** A right the product does not know: the request can never be valid, so nothing may be stored. */
const notARight = text.filter((t) => !(RIGHTS as readonly string[]).includes(t));
const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=utf-16', '');

async function send(method: string, path: string, body?: string, type?: string): Promise<number> {
  const res = await fetch(`${twin.baseUrl}${path}`, { method, body, headers: type ? { 'content-type': type } : {}, redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

const noServerError = (status: number) => {
  if (status >= 500) throw new Error(`answered ${status}`);
};

describe('under generated attack', () => {
  it('the form and the JSON intake answer no 5xx and take no malformed request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.oneof(fc.constantFrom('email', 'type', 'locale', 'details', 'purpose', 'userId'), text), text, { maxKeys: 8 }), notARight, contentType, async (fields, type, contentType) => {
        const all = { ...fields, type };
        const body = contentType.includes('json') ? JSON.stringify(all) : new URLSearchParams(all).toString();
        const status = await send('POST', '/requests', body, contentType);
        noServerError(status);
        expect(status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS, ...seed },
    );
  }, 120_000);

  it('a request valid in all but its address is refused, whatever the address, from the form or as JSON', async () => {
    const address = fc.oneof(text, fc.emailAddress().chain((a) => fc.constantFrom(`.${a}`, a.replace('@', '..@'), `${a}.`, a.replace('@', '@-'), `${a}\u200b`, a.replace('a', '\uff41'), ` ${a}\u0007`)));
    await fc.assert(
      fc.asyncProperty(address.filter((a) => !isEmailAddress(a.trim())), fc.constantFrom(...RIGHTS), fc.boolean(), async (email, type, json) => {
        const fields = { email, type, locale: 'en' };
        const status = await send('POST', '/requests', json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(), json ? 'application/json' : 'application/x-www-form-urlencoded');
        noServerError(status);
        expect(status).toBe(400);
      }),
      { numRuns: RUNS, ...seed },
    );
  }, 120_000);

  it('a JSON intake of any shape answers no 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const shaped = value && typeof value === 'object' && !Array.isArray(value) ? { ...value, type: 'not-a-right' } : value;
        const status = await send('POST', '/requests', JSON.stringify(shaped), 'application/json');
        noServerError(status);
        expect(status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS, ...seed },
    );
  }, 120_000);

  it('every link route, read or posted with any token and any body, answers no 5xx', async () => {
    const route = fc.constantFrom('verify', 'decisions', 'downloads', 'breaches', 'communications');
    const token = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }).map(encodeURIComponent), fc.constantFrom('%', '%E0%A4%A', '%ZZ', 'A'.repeat(43), '..%2F..%2Fadmin'));
    await fc.assert(
      fc.asyncProperty(route, token, fc.constantFrom('GET', 'POST'), fc.dictionary(text, text, { maxKeys: 5 }), contentType, async (route, token, method, fields, contentType) => {
        const body = method === 'POST' ? (contentType.includes('json') ? JSON.stringify(fields) : new URLSearchParams(fields).toString()) : undefined;
        noServerError(await send(method, `/${route}/${token}`, body, method === 'POST' ? contentType : undefined));
      }),
      { numRuns: RUNS, ...seed },
    );
  }, 120_000);

  it('the callback route answers no 5xx to unsigned, forged or malformed calls', async () => {
    const token = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }).map(encodeURIComponent), fc.constantFrom('%', 'A'.repeat(43)));
    await fc.assert(
      fc.asyncProperty(token, fc.oneof(text, fc.jsonValue().map((v) => JSON.stringify(v))), async (token, body) => {
        noServerError(await send('POST', `/callbacks/${token}`, body, 'application/json'));
      }),
      { numRuns: RUNS, ...seed },
    );
  }, 120_000);

  it('refuses the named cases with a 4xx', async () => {
    expect(await send('GET', '/verify/%E0%A4%A')).toBe(400);
    expect(await send('POST', '/callbacks/%', '{}', 'application/json')).toBe(400);
    expect(await send('POST', '/decisions/%', 'decision=approve', 'application/x-www-form-urlencoded')).toBe(400);
  });
});

afterAll(async () => {
  // Nothing was stored and no email left, and the twin still answers.
  expect(await snapshot()).toEqual(before);
  expect(await send('GET', '/')).toBe(200);
});
