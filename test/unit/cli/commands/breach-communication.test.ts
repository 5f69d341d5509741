import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startFakeAdminApi, type Answer, type FakeAdminApi, type Received } from '../fake-admin-api.js';

const ID = '0b7c6a8e-3f5d-4c1e-9a2b-7d8e9f0a1b2c';
const SIGNATURE = 'X-Amz-Signature=5ec2e7c0ffee';
// Bytes as the operator's spreadsheet wrote them: a BOM, CRLF, a Latin-1 "é" that is not UTF-8.
const CSV = Buffer.concat([Buffer.from('\uFEFFemail,language\r\nada@example.org,fr\r\ngrace@example.org,en\r\nren'), Buffer.from([0xe9]), Buffer.from('@example.org\r\n')]);
const TEXTS = { fr: { subject: 'Incident de sécurité', body: 'Bonjour,\n…' }, en: { subject: 'Security incident', body: 'Hello,\n…' } };

const communication = (facts: object = {}) => ({ state: 'preparing', texts: TEXTS, requestedAt: '2026-10-02T09:00:00.000Z', execution: `${ID}-c1`, ...facts });
const breach = (facts: object = {}) => ({
  breachId: ID,
  openedAt: '2026-10-01T09:00:00.000Z',
  awareAt: '2026-10-01T08:00:00.000Z',
  summary: 'Grade export sent to the wrong list',
  risk: 'high',
  state: 'notified',
  notifications: [],
  revision: 3,
  deadline: '2026-10-04T08:00:00.000Z',
  overdue: false,
  ...facts,
});

let api: FakeAdminApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** The files in a folder of their own, the CLI run from it, against a fake that `answer` drives knowing its own origin. */
async function cli(argv: string[], answer: (request: Received, origin: string) => Answer, files: Record<string, string | Buffer> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-cli-communicate-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  await api?.close();
  const started = await startFakeAdminApi((request) => answer(request, started.endpoint));
  api = started;
  const result = await runCli(argv, { DSR_ENDPOINT: started.endpoint, DSR_ADMIN_TOKEN: 'tok' }, dir);
  return { ...result, received: started.received, dir };
}

/** The service as it should answer: an upload address on the fake itself, S3 taking the PUT, 202 to both asks. */
function service(overrides: { put?: Answer; uploadUrl?: string; communication?: Answer; resume?: Answer } = {}) {
  return ({ method, url }: Received, origin: string): Answer => {
    if (method === 'POST' && url === `/admin/breaches/${ID}/recipients`) {
      const uploadUrl = overrides.uploadUrl ?? `${origin}/bucket/breaches/${ID}/recipients.csv?X-Amz-Credential=AKIA%2F20261002&${SIGNATURE}`;
      return { status: 200, body: { key: `breaches/${ID}/recipients.csv`, url: uploadUrl, contentType: 'text/csv', expiresAt: '2026-10-02T09:10:00.000Z' } };
    }
    if (method === 'PUT') return overrides.put ?? { status: 200, body: '' };
    if (method === 'POST' && url === `/admin/breaches/${ID}/communication`) return overrides.communication ?? { status: 202, body: { breach: breach({ communication: communication() }) } };
    if (method === 'POST' && url === `/admin/breaches/${ID}/communication/resume`) {
      return overrides.resume ?? { status: 202, body: { breach: breach({ communication: communication({ state: 'sending', recipients: 1234, resumes: 2 }) }) } };
    }
    return { status: 404, body: { message: `no route ${method} ${url}` } };
  };
}

const FILES = { 'people.csv': CSV, 'message.json': JSON.stringify(TEXTS) };
const ASK = ['breaches', 'communicate', ID, '--recipients', 'people.csv', '--message', 'message.json'];

