import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LinkError } from '../../functions/shared/errors.js';
import type { DsrRequest } from '../../functions/shared/store/requests.js';
import { oncePerStep } from '../../functions/shared/store/letters.js';
import { emailLinkOnce } from '../../functions/shared/step-link.js';
import { hashToken } from '../../functions/shared/tokens.js';
import { startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});

const request = (overrides: Partial<DsrRequest> = {}): DsrRequest => ({
  requestId: crypto.randomUUID(),
  email: uniqueAddress(),
  type: 'access',
  locale: 'en',
  status: 'awaiting_verification',
  receivedAt: '2026-09-03T07:00:00.000Z',
  dueDate: '2026-10-05',
  updatedAt: '2026-09-03T07:00:00.000Z',
  ...overrides,
});
const entry = (r: DsrRequest, event: string) => ({ requestId: r.requestId, at: new Date().toISOString(), actor: 'system' as const, event });

describe('RequestStore', () => {
  it('opens one request per address and right; a repeat gets the open one’s id and writes nothing', async () => {
    const { requests, audit } = twin.deps;
    const first = request();
    const repeat = request({ email: first.email.toUpperCase() });
    expect(await requests.open(first, audit, entry(first, 'request_received'))).toEqual({ opened: true });
    expect(await requests.open(repeat, audit, entry(repeat, 'request_received'))).toEqual({ opened: false, openRequestId: first.requestId });
    expect(await requests.get(repeat.requestId)).toBeUndefined();
    expect(await audit.list(repeat.requestId)).toEqual([]);
    // Another right of the same address is a request of its own.
    const other = request({ email: first.email, type: 'erasure' });
    expect(await requests.open(other, audit, entry(other, 'request_received'))).toEqual({ opened: true });
  });

  it('lets the address file the right again once the request is closed', async () => {
    const { requests, audit } = twin.deps;
    const first = request();
    await requests.open(first, audit, entry(first, 'request_received'));
    await requests.transition(first, 'rejected', audit, entry(first, 'request_rejected'));
    const again = request({ email: first.email });
    expect(await requests.open(again, audit, entry(again, 'request_received'))).toEqual({ opened: true });
    expect((await requests.get(first.requestId))?.status).toBe('rejected');
    expect((await audit.list(first.requestId)).map((e) => e.event)).toEqual(['request_received', 'request_rejected']);
  });

  it('keeps the open marker while a request moves between open statuses', async () => {
    const { requests, audit } = twin.deps;
    const first = request();
    await requests.open(first, audit, entry(first, 'request_received'));
    await requests.transition(first, 'approved', audit, entry(first, 'request_approved'));
    const repeat = request({ email: first.email });
    expect(await requests.open(repeat, audit, entry(repeat, 'request_received'))).toEqual({ opened: false, openRequestId: first.requestId });
  });

  it('moves a request on only from the status its step read: a step that read it before a cancellation changes nothing after', async () => {
    const { requests, audit } = twin.deps;
    const first = request();
    await requests.open(first, audit, entry(first, 'request_received'));
    expect(await requests.cancel(first, audit, { ...entry(first, 'request_cancelled'), actor: 'operator' })).toBe(true);
    // A step still running with what it read before: refused, and nothing written.
    await expect(requests.transition(first, 'awaiting_decision', audit, entry(first, 'dpo_asked_to_decide'))).rejects.toThrow();
    expect((await requests.get(first.requestId))!.status).toBe('cancelled');
    expect((await audit.list(first.requestId)).map((e) => e.event)).toEqual(['request_received', 'request_cancelled']);
    // Cancelling again finds it closed.
    expect(await requests.cancel({ ...first, status: 'cancelled' }, audit, entry(first, 'request_cancelled'))).toBe(false);
  });

  it('discards a request whose workflow could not start, leaving the address free', async () => {
    const { requests, audit } = twin.deps;
    const first = request();
    await requests.open(first, audit, entry(first, 'request_received'));
    await requests.discard(first);
    expect(await requests.get(first.requestId)).toBeUndefined();
    const again = request({ email: first.email });
    expect(await requests.open(again, audit, entry(again, 'request_received'))).toEqual({ opened: true });
  });
});

