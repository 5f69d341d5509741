import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { dateInZone, formatDate } from '../../functions/shared/civil-date.js';
import { dueDate } from '../../functions/shared/legal-clock.js';
import { adminCall, eventually, fileRequest, linkIn, post, startTestTwin, statusReached, type TestTwin, uniqueAddress } from '../support/twin.js';
import { TestHttpSystem } from '../support/http-system.js';

/**
 * The admin API on the twin, as an operator's script calls it: the bearer token stands
 * where IAM stands on AWS; listing, one request with its trail, extension, retry, cancel.
 */
const system = new TestHttpSystem('shared-secret-of-the-admin-test', () => ({ status: 200, body: { found: true } }));
let twin: TestTwin;
beforeAll(async () => {
  await system.listen();
  twin = await startTestTwin(
    { languages: ['en'] },
    { connectors: [{ name: 'grades', title: 'Grades service', type: 'http', url: system.url, secretName: 'dsr/admin-test' }], secrets: { 'dsr/admin-test': system.secret } },
  );
});
afterAll(() => system.close());

const dpo = 'dpo@school.example';
const dpoMail = async (requestId: string, subject: RegExp, count = 1) =>
  eventually(async () => (await twin.mail.to(dpo)).filter((m) => m.text.includes(requestId) && subject.test(m.subject))[count - 1], 20_000, `DPO email ${subject} #${count}`);

const admin = (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) => adminCall(twin, method, path, body, token);

/** A request whose address is confirmed, waiting on the DPO's decision. */
async function awaitingDecision(type = 'access') {
  const email = uniqueAddress();
  const { requestId } = await fileRequest(twin, { email, type, locale: 'en' });
  expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
  const decision = await dpoMail(requestId, /to decide/);
  await statusReached(twin, requestId, 'awaiting_decision');
  return { email, requestId, decision };
}

describe('the admin routes', () => {
  it('refuse a call without the token or with a wrong one, with API Gateway\'s answers, and change nothing', async () => {
    const { requestId } = await fileRequest(twin, { email: uniqueAddress(), type: 'access', locale: 'en' });
    const bare = await fetch(`${twin.baseUrl}/admin/requests`);
    expect(bare.status).toBe(403);
    expect(await bare.json()).toEqual({ message: 'Missing Authentication Token' });
    const wrong = await admin('POST', `/admin/requests/${requestId}/cancel`, { reason: 'test' }, 'not-the-token');
    expect(wrong).toEqual({ status: 403, json: { message: 'The security token included in the request is invalid.' } });
    // As API Gateway checks IAM before routing: a path under /admin that no route has is refused alike.
    expect(await (await fetch(`${twin.baseUrl}/admin/nothing-here`)).json()).toEqual({ message: 'Missing Authentication Token' });
    // A path that is no URL is refused, and the twin goes on.
    expect((await admin('GET', '/admin/requests/%')).status).toBe(400);
    expect((await fetch(`${twin.baseUrl}/verify/%`)).status).toBe(400);
    expect((await admin('GET', '/admin/requests')).status).toBe(200);
    expect((await twin.deps.requests.get(requestId))!.status).toBe('awaiting_verification');
  });
});

describe('listing the requests', () => {
  it('pages through every request, the latest first, without addresses unless asked', async () => {
    const filed: Array<{ requestId: string; dueDate: string }> = [];
    for (let i = 0; i < 3; i++) filed.push(await fileRequest(twin, { email: uniqueAddress('listed'), type: 'erasure', locale: 'en' }));
    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin('GET', `/admin/requests?status=awaiting_verification&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.json.requests.length).toBeLessThanOrEqual(1);
      seen.push(...page.json.requests);
      cursor = page.json.cursor;
    } while (cursor);
    const ours = seen.filter((r) => filed.some((f) => f.requestId === r.requestId));
    expect(ours.map((r) => r.requestId)).toEqual(filed.map((f) => f.requestId).reverse());
    expect(ours[0]).toMatchObject({ right: 'erasure', status: 'awaiting_verification', dueDate: filed[2].dueDate, overdue: false });
    expect(ours[0].workingDaysLeft).toBeGreaterThan(15);
    expect(ours[0]).not.toHaveProperty('email');

    const withAddresses = await admin('GET', '/admin/requests?open=true&addresses=true&limit=500');
    expect(withAddresses.json.requests.find((r: any) => r.requestId === filed[0].requestId).email).toMatch(/^listed\./);
  });

  it('answers a 400 naming the parameter for a bad status, limit, cursor or an unknown parameter', async () => {
    const cursorOf = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const [query, field] of [
      ['status=lost', 'status'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=0x10', 'limit'],
      ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
      [`cursor=${cursorOf({ pk: 'request#x', kind: 'link', receivedAt: '2026-11-25T00:13:04.693Z' })}`, 'cursor'],
      [`cursor=${cursorOf({ pk: 'digest#2026-11-25', kind: 'request', receivedAt: '2026-11-25T00:13:04.693Z' })}`, 'cursor'],
      [`cursor=${cursorOf({ pk: 'request#x', kind: 'request', receivedAt: '' })}`, 'cursor'],
      ['open=yes', 'open'],
      ['sort=due', 'sort'],
    ]) {
      const answer = await admin('GET', `/admin/requests?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.field, query).toBe(field);
      expect(answer.json.message, query).toMatch(new RegExp(`^${field} `));
    }
  });
});