describe('dsr breaches communicate', () => {
  it('asks where to upload, uploads the CSV there, then asks for the communication with the texts', async () => {
    // Act
    const { code, stdout, stderr, received } = await cli(ASK, service(), FILES);

    // Assess
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(received.map(({ method, url }) => `${method} ${url.split('?')[0]}`)).toEqual([
      `POST /admin/breaches/${ID}/recipients`,
      `PUT /bucket/breaches/${ID}/recipients.csv`,
      `POST /admin/breaches/${ID}/communication`,
    ]);
    expect(JSON.parse(received[0].body)).toEqual({});
    expect(JSON.parse(received[2].body)).toEqual({ recipients: `breaches/${ID}/recipients.csv`, texts: TEXTS }); // the key the upload answered
    expect(received[2].headers.authorization).toBe('Bearer tok');
    expect(stdout).toBe(
      `Breach ${ID}: the message and the addresses are with the service; the DPO will get an email to approve it (nothing is sent before).\nFollow it with: dsr breaches show ${ID}\n`,
    );
  });

  it('PUTs the bytes as they are in the file, as text/csv, to the signed address, without the token or a header of its own', async () => {
    const { received } = await cli(ASK, service(), FILES);

    const put = received[1];
    expect(put.url).toBe(`/bucket/breaches/${ID}/recipients.csv?X-Amz-Credential=AKIA%2F20261002&${SIGNATURE}`);
    expect(put.bytes.equals(CSV)).toBe(true);
    expect(put.headers['content-type']).toBe('text/csv');
    expect(put.headers.authorization).toBeUndefined();
    expect(Object.keys(put.headers).filter((name) => name.startsWith('x-'))).toEqual([]);
  });

  it('prints the API answer, and not the upload address, with --json', async () => {
    const { code, stdout } = await cli([...ASK, '--json'], service(), FILES);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ breach: breach({ communication: communication() }) });
    expect(stdout).not.toContain('X-Amz');
  });

  it('exits 1 when the upload fails, with the status, without the signature, and asks for nothing', async () => {
    const s3Error = `<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message><StringToSign>${SIGNATURE}</StringToSign></Error>`;

    const { code, stdout, stderr, received } = await cli(ASK, service({ put: { status: 403, body: s3Error } }), FILES);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^dsr: the upload of the addresses failed \(HTTP 403 SignatureDoesNotMatch\) at http:\/\/127\.0\.0\.1:\d+\/bucket\/breaches\/[\w-]+\/recipients\.csv\n$/);
    expect(stderr).not.toContain('X-Amz');
    expect(stderr).not.toContain('5ec2e7c0ffee');
    expect(received.map(({ method }) => method)).toEqual(['POST', 'PUT']);
  });

  it('does not follow a redirect from the upload address', async () => {
    const { code, stderr, received } = await cli(ASK, service({ put: { status: 307, body: '' } }), FILES);

    expect(code).toBe(1);
    expect(stderr).toMatch(/^dsr: the upload of the addresses failed \(HTTP 307\)/);
    expect(received.filter(({ method }) => method === 'PUT')).toHaveLength(1);
  });

  it('refuses to upload the addresses over plain HTTP to another machine', async () => {
    const { code, stderr, received } = await cli(ASK, service({ uploadUrl: `http://bucket.invalid/breaches/${ID}/recipients.csv?${SIGNATURE}` }), FILES);

    expect(code).toBe(1);
    expect(stderr).toBe('dsr: refusing to upload the addresses to http://bucket.invalid: only https is used for personal data\n');
    expect(received.map(({ method }) => method)).toEqual(['POST']);
  });

  it('is bad usage, naming the field, when the service rejects a text', async () => {
    const rejected = { status: 400, body: { message: 'The message is required in every language offered.', field: 'texts.de.subject' } };

    const { code, stderr } = await cli(ASK, service({ communication: rejected }), FILES);

    expect(code).toBe(2);
    expect(stderr).toBe('dsr: the service rejected the input: The message is required in every language offered. (field: texts.de.subject)\n');
  });

  it('exits 1 when a communication is under way', async () => {
    const normally = service();
    const underWay: Answer = { status: 409, body: { message: `Breach ${ID} has a communication under way (sending).` } };

    const { code, stderr, received } = await cli(ASK, (request, origin) => (request.url.endsWith('/recipients') ? underWay : normally(request, origin)), FILES);

    expect(code).toBe(1);
    expect(stderr).toBe(`dsr: refused (HTTP 409): Breach ${ID} has a communication under way (sending).\n`);
    expect(received).toHaveLength(1);
  });

  it.each([
    ['not JSON', { 'message.json': '{ fr: subject }' }, /^dsr: --message message\.json is not valid JSON \(/],
    ['a list', { 'message.json': JSON.stringify([TEXTS.fr]) }, /^dsr: --message message\.json must hold one entry per language, such as \{"fr"/],
    ['no language', { 'message.json': '{}' }, /^dsr: --message message\.json must hold one entry per language/],
    ['a language without an object', { 'message.json': JSON.stringify({ fr: 'Bonjour' }) }, /^dsr: --message message\.json: "fr" must be an object with a "subject" and a "body"/],
    ['a missing subject', { 'message.json': JSON.stringify({ ...TEXTS, en: { body: 'Hello' } }) }, /^dsr: --message message\.json: en\.subject is missing\n$/],
    ['a body that is no string', { 'message.json': JSON.stringify({ fr: { subject: 'x', body: ['a'] } }) }, /^dsr: --message message\.json: fr\.body must be a string\n$/],
    ['no message file', { 'message.json': undefined }, /^dsr: cannot read --message message\.json \(ENOENT\)\n$/],
    ['an empty CSV', { 'people.csv': '' }, /^dsr: --recipients people\.csv is empty\n$/],
    ['a CSV with only its header', { 'people.csv': 'email,language\r\n\r\n' }, /^dsr: --recipients people\.csv holds no address or user id, only a header or blank lines\n$/],
    ['a CSV of user ids with only its header', { 'people.csv': 'userId,language\n' }, /^dsr: --recipients people\.csv holds no address or user id, only a header or blank lines\n$/],
    ['no CSV file', { 'people.csv': undefined }, /^dsr: cannot read --recipients people\.csv \(ENOENT\)\n$/],
  ])('refuses %s with exit 2 before any call', async (_case, change, message) => {
    // Prepare: valid files, then the one being tested in their place (undefined: no file).
    const files = Object.fromEntries(Object.entries({ ...FILES, ...change }).filter(([, content]) => content !== undefined)) as Record<string, string | Buffer>;

    // Act
    const { code, stdout, stderr, received } = await cli(ASK, service(), files);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^dsr: [^\n]+\n$/);
    expect(received).toEqual([]);
  });

  it('refuses a folder and a CSV over 20 MiB before any call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsr-cli-communicate-big-'));
    mkdirSync(join(dir, 'folder.csv'));
    writeFileSync(join(dir, 'big.csv'), Buffer.alloc(20 * 1024 * 1024 + 1, 'a'));
    const message = join(dir, 'message.json');
    writeFileSync(message, JSON.stringify(TEXTS));

    const folder = await cli(['breaches', 'communicate', ID, '--recipients', join(dir, 'folder.csv'), '--message', message], service());
    const big = await cli(['breaches', 'communicate', ID, '--recipients', join(dir, 'big.csv'), '--message', message], service());

    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^dsr: cannot read --recipients .*folder\.csv \(not a regular file\)\n$/);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/^dsr: --recipients .*big\.csv is 20971521 bytes; at most 20971520 \(20 MiB\)\n$/);
    expect([...folder.received, ...big.received]).toEqual([]);
  });

  it.each([
    [['--resume', '--recipients', 'people.csv'], /^dsr: --resume goes alone, without --recipients/],
    [['--resume', '--message', 'message.json', '--recipients', 'people.csv'], /^dsr: --resume goes alone, without --recipients or --message/],
    [[], /^dsr: give --recipients FILE\.csv and --message FILE\.json, or --resume/],
    [['--recipients', 'people.csv'], /^dsr: --message FILE\.json is required with --recipients/],
    [['--message', 'message.json'], /^dsr: --recipients FILE\.csv is required with --message/],
  ])('refuses %j with exit 2 before any call', async (options, message) => {
    const { code, stderr, received } = await cli(['breaches', 'communicate', ID, ...options], service(), FILES);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(received).toEqual([]);
  });
});