describe('LinkTokenStore', () => {
  const issue = (lifetimeSeconds = 3600, issuedAt = new Date()) =>
    twin.deps.links.issue({ purpose: 'verify', requestId: 'r1', taskToken: 'task-token', issuedAt, expiresAt: new Date(issuedAt.getTime() + lifetimeSeconds * 1000) });

  it('stores only the hash of the token', async () => {
    const { token } = await issue();
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const { awsClients } = await import('../../functions/shared/aws.js');
    const items = (await awsClients().dynamo.send(new ScanCommand({ TableName: twin.tables.linkTokens }))).Items ?? [];
    expect(JSON.stringify(items)).not.toContain(token);
  });

  it('acts once: of concurrent uses exactly one succeeds', async () => {
    const { token } = await issue();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => twin.deps.links.consume(token, 'verify', new Date())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ problem: 'used' });
    await expect(twin.deps.links.inspect(token, 'verify', new Date())).rejects.toMatchObject({ problem: 'used' });
  });

  it('refuses an expired link, checked in code at the second', async () => {
    const issuedAt = new Date('2026-09-03T07:00:00Z');
    const { token } = await issue(60, issuedAt);
    await expect(twin.deps.links.inspect(token, 'verify', new Date('2026-09-03T07:00:59Z'))).resolves.toMatchObject({ requestId: 'r1' });
    await expect(twin.deps.links.consume(token, 'verify', new Date('2026-09-03T07:01:00Z'))).rejects.toMatchObject({ problem: 'expired' });
  });

  it('refuses unknown tokens, malformed tokens and links of another purpose', async () => {
    const { token } = await issue();
    await expect(twin.deps.links.inspect(token, 'decision', new Date())).rejects.toBeInstanceOf(LinkError);
    await expect(twin.deps.links.inspect('A'.repeat(43), 'verify', new Date())).rejects.toMatchObject({ problem: 'unknown' });
    await expect(twin.deps.links.inspect('../../etc', 'verify', new Date())).rejects.toMatchObject({ problem: 'unknown' });
  });

  it('gives a used link back when the step it resumes could not be reached', async () => {
    const { token } = await issue();
    const used = await twin.deps.links.consume(token, 'verify', new Date());
    await twin.deps.links.release(used);
    await expect(twin.deps.links.consume(token, 'verify', new Date())).resolves.toMatchObject({ requestId: 'r1' });
  });
});

describe('a workflow step retried after its side effects', () => {
  // When the step was entered: after the request was received, as in the workflow.
  let step: string;
  beforeEach(() => {
    step = `${new Date(Date.now() + 1000).toISOString()}#RecordApproval`;
  });

  it('writes its audit entry once, and its status change once', async () => {
    const { requests, audit } = twin.deps;
    const r = request({ status: 'awaiting_decision' });
    await requests.open(r, audit, entry(r, 'request_received'));

    // Two attempts of one step, each reading the request first.
    await requests.transition((await requests.get(r.requestId))!, 'approved', audit, { ...entry(r, 'request_approved'), step });
    await requests.transition((await requests.get(r.requestId))!, 'approved', audit, { ...entry(r, 'request_approved'), step });
    expect(await audit.append({ ...entry(r, 'systems_looked_up'), step })).toBe(true);
    expect(await audit.append({ ...entry(r, 'systems_looked_up'), step })).toBe(false);

    expect((await audit.list(r.requestId)).map((e) => e.event)).toEqual(['request_received', 'request_approved', 'systems_looked_up']);
    expect((await requests.get(r.requestId))?.status).toBe('approved');
  });

  it('sends its email once; a send that failed is sent by the retry', async () => {
    const { requests, audit } = twin.deps;
    const r = request();
    await requests.open(r, audit, entry(r, 'request_received'));
    let sent = 0;
    await expect(oncePerStep(requests, r.requestId, step, () => Promise.reject(new Error('SES refused')))).rejects.toThrow('SES refused');
    expect(await oncePerStep(requests, r.requestId, step, async () => sent++)).toBe(true);
    expect(await oncePerStep(requests, r.requestId, step, async () => sent++)).toBe(false);
    expect(sent).toBe(1);
  });

  it('emails a waiting step\'s link once and points it at the retry\'s task', async () => {
    const { requests, audit, links } = twin.deps;
    const r = request();
    await requests.open(r, audit, entry(r, 'request_received'));
    const tokens: string[] = [];
    const spec = (taskToken: string) => ({ purpose: 'decision' as const, taskToken, issuedAt: new Date(), expiresAt: new Date(Date.now() + 3600_000) });

    const first = await emailLinkOnce(twin.deps, (await requests.get(r.requestId))!, step, spec('task-of-attempt-1'), async ({ token }) => tokens.push(token));
    const retry = await emailLinkOnce(twin.deps, (await requests.get(r.requestId))!, step, spec('task-of-attempt-2'), async ({ token }) => tokens.push(token));

    expect(tokens).toHaveLength(1);
    expect(retry).toEqual(first);
    expect(first.tokenHash).toBe(hashToken(tokens[0]));
    expect((await links.inspect(tokens[0], 'decision', new Date())).taskToken).toBe('task-of-attempt-2');
  });
});
