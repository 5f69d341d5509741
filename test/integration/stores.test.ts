import { beforeAll, describe, expect, it } from 'vitest';
import { LinkError } from '../../functions/shared/errors.js';
import type { DsrRequest } from '../../functions/shared/store/requests.js';
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