describe('one request', () => {
  it('is shown with its audit trail and the gate it waits on', async () => {
    const { requestId, email } = await awaitingDecision();
    const { status, json } = await admin('GET', `/admin/requests/${requestId}`);
    expect(status).toBe(200);
    expect(json.request).toMatchObject({ requestId, email, right: 'access', status: 'awaiting_decision', gate: 'decision', locale: 'en' });
    expect(json.request).not.toHaveProperty('currentGate');
    expect(json.audit.map((e: any) => e.event)).toEqual(expect.arrayContaining(['request_received', 'address_confirmed', 'dpo_asked_to_decide']));
  });

  it('is a 404 for an unknown id and a 400 for something that is no id', async () => {
    expect(await admin('GET', '/admin/requests/00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, json: { field: 'id' } });
    expect(await admin('GET', `/admin/requests/${'x'.repeat(101)}`)).toMatchObject({ status: 400, json: { field: 'id' } });
    expect(await admin('GET', '/admin/requests/a%20b')).toMatchObject({ status: 400, json: { field: 'id' } });
  });
});

describe('extending a deadline', () => {
  it('counts the new date from receipt, tells the learner with the reason, and records who did it; once', async () => {
    const unconfirmed = await fileRequest(twin, { email: uniqueAddress(), type: 'access', locale: 'en' });
    expect(await admin('POST', `/admin/requests/${unconfirmed.requestId}/extend`, { months: 1, reason: 'x' })).toMatchObject({ status: 409 });

    const { email, requestId } = await awaitingDecision();
    const original = (await twin.deps.requests.get(requestId))!.dueDate;
    const refused = await admin('POST', `/admin/requests/${requestId}/extend`, { months: 3, reason: 'x' });
    expect(refused).toMatchObject({ status: 400, json: { field: 'months' } });
    // A reason the learner reads: no control characters, no bidirectional overrides.
    expect(await admin('POST', `/admin/requests/${requestId}/extend`, { months: 1, reason: 'late\u0007\u202eoverride' })).toMatchObject({ status: 400, json: { field: 'reason' } });
    expect((await twin.deps.requests.get(requestId))!.dueDate).toBe(original);

    const reason = 'Twelve systems hold this learner\'s data.';
    const { status, json } = await admin('POST', `/admin/requests/${requestId}/extend`, { months: 2, reason });
    const request = (await twin.deps.requests.get(requestId))!;
    expect(status).toBe(200);
    expect(json).toEqual({ requestId, dueDate: dueDate(new Date(request.receivedAt), twin.deps.config.calendar, 3), originalDueDate: original, learnerTold: true });
    expect(request).toMatchObject({ dueDate: json.dueDate, extension: { months: 2, reason, originalDueDate: original } });
    const letter = await twin.mail.waitFor(email, 2);
    expect(letter.text).toContain(reason);
    const trail = await twin.deps.audit.list(requestId);
    expect(trail.find((e) => e.event === 'deadline_extended')).toMatchObject({ actor: 'operator', detail: { months: 2, reason, by: 'local-token' } });

    const again = await admin('POST', `/admin/requests/${requestId}/extend`, { months: 1, reason });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain('already extended');
    // The same extension asked again (after a failure part-way) finishes it, and tells nobody twice.
    expect(await admin('POST', `/admin/requests/${requestId}/extend`, { months: 2, reason })).toMatchObject({ status: 200, json: { dueDate: json.dueDate, learnerTold: true } });
    expect(twin.stepFunctions.list().filter((e) => e.name === `${requestId}-deadline-extended`)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await twin.mail.to(email)).toHaveLength(2);
  });

  it('is refused once the original due date has passed', async () => {
    const { requestId } = await awaitingDecision();
    // The request as it would be a month on: due two days ago.
    const past = formatDate(dateInZone(new Date(Date.now() - 2 * 86_400_000), twin.deps.config.calendar.timeZone));
    await awsClients().dynamo.send(new UpdateCommand({ TableName: twin.tables.requests, Key: { pk: `request#${requestId}` }, UpdateExpression: 'SET dueDate = :due', ExpressionAttributeValues: { ':due': past } }));
    const late = await admin('POST', `/admin/requests/${requestId}/extend`, { months: 1, reason: 'Too late' });
    expect(late.status).toBe(409);
    expect(late.json.message).toContain('before the original due date');
    expect((await twin.deps.requests.get(requestId))!.extension).toBeUndefined();
    const overdue = await admin('GET', '/admin/requests?overdue=true&limit=500');
    expect(overdue.json.requests.map((r: any) => r.requestId)).toContain(requestId);
    expect(overdue.json.requests.every((r: any) => r.overdue)).toBe(true);
  });
});

describe('retrying failed systems', () => {
  it('answers the gate of failed systems with "try again", as the DPO\'s link would, and uses that link up', async () => {
    system.answer = (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 400, body: { error: 'export disabled' } });
    const { requestId, decision } = await awaitingDecision();
    expect((await admin('POST', `/admin/requests/${requestId}/retry`)).status).toBe(409); // waits on a decision, not on failed systems
    expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);
    const attention = await dpoMail(requestId, /Needs attention/);
    const exports = system.calls.filter((c) => c.operation === 'export').length;

    const { status, json } = await admin('POST', `/admin/requests/${requestId}/retry`, {});
    expect(status).toBe(200);
    expect(json).toEqual({ requestId, retried: 'attention' });
    await dpoMail(requestId, /Needs attention/, 2);
    expect(system.calls.filter((c) => c.operation === 'export').length).toBe(exports + 1);
    expect((await post(linkIn(attention, 'decisions'), { choice: 'retry' })).status).toBe(409);
    expect((await twin.deps.audit.list(requestId)).find((e) => e.event === 'retry_requested')).toMatchObject({ actor: 'operator', detail: { gate: 'attention' } });
  }, 60_000);
});

