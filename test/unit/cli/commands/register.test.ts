import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startFakeAdminApi, type FakeAdminApi } from '../fake-admin-api.js';

const requests = [
  { requestId: 'req-2', right: 'erasure', status: 'answered', receivedAt: '2026-10-01T08:00:00.000Z', dueDate: '2026-11-02', closedAt: '2026-10-20T10:00:00.000Z', outcome: 'complete', overdue: false, email: 'grace@example.org' },
  { requestId: 'req-1', right: 'access', status: 'exporting', receivedAt: '2026-09-03T07:00:00.000Z', dueDate: '2026-10-05', workingDaysLeft: 5, overdue: false, email: 'ada@example.org' },
];

let api: FakeAdminApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('dsr register export', () => {
  it('writes every request as CSV to stdout, without addresses unless asked', async () => {
    // Prepare
    api = await startFakeAdminApi(() => ({ status: 200, body: { requests: requests.map(({ email: _email, ...rest }) => rest) } }));

    // Act
    const { code, stdout } = await runCli(['register', 'export'], { DSR_ENDPOINT: api.endpoint, DSR_ADMIN_TOKEN: 'tok' });

    // Assess
    expect(code).toBe(0);
    expect(api.received[0].url).toBe('/admin/requests');
    expect(stdout.split('\r\n').map((line) => line.split(',')[0])).toEqual(['id', 'req-1', 'req-2', '']);
  });

  it('asks for addresses and writes an owner-only file, reporting the rows on stderr', async () => {
    api = await startFakeAdminApi(() => ({ status: 200, body: { requests } }));
    const dir = mkdtempSync(join(tmpdir(), 'dsr-cli-register-'));

    const { code, stdout, stderr } = await runCli(['register', 'export', '--with-addresses', '--format', 'json', '--output', 'register.json'], { DSR_ENDPOINT: api.endpoint, DSR_ADMIN_TOKEN: 'tok' }, dir);

    expect(code).toBe(0);
    expect(api.received[0].url).toBe('/admin/requests?addresses=true');
    expect(stdout).toBe('');
    expect(stderr).toBe('Wrote 2 rows to register.json.\n');
    const rows = JSON.parse(readFileSync(join(dir, 'register.json'), 'utf8'));
    expect(rows.map((row: { id: string; email: string }) => [row.id, row.email])).toEqual([
      ['req-1', 'ada@example.org'],
      ['req-2', 'grace@example.org'],
    ]);
    expect(statSync(join(dir, 'register.json')).mode & 0o077).toBe(0);
  });
});
