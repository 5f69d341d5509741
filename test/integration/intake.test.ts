import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { awsClients } from '../../functions/shared/aws.js';
import { buildDeps } from '../../functions/shared/context.js';
import middy from '@middy/core';
import { routeIntake, submitRequest } from '../../functions/intake/handler.js';
import { errorPages } from '../../functions/shared/web/error-pages.js';
import type { ApiEvent, ApiResult } from '../../functions/shared/web/http.js';
import { eventually, fileRequest, post, startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});

const itemCount = async (table: string) => (await awsClients().dynamo.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
// Executions still running: a watchdog stopped because its request was not accepted has ended.
const snapshot = async () => ({ requests: await itemCount(twin.tables.requests), audit: await itemCount(twin.tables.audit), executions: twin.stepFunctions.list().filter((e) => e.status === 'RUNNING').length });
/** What is stored, once the workflows started by earlier tests have stopped writing. */
async function counts() {
  let last = await snapshot();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const next = await snapshot();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
}

describe('GET /', () => {
  it('serves the form in the browser’s language, with a label for every field', async () => {
    const res = await fetch(`${twin.baseUrl}/`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Exercer vos droits');
    expect(page).toMatch(/<label for="email">/);
    expect(page).toMatch(/<label for="details">/);
    expect(page.match(/type="radio" name="type"/g)).toHaveLength(6);
    expect(page).not.toMatch(/<script/i);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('switches language from the link on the page', async () => {
    const page = await (await fetch(`${twin.baseUrl}/?lang=en`)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<a href="./?lang=fr" lang="fr">Français</a>');
  });
});

describe('POST /requests', () => {
  it('answers 202 with the request id and the due date, and starts the workflow', async () => {
    const res = await post(`${twin.baseUrl}/requests`, { email: uniqueAddress(), type: 'access', locale: 'en' }, 'json');
    const body = (await res.json()) as { requestId: string; dueDate: string };
    expect(res.status).toBe(202);
    expect(body).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const stored = await twin.deps.requests.get(body.requestId);
    expect(stored).toMatchObject({ status: 'awaiting_verification', type: 'access', locale: 'en', dueDate: body.dueDate });
    expect((await twin.deps.audit.list(body.requestId)).map((e) => e.event)).toContain('request_received');
    const execution = twin.stepFunctions.list().find((e) => e.name === body.requestId);
    expect(JSON.parse(execution!.input)).toEqual({
      requestId: body.requestId,
      type: 'access',
      lift: false,
      liftNoticeSeconds: 7 * 86400,
      autoApproved: false,
      autoRelease: false,
      linkLifetimes: { verificationSeconds: 72 * 3600, decisionSeconds: 14 * 86400 },
      systems: { identity: [], others: [], all: [], change: { first: [], last: [], all: [] } },
    });
    expect(execution!.input).not.toContain('@'); // no address in the workflow
  });

  it('answers a form post with a page that gives the due date', async () => {
    const res = await post(`${twin.baseUrl}/requests`, { email: uniqueAddress(), type: 'erasure', locale: 'fr' });
    expect(res.status).toBe(202);
    expect(await res.text()).toMatch(/Demande reçue[\s\S]*au plus tard le \S+ \d+ \S+ \d{4}\./);
  });

  it('refuses bad JSON input with the problem of each field, storing nothing', async () => {
    const before = await counts();
    const res = await post(`${twin.baseUrl}/requests`, { email: 'not-an-address', type: 'nothing', locale: 'en' }, 'json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'The request is not valid.', fields: { email: 'This value is not valid.', type: 'This value is not valid.' } });
    expect(await counts()).toEqual(before);
  });

  it('gives a form post the form back with the errors beside the fields and the values kept', async () => {
    const before = await counts();
    const res = await post(`${twin.baseUrl}/requests`, { email: '<b>x</b>', type: 'access', locale: 'en', details: 'keep me' });
    const page = await res.text();
    expect(res.status).toBe(400);
    expect(page).toContain('id="email-error"');
    expect(page).toContain('aria-invalid="true"');
    expect(page).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    expect(page).toContain('>keep me</textarea>');
    expect(page).toMatch(/value="access" required checked/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['malformed JSON', '{"email":', 'application/json', 400],
    ['a JSON array', '[]', 'application/json', 400],
    ['an unsupported media type', 'email=a@example.org', 'text/plain', 415],
    ['a body too large', JSON.stringify({ email: 'a@example.org', type: 'access', details: 'x'.repeat(20_000) }), 'application/json', 413],
  ])('answers %s with a clear %i and no trace', async (_what, body, type, status) => {
    const before = await counts();
    const res = await fetch(`${twin.baseUrl}/requests`, { method: 'POST', headers: { 'content-type': type }, body });
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    expect(await counts()).toEqual(before);
  });

  it('starts no second request workflow for a repeat, answers it the same way and tells the address’s owner', async () => {
    const email = uniqueAddress();
    const first = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    const res = await post(`${twin.baseUrl}/requests`, { email: email.toUpperCase(), type: 'access', locale: 'en' }, 'json');
    const repeat = (await res.json()) as { requestId: string; dueDate: string };
    expect(res.status).toBe(202);
    expect(Object.keys(repeat).sort()).toEqual(['dueDate', 'requestId']);
    expect(repeat.requestId).not.toBe(first.requestId);
    expect(await twin.deps.requests.get(repeat.requestId)).toMatchObject({ status: 'duplicate', duplicateOf: first.requestId });
    expect((await twin.deps.audit.list(first.requestId)).map((e) => e.event)).toContain('repeat_received');
    const notice = await eventually(async () => (await twin.mail.to(email)).find((m) => /already/.test(m.subject)), 5000, 'the repeat notice');
    expect(notice.text).toContain('already in progress');
    // Its execution only told the owner; its watchdog found it closed and ended.
    const done = await eventually(async () => twin.stepFunctions.list().filter((e) => e.name.startsWith(repeat.requestId) && e.status !== 'RUNNING').length === 2 || undefined, 5000, 'the repeat\'s executions');
    expect(done).toBe(true);
    expect(twin.stepFunctions.list().find((e) => e.name === repeat.requestId)!.states).toEqual(['WhatDoesThisExecutionAnswer', 'TellTheOwnerOfTheRepeat', 'RequestClosed']);
    expect((await twin.mail.to(email)).filter((m) => /confirm/i.test(m.subject))).toHaveLength(1); // the first request's acknowledgement only
  });

  it('does the same work for a repeat as for a new request before answering, so that its timing reveals nothing', async () => {
    // Prepare: every call to DynamoDB, Step Functions and SES, counted.
    const calls: string[] = [];
    const counted = <T extends { send: (...args: any[]) => any }>(client: T, service: string): T =>
      new Proxy(client, { get: (target, name) => (name === 'send' ? (command: any, ...rest: any[]) => (calls.push(`${service} ${command.constructor.name}${command.input?.TransactItems ? ` of ${command.input.TransactItems.length}` : ''}`), target.send(command, ...rest)) : Reflect.get(target, name)) });
    const clients = awsClients();
    const d = buildDeps(twin.deps.config, { dynamo: counted(clients.dynamo, 'dynamodb'), ses: counted(clients.ses, 'ses'), sfn: counted(clients.sfn, 'sfn') });
    const event = (email: string) => ({ httpMethod: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, type: 'erasure', locale: 'en' }) }) as any;
    const email = uniqueAddress();
    // Act
    const created = await submitRequest(event(email), d);
    const forNew = calls.splice(0);
    const repeated = await submitRequest(event(email), d);
    const forRepeat = calls.splice(0);
    // Assess
    expect([created.statusCode, repeated.statusCode]).toEqual([202, 202]);
    expect(await twin.deps.requests.get(JSON.parse(repeated.body).requestId)).toMatchObject({ status: 'duplicate' });
    expect(forNew).toEqual(['dynamodb GetCommand', 'dynamodb TransactWriteCommand of 3', 'sfn StartExecutionCommand', 'sfn StartExecutionCommand']);
    expect(forRepeat).toEqual(forNew);
  });

  it('refuses a field sent twice with a 400 naming it, storing nothing', async () => {
    const before = await counts();
    const res = await post(`${twin.baseUrl}/requests`, `email=${uniqueAddress()}&type=access&type=erasure&locale=en`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The field “Request” was sent more than once');
    const json = await post(`${twin.baseUrl}/requests`, `{"email":"${uniqueAddress()}","type":"access","type":"erasure"}`, 'json');
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ field: 'type' });
    expect(await counts()).toEqual(before);
  });

  it('keeps every purpose ticked: checkboxes may repeat', async () => {
    const res = await post(`${twin.baseUrl}/requests`, `email=${uniqueAddress()}&type=objection&purposes=marketing&purposes=analytics&locale=en`, 'form');
    expect(res.status).toBe(202);
  });

  it('gives a form too large to read the form back, 413, with what it can keep and a message in the learner\'s language', async () => {
    const before = await counts();
    const email = uniqueAddress();
    const res = await post(`${twin.baseUrl}/requests`, { email, type: 'rectification', locale: 'fr', details: 'x'.repeat(20_000) });
    const page = await res.text();
    expect(res.status).toBe(413);
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('trop volumineux pour être reçu');
    expect(page).toContain(`value="${email}"`);
    expect(page).toMatch(/value="rectification" required checked/);
    expect(page).toContain('id="details-error"');
    expect(page).not.toContain('x'.repeat(100));
    expect(await counts()).toEqual(before);
  });

  it('answers 503 with its own message, in the learner\'s language, when the workflow cannot be started', async () => {
    const d = { ...twin.deps, config: { ...twin.deps.config, stateMachineArn: 'arn:aws:states:local:000000000000:stateMachine:missing' } };
    const handler = middy<ApiEvent, ApiResult>().use(errorPages(() => d.config.languages)).handler((event) => routeIntake(event, d));
    const body = new URLSearchParams({ email: uniqueAddress(), type: 'access', locale: 'fr' }).toString();
    const res = await handler({ httpMethod: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' }, body } as any, {} as any);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toContain('pas pu accepter la demande pour le moment');
  });

  it('stores nothing and says so when the workflow cannot be started', async () => {
    const before = await counts();
    const d = { ...twin.deps, config: { ...twin.deps.config, stateMachineArn: 'arn:aws:states:local:000000000000:stateMachine:missing' } };
    const event = { httpMethod: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: uniqueAddress(), type: 'access' }) } as any;
    await expect(submitRequest(event, d)).rejects.toMatchObject({ statusCode: 503 });
    const after = await counts();
    expect(after.requests).toBe(before.requests);
    expect(after.executions).toBe(before.executions);
  });
});
