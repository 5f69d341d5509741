import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileRequest, linkIn, post, startTestTwin, statusReached, type TestTwin, uniqueAddress } from '../support/twin.js';

/**
 * `npx dsr` against the local twin, run as an operator runs it: a process, its output and
 * its exit code.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'] });
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function dsr(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/dsr.mjs', ...args],
      { cwd: ROOT, env: { ...process.env, DSR_ENDPOINT: twin.baseUrl, DSR_ADMIN_TOKEN: twin.adminToken, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npx dsr against the twin', () => {
  it('lists an open request, shows it with its trail, extends it, and exports the register as CSV', async () => {
    const email = uniqueAddress('cli');
    const { requestId, dueDate } = await fileRequest(twin, { email, type: 'erasure', locale: 'en' });
    expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
    await statusReached(twin, requestId, 'awaiting_decision');

    const list = await dsr(['requests', 'list']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(/^ID\s+RIGHT\s+STATUS\s+RECEIVED\s+DUE\s+DAYS LEFT/);
    expect(list.stdout).toMatch(new RegExp(`${requestId}\\s+erasure\\s+awaiting_decision\\s+\\S+\\s+${dueDate}\\s+\\d+`));

    const show = await dsr(['requests', 'show', requestId, '--json']);
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown.request).toMatchObject({ requestId, email, status: 'awaiting_decision', gate: 'decision' });
    expect(shown.audit[0]).toMatchObject({ event: 'request_received', actor: 'learner' });

    const extend = await dsr(['requests', 'extend', requestId, '--months', '1', '--reason', 'Archived courses must be restored first.']);
    expect(extend.code).toBe(0);
    const extended = (await twin.deps.requests.get(requestId))!;
    expect(extended.extension).toMatchObject({ months: 1, originalDueDate: dueDate });
    expect(extend.stdout).toBe(`Request ${requestId} extended by 1 month: due ${extended.dueDate} (was ${dueDate}).\n`);
    const refused = await dsr(['requests', 'extend', requestId, '--months', '2', '--reason', 'Again']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^dsr: refused \(HTTP 409\): .*already extended/);

    const csv = await dsr(['register', 'export', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe('id,right,status,received,due,original_due,closed,outcome');
    expect(lines).toContain(`${requestId},erasure,awaiting_decision,${extended.receivedAt},${extended.dueDate},${dueDate},,`);
    expect(csv.stdout).not.toContain(email);
    expect((await dsr(['register', 'export', '--format', 'csv', '--with-addresses'])).stdout).toContain(`,${email}\r\n`);
  }, 60_000);

  it('records a breach, drafts its notification, records it, and exports the register', async () => {
    const awareAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const open = await dsr(['breaches', 'open', '--aware-at', awareAt, '--summary', 'A grades export was e-mailed to the wrong class, =SUM(A1)', '--risk', 'high', '--people-count', '31', '--record-categories', 'names, grades']);
    expect(open).toMatchObject({ code: 0, stderr: '' });
    const breachId = open.stdout.split('\n')[0];
    expect(breachId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await dsr(['breaches', 'list'])).stdout).toMatch(new RegExp(`${breachId}.*high.*open.*\\b(69|70)\\b`));

    const draft = await dsr(['breaches', 'draft', breachId]);
    expect(draft.code).toBe(0);
    for (const item of ['Art. 33(3)(a)', 'Art. 33(3)(b)', 'Art. 33(3)(c)', 'Art. 33(3)(d)']) expect(draft.stdout).toContain(item);
    expect(draft.stdout).toContain('names, grades');

    const notify = await dsr(['breaches', 'notify', breachId, '--phase', 'initial', '--reference', 'CNIL-2026-0042']);
    expect(notify.code).toBe(0);
    expect((await dsr(['breaches', 'notify', breachId, '--phase', 'initial', '--reference', 'again'])).code).toBe(1);
    const show = JSON.parse((await dsr(['breaches', 'show', breachId, '--json'])).stdout);
    expect(show.breach).toMatchObject({ state: 'notified', notifications: [{ phase: 'initial', reference: 'CNIL-2026-0042' }] });
    expect(show.timeline.map((e: { event: string }) => e.event)).toEqual(['breach_opened', 'authority_notified']);

    const formLink = await dsr(['breaches', 'form-link']);
    expect(formLink.stdout).toMatch(/^A link to record a breach was emailed to dpo@school\.example/);

    const csv = (await dsr(['breaches', 'export', '--format', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toMatch(/^id,aware_at,occurred_at,opened_at,risk,state,deadline,initial_notified_at,initial_reference,/);
    const row = csv.find((line) => line.startsWith(breachId))!;
    expect(row).toContain(',high,notified,');
    expect(row).toContain('CNIL-2026-0042');
  }, 60_000);

  it('exits 1 for an unknown request or a wrong token, 2 for what is no request id or a bad option', async () => {
    const unknown = await dsr(['requests', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^dsr: not found \(HTTP 404\)/);

    const wrongToken = await dsr(['requests', 'list'], { DSR_ADMIN_TOKEN: 'not-the-token' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toMatch(/HTTP 403/);
    expect(wrongToken.stderr).not.toContain('not-the-token');

    const { requestId } = await fileRequest(twin, { email: uniqueAddress(), type: 'access', locale: 'en' });
    const badMonths = await dsr(['requests', 'extend', requestId, '--months', '3', '--reason', 'x']);
    expect(badMonths.code).toBe(2);
    expect((await twin.deps.requests.get(requestId))!.extension).toBeUndefined();
    expect((await dsr(['requests', 'cancel', 'no such id!'])).code).toBe(2);
  }, 60_000);
});
