import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startFakeAdminApi, type Answer, type FakeAdminApi } from './fake-admin-api.js';

const TOKEN = 'tok-7f3a9c';
const summary = (requestId: string) => ({ requestId, right: 'access', status: 'awaiting_decision', receivedAt: '2026-09-03T07:00:00.000Z', dueDate: '2026-10-05', workingDaysLeft: 5, overdue: false });

let api: FakeAdminApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const serve = async (answer: Answer) => (api = await startFakeAdminApi(() => answer));
const env = (endpoint: string) => ({ DSR_ENDPOINT: endpoint, DSR_ADMIN_TOKEN: TOKEN });

describe('the admin client', () => {
  it('sends the bearer token and asks for JSON', async () => {
    // Prepare
    const { endpoint, received } = await serve({ status: 200, body: { requests: [] } });

    // Act
    const { code } = await runCli(['requests', 'list'], env(endpoint));

    // Assess
    expect(code).toBe(0);
    expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received[0].headers.accept).toBe('application/json');
  });

  it("reads the local twin's token from its folder when none is set", async () => {
    const twinDir = mkdtempSync(join(tmpdir(), 'dsr-cli-twin-'));
    writeFileSync(join(twinDir, 'admin-token'), 'twin-token-1\n');
    const { endpoint, received } = await serve({ status: 200, body: { requests: [] } });

    const { code } = await runCli(['requests', 'list'], { DSR_ENDPOINT: endpoint, DSR_TWIN_DIR: twinDir });

    expect(code).toBe(0);
    expect(received[0].headers.authorization).toBe('Bearer twin-token-1');
  });

  it('follows the cursor until the last page', async () => {
    api = await startFakeAdminApi(({ url }) => {
      const cursor = new URL(url, 'http://x').searchParams.get('cursor');
      if (!cursor) return { status: 200, body: { requests: [summary('req-1')], cursor: 'page+2/=' } };
      if (cursor === 'page+2/=') return { status: 200, body: { requests: [summary('req-2')], cursor: 'page3' } };
      return { status: 200, body: { requests: [summary('req-3')] } };
    });

    const { code, stdout } = await runCli(['requests', 'list', '--json'], env(api.endpoint));

    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((request: { requestId: string }) => request.requestId)).toEqual(['req-1', 'req-2', 'req-3']);
    expect(api.received.map(({ url }) => url)).toEqual([
      '/admin/requests?open=true',
      '/admin/requests?open=true&cursor=page%2B2%2F%3D',
      '/admin/requests?open=true&cursor=page3',
    ]);
  });

  it('stops when the service hands back a cursor it gave before', async () => {
    const { endpoint } = await serve({ status: 200, body: { requests: [], cursor: 'same' } });

    const { code, stderr } = await runCli(['requests', 'list'], env(endpoint));

    expect(code).toBe(1);
    expect(stderr).toMatch(/same cursor twice/);
  });

  it("shows a 409's message and exits 1", async () => {
    const { endpoint } = await serve({ status: 409, body: { message: 'The deadline was already extended.' } });

    const { code, stdout, stderr } = await runCli(['requests', 'extend', 'req-1', '--months', '1', '--reason', 'complex'], env(endpoint));

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('dsr: refused (HTTP 409): The deadline was already extended.\n');
  });

  it('treats a 400 as bad usage, naming the field', async () => {
    const { endpoint } = await serve({ status: 400, body: { message: 'Too long.', field: 'reason' } });

    const { code, stderr } = await runCli(['requests', 'cancel', 'req-1', '--reason', 'x'], env(endpoint));

    expect(code).toBe(2);
    expect(stderr).toBe('dsr: the service rejected the input: Too long. (field: reason)\n');
  });

  it('exits 1 on a 403 without ever printing the token', async () => {
    const { endpoint } = await serve({ status: 403, body: { message: 'Forbidden' } });

    const { code, stdout, stderr } = await runCli(['requests', 'show', 'req-1'], env(endpoint));

    expect(code).toBe(1);
    expect(stderr).toMatch(/^dsr: access denied; check DSR_ADMIN_TOKEN.*\(HTTP 403\): Forbidden\n$/);
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  it.each([
    [404, { message: 'No such request.' }, 'dsr: not found (HTTP 404): No such request.\n'],
    [429, { message: 'Too Many Requests' }, 'dsr: too many requests; try again later (HTTP 429): Too Many Requests\n'],
    [500, { message: 'Internal server error' }, 'dsr: the service failed (HTTP 500): Internal server error\n'],
    [502, '<html>\n<body>Bad gateway</body></html>', 'dsr: the service failed (HTTP 502): <html> <body>Bad gateway</body></html>\n'],
  ])('exits 1 on HTTP %i, with its message or a short text', async (status, body, line) => {
    const { endpoint } = await serve({ status, body });

    const { code, stderr } = await runCli(['requests', 'show', 'req-1'], env(endpoint));

    expect(code).toBe(1);
    expect(stderr).toBe(line);
  });

  it('names the URL it cannot reach and how to change it', async () => {
    // Prepare: a port nobody listens on any more.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));

    // Act
    const { code, stderr } = await runCli(['requests', 'list', '--endpoint', `http://127.0.0.1:${port}/prod`], { DSR_ADMIN_TOKEN: TOKEN });

    // Assess
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot reach http://127.0.0.1:${port}/prod`);
    expect(stderr).toMatch(/--endpoint or DSR_ENDPOINT/);
  });

  it('keeps the stage path of the endpoint and encodes the id', async () => {
    api = await startFakeAdminApi(() => ({ status: 200, body: { request: summary('req-1'), audit: [] } }), '/prod');

    await runCli(['requests', 'show', 'req-1', '--json'], env(`${api.endpoint}/`));

    expect(api.received[0].url).toBe('/prod/admin/requests/req-1');
  });
});