describe('dsr breaches communicate --resume', () => {
  it('asks the service to resume and says which resume it is', async () => {
    const { code, stdout, received } = await cli(['breaches', 'communicate', ID, '--resume'], service());

    expect(code).toBe(0);
    expect(received.map(({ method, url }) => `${method} ${url}`)).toEqual([`POST /admin/breaches/${ID}/communication/resume`]);
    expect(JSON.parse(received[0].body)).toEqual({});
    expect(stdout).toBe(`Breach ${ID}: sending resumed (resume 2); only the addresses still pending are written to.\n`);
  });

  it('exits 1 when there is nothing to resume', async () => {
    const refused = { status: 409, body: { message: `Breach ${ID}'s sending is running: nothing to resume.` } };

    const { code, stdout, stderr } = await cli(['breaches', 'communicate', ID, '--resume'], service({ resume: refused }));

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`dsr: refused (HTTP 409): Breach ${ID}'s sending is running: nothing to resume.\n`);
  });
});

describe('dsr breaches show, once a communication was asked for', () => {
  it('shows where the communication stands, with its languages but not its texts', async () => {
    const detail = {
      breach: breach({ communication: communication({ state: 'sending', recipients: 1234, refusedLines: 3, approvedAt: '2026-10-02T10:00:00.000Z', resumes: 1 }) }),
      timeline: [],
    };

    const { code, stdout } = await cli(['breaches', 'show', ID], () => ({ status: 200, body: detail }));

    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        'Communication:',
        '  State:         sending',
        '  Languages:     fr, en',
        '  Recipients:    1234',
        '  Refused lines: 3',
        '  Requested at:  2026-10-02T09:00:00.000Z',
        '  Approved at:   2026-10-02T10:00:00.000Z',
        '  Resumes:       1',
        '',
        'Timeline:',
      ].join('\n'),
    );
    expect(stdout).not.toContain('Security incident');
    expect(stdout).not.toContain('Hello');
  });
});
