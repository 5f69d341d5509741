import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startFakeAdminApi, type FakeAdminApi } from '../fake-admin-api.js';

const HEADER =
  'id,aware_at,occurred_at,opened_at,risk,state,deadline,initial_notified_at,initial_reference,delay_reason,follow_ups,no_notification_reason,nature,summary,people_categories,people_count,record_categories,record_count,consequences,measures,contact';

const notified = {
  breachId: 'b-1',
  openedAt: '2026-10-01T09:00:00.000Z',
  awareAt: '2026-10-01T08:00:00.000Z',
  occurredAt: '2026-09-30T22:00:00.000Z',
  summary: '=HYPERLINK("http://evil"), then a laptop, stolen',
  nature: ['confidentiality', 'availability'],
  categoriesOfPeople: 'learners',
  peopleCount: 120,
  recordCategories: 'names, grades',
  recordCount: 240,
  consequences: 'Grades known to a stranger',
  measures: 'Passwords reset',
  contact: 'dpo@example.org',
  risk: 'high',
  state: 'notified',
  notifications: [
    { phase: 'follow-up', at: '2026-10-09T08:00:00.000Z', reference: 'CNIL-42-2', recordedAt: '2026-10-09T08:01:00.000Z' },
    { phase: 'initial', at: '2026-10-05T08:00:00.000Z', reference: 'CNIL-42', delayReason: 'Forensics', recordedAt: '2026-10-05T08:01:00.000Z' },
    { phase: 'follow-up', at: '2026-10-12T08:00:00.000Z', reference: 'CNIL-42-3', recordedAt: '2026-10-12T08:01:00.000Z' },
  ],
  revision: 4,
  deadline: '2026-10-04T08:00:00.000Z',
  overdue: true,
};
const undecided = {
  breachId: 'b-2',
  openedAt: '2026-10-20T09:00:00.000Z',
  awareAt: '2026-10-20T08:00:00.000Z',
  summary: 'Mail to the wrong class',
  risk: 'none',
  state: 'open',
  notifications: [],
  revision: 1,
  deadline: '2026-10-23T08:00:00.000Z',
  hoursLeft: 40,
  overdue: false,
};

let api: FakeAdminApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('dsr breaches export', () => {
  it('writes the register as CSV, oldest awareness first, every page, guarded against formulas', async () => {
    // Prepare: the service answers newest first, over two pages.
    api = await startFakeAdminApi(({ url }) => (url.includes('cursor=') ? { status: 200, body: { breaches: [notified] } } : { status: 200, body: { breaches: [undecided], cursor: 'p2' } }));

    // Act
    const { code, stdout } = await runCli(['breaches', 'export'], { DSR_ENDPOINT: api.endpoint, DSR_ADMIN_TOKEN: 'tok' });

    // Assess
    expect(code).toBe(0);
    expect(api.received.map(({ url }) => url)).toEqual(['/admin/breaches', '/admin/breaches?cursor=p2']);
    expect(stdout.split('\r\n')).toEqual([
      HEADER,
      'b-1,2026-10-01T08:00:00.000Z,2026-09-30T22:00:00.000Z,2026-10-01T09:00:00.000Z,high,notified,2026-10-04T08:00:00.000Z,2026-10-05T08:00:00.000Z,CNIL-42,Forensics,' +
        '2026-10-09T08:00:00.000Z CNIL-42-2; 2026-10-12T08:00:00.000Z CNIL-42-3,,"confidentiality,availability",' +
        `"'=HYPERLINK(""http://evil""), then a laptop, stolen",learners,120,"names, grades",240,Grades known to a stranger,Passwords reset,dpo@example.org`,
      'b-2,2026-10-20T08:00:00.000Z,,2026-10-20T09:00:00.000Z,none,open,2026-10-23T08:00:00.000Z,,,,,,,Mail to the wrong class,,,,,,,',
      '',
    ]);
  });

  it('writes JSON rows with the same keys, null where absent, to an owner-only file', async () => {
    api = await startFakeAdminApi(() => ({ status: 200, body: { breaches: [undecided, notified] } }));
    const dir = mkdtempSync(join(tmpdir(), 'dsr-cli-breaches-'));

    const { code, stdout, stderr } = await runCli(['breaches', 'export', '--format', 'json', '--output', 'breaches.json'], { DSR_ENDPOINT: api.endpoint, DSR_ADMIN_TOKEN: 'tok' }, dir);

    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('Wrote 2 rows to breaches.json.\n');
    const rows = JSON.parse(readFileSync(join(dir, 'breaches.json'), 'utf8'));
    expect(rows.map((row: { id: string }) => row.id)).toEqual(['b-1', 'b-2']);
    expect(Object.keys(rows[1]).join(',')).toBe(HEADER);
    expect(rows[1]).toMatchObject({ occurred_at: null, initial_notified_at: null, follow_ups: null, nature: null, people_count: null, contact: null });
    expect(rows[0]).toMatchObject({ nature: 'confidentiality,availability', people_count: 120, delay_reason: 'Forensics' });
    expect(statSync(join(dir, 'breaches.json')).mode & 0o077).toBe(0);
  });

  it('refuses an unknown format before any call', async () => {
    api = await startFakeAdminApi(() => ({ status: 200, body: { breaches: [] } }));

    const { code, stderr } = await runCli(['breaches', 'export', '--format', 'xlsx'], { DSR_ENDPOINT: api.endpoint, DSR_ADMIN_TOKEN: 'tok' });

    expect(code).toBe(2);
    expect(stderr).toMatch(/^dsr: --format must be csv or json, not "xlsx"\n$/);
    expect(api.received).toEqual([]);
  });
});