describe('cancelling a request', () => {
  it('stops its workflow and its watch, closes it, tells the learner why, and frees the address to ask again', async () => {
    const { requestId, email, decision } = await awaitingDecision('portability');
    const reason = 'The learner withdrew the request by phone.';
    const { status, json } = await admin('POST', `/admin/requests/${requestId}/cancel`, { reason });
    expect(status).toBe(200);
    expect(json).toEqual({ requestId, status: 'cancelled', learnerTold: true });

    const executions = twin.stepFunctions.list();
    expect(executions.find((e) => e.name === requestId)!.status).toBe('ABORTED');
    expect(executions.find((e) => e.name === `${requestId}-deadline`)!.status).toBe('ABORTED');
    expect((await twin.deps.requests.get(requestId))!).toMatchObject({ status: 'cancelled', closedAt: expect.any(String) });
    const letter = await twin.mail.waitFor(email, 2);
    expect(letter.text).toContain(reason);
    expect((await twin.deps.audit.list(requestId)).find((e) => e.event === 'request_cancelled')).toMatchObject({ actor: 'operator', detail: { reason } });

    // The DPO's link no longer acts, nor is the request shown waiting on it; the learner may ask again.
    expect((await fetch(linkIn(decision, 'decisions'))).status).toBe(410);
    expect((await admin('GET', `/admin/requests/${requestId}`)).json.request).not.toHaveProperty('gate');
    const again = await fileRequest(twin, { email, type: 'portability', locale: 'en' });
    expect(again.requestId).not.toBe(requestId);
    expect((await twin.deps.requests.get(again.requestId))!.status).not.toBe('duplicate');

    expect(await admin('POST', `/admin/requests/${requestId}/cancel`, { reason })).toMatchObject({ status: 409 });
  }, 30_000);

  it('is refused while the request is being carried out in the systems', async () => {
    const { requestId } = await awaitingDecision('erasure');
    // The request as it is during an erasure round.
    await awsClients().dynamo.send(new UpdateCommand({ TableName: twin.tables.requests, Key: { pk: `request#${requestId}` }, UpdateExpression: 'SET #status = :s', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':s': 'in_progress' } }));
    const refused = await admin('POST', `/admin/requests/${requestId}/cancel`, { reason: 'Changed my mind' });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('being carried out');
    expect(twin.stepFunctions.list().find((e) => e.name === requestId)!.status).toBe('RUNNING');
  });

  it('does not write again to an address that was never confirmed, and needs a reason', async () => {
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    await twin.mail.waitFor(email);
    expect(await admin('POST', `/admin/requests/${requestId}/cancel`, {})).toMatchObject({ status: 400, json: { field: 'reason' } });
    expect(await admin('POST', `/admin/requests/${requestId}/cancel`, { reason: 'Filed in someone else\'s name.' })).toMatchObject({ status: 200, json: { learnerTold: false } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await twin.mail.to(email)).toHaveLength(1);
  });
});
