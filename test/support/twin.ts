import { randomBytes } from 'node:crypto';
import { afterAll, expect, inject } from 'vitest';
import { freePort, startSes } from '../../infra/local/emulators.js';
import { assembleTwin, type Twin } from '../../infra/local/twin.js';
import { readSettings, type Settings } from '../../infra/settings.js';
import { buildDeps, type Deps } from '../../functions/shared/context.js';
import { awsClients } from '../../functions/shared/aws.js';
import { loadConfig } from '../../functions/shared/config.js';
import type { ConnectorDeclaration } from '../../functions/connectors/declarations.js';
import { DemoVideoPlatform } from '../../infra/local/demo/video-platform.js';
import { DEMO_VIDEO_SECRET_NAME, demoConnectors, seedDemoPlatform } from '../../infra/local/demo/systems.js';

/** Settings as cdk.json would give them, with `overrides` (keys without the `dsr:` prefix). */
export function testSettings(overrides: Partial<Record<string, unknown>> = {}): Settings {
  const context: Record<string, unknown> = { 'dsr:dpoEmail': 'dpo@school.example', 'dsr:senderEmail': 'privacy@school.example' };
  for (const [key, value] of Object.entries(overrides)) context[`dsr:${key}`] = value;
  return readSettings((key) => context[key]);
}

export interface TestTwin extends Twin {
  deps: Deps<'ses' | 'sfn'>;
  mail: Mailbox;
  video?: DemoVideoPlatform;
}

export interface TestTwinOptions {
  /** Run the demo platform's systems (seeded tables and files, the video platform over HTTP). */
  demo?: boolean;
  /** Data systems of the test's own (e.g. an HTTP system the test controls). */
  connectors?: ConnectorDeclaration[];
  secrets?: Record<string, string>;
  /** Run the scheduled functions on the twin's clock, as `npm start` does. */
  schedules?: boolean;
  /** A mailbox of its own: for files that use the demo learners' fixed addresses, which other files use too. */
  ownMailbox?: boolean;
}

/**
 * The whole twin in this test file's process, on the shared local servers, with tables of
 * its own. Call once per file (the handlers read their environment once, like a Lambda).
 */
export async function startTestTwin(overrides: Partial<Record<string, unknown>> = {}, options: TestTwinOptions = {}): Promise<TestTwin> {
  const endpoints = { ...inject('endpoints') };
  if (options.ownMailbox) {
    const ses = await startSes(await freePort());
    endpoints.ses = ses.endpoint;
    afterAll(() => ses.stop());
  }
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const settings = testSettings(overrides);
  const secrets = { ...options.secrets };
  let video: DemoVideoPlatform | undefined;
  if (options.demo) {
    secrets[DEMO_VIDEO_SECRET_NAME] = randomBytes(32).toString('hex');
    video = new DemoVideoPlatform(secrets[DEMO_VIDEO_SECRET_NAME], 100);
    await video.listen();
    await seedDemoPlatform(endpoints, prefix);
    settings.connectors.push(...demoConnectors(video.url, prefix));
  }
  settings.connectors.push(...(options.connectors ?? []));
  const twin = await assembleTwin({ settings, secrets, endpoints, prefix, port: 0, schedules: options.schedules });
  return { ...twin, video, deps: buildDeps(loadConfig(), awsClients()), mail: new Mailbox(endpoints.ses) };
}

export interface Email {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** SES's message id, which its events name. */
  messageId: string;
  /** The From header as SES was given it (a display name RFC 2047-encoded). */
  from: string;
  replyTo: string[];
}

/** The SES server's store, read as a mail client would. */
export class Mailbox {
  constructor(private readonly endpoint: string) {}

  async all(): Promise<Email[]> {
    const store = (await (await fetch(`${this.endpoint}/store`)).json()) as { emails: any[] };
    return store.emails.map((m) => ({ to: m.destination?.to ?? [], subject: m.subject ?? '', text: m.body?.text ?? '', html: m.body?.html ?? '', messageId: m.messageId ?? '', from: m.from ?? '', replyTo: m.replyTo ?? [] }));
  }

  async to(address: string): Promise<Email[]> {
    return (await this.all()).filter((m) => m.to.some((t) => t.toLowerCase().includes(address.toLowerCase())));
  }

  /** Waits for the `count`-th email to `address` (1-based) and returns it. */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<Email> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const mails = await this.to(address);
      if (mails.length >= count) return mails[count - 1];
      if (Date.now() > until) throw new Error(`no email #${count} to ${address} within ${timeoutMs} ms (got ${mails.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The first link to `path` (verify, decisions) in an email's text. */
export function linkIn(email: Email, path: string): string {
  const match = new RegExp(`https?://[^\\s]+/${path}/[A-Za-z0-9_-]+`).exec(email.text);
  if (!match) throw new Error(`no /${path}/ link in: ${email.text}`);
  return match[0];
}

export const uniqueAddress = (label = 'learner') => `${label}.${randomBytes(4).toString('hex')}@example.org`;

/** Calls the twin's admin API with its token (or `token`), as an operator's script would. */
export async function adminCall(twin: { baseUrl: string; adminToken: string }, method: 'GET' | 'POST', path: string, body?: unknown, token = twin.adminToken): Promise<{ status: number; json: any }> {
  const res = await fetch(`${twin.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}

/** POSTs JSON or a form to the twin. */
export async function post(url: string, body: Record<string, string> | string, kind: 'json' | 'form' = 'form'): Promise<Response> {
  const headers = { 'content-type': kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' };
  const payload = kind === 'json' ? (typeof body === 'string' ? body : JSON.stringify(body)) : new URLSearchParams(body as Record<string, string>).toString();
  return fetch(url, { method: 'POST', headers, body: payload, redirect: 'manual' });
}

export interface Received {
  requestId: string;
  dueDate: string;
}

/** Files a request through the API, as the form's JSON client would, and returns the 202 answer. */
export async function fileRequest(twin: { baseUrl: string }, fields: Record<string, string>): Promise<Received> {
  const res = await post(`${twin.baseUrl}/requests`, fields, 'json');
  if (res.status !== 202) throw new Error(`expected 202, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as Received;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs this test file on a simulated clock that starts now and moves `scale` times faster
 * than real time. Call at the top of the file, before the twin starts: the handlers read
 * the clock's settings once.
 */
export function useSimulatedClock(scale: number): void {
  process.env.DSR_CLOCK_START = new Date().toISOString();
  process.env.DSR_CLOCK_ANCHOR = String(Date.now());
  process.env.DSR_TIME_SCALE = String(scale);
  afterAll(() => {
    delete process.env.DSR_CLOCK_START;
    delete process.env.DSR_CLOCK_ANCHOR;
    delete process.env.DSR_TIME_SCALE;
  });
}

/** The states every request goes through from filing to the DPO gate (or its automatic approval). */
export const STATES_TO_THE_GATE = [
  'WhatDoesThisExecutionAnswer',
  'AcknowledgeAndWaitForAddressConfirmation',
  'RecordAddressConfirmed',
  'FindTheLearnerInIdentitySystems',
  'RecordWhoTheLearnerIs',
  'AskEachSystemWhetherItKnowsTheLearner',
  'RecordWhichSystemsKnowTheLearner',
  'IsThisRightApprovedAutomatically',
];

/** The states of an objection after approval, on a platform with no systems: a round over nothing, then the receipt. */
export const STATES_OF_AN_OBJECTION_WITHOUT_SYSTEMS = [
  'IsThisAnExport',
  'WhichChangeIsAsked',
  'StartRestrictingInEachSystem',
  'CarryOutInEachSystem',
  'RecordWhatEachSystemDid',
  'KeepFailedSystemsForTheRound',
  'DidEverySystemManage',
  'WhatComesAfterThisRound',
  'WhatComesAfterTheWorkByHand',
  'TellRecipients',
  'SendReceipt',
  'IsARestrictionNowInForce',
  'RequestClosed',
];

/** A restriction's, which ends by offering the DPO to lift it. */
export const STATES_OF_A_RESTRICTION_WITHOUT_SYSTEMS = [...STATES_OF_AN_OBJECTION_WITHOUT_SYSTEMS.slice(0, -1), 'OfferTheDpoToLiftTheRestriction', 'RequestClosed'];

/** The audit trail of every request up to the DPO being asked. */
export const EVENTS_TO_THE_DPO = ['request_received', 'acknowledgement_sent', 'address_confirmed', 'systems_looked_up', 'systems_looked_up', 'dpo_asked_to_decide'];

/** Where `requestId`'s workflow stands, for the message of a wait that gave up (the twin's logs are silent in tests). */
function whereIs(twin: TestTwin, requestId: string): string {
  const execution = twin.stepFunctions.list().find((e) => e.name === requestId);
  if (!execution) return 'its workflow never started';
  return `its workflow is ${execution.status}${execution.error ? ` (${execution.error})` : ''} after ${execution.states.slice(-4).join(' → ')}`;
}

/** `wait`, its failure saying where `requestId`'s workflow stands. */
const explained = <T>(twin: TestTwin, requestId: string, wait: Promise<T>): Promise<T> =>
  wait.catch((error: Error) => {
    throw new Error(`${error.message}: ${whereIs(twin, requestId)}`);
  });

/** The `count`-th email to the test twin's DPO about `requestId` whose subject matches. */
export const dpoMail = (twin: TestTwin, requestId: string, subject: RegExp, count = 1) =>
  explained(twin, requestId, eventually(async () => (await twin.mail.to('dpo@school.example')).filter((m) => m.text.includes(requestId) && subject.test(m.subject))[count - 1], 20_000, `DPO email ${subject} #${count}`));

/** Waits for `requestId` to reach `status` (a gate's email goes out before its step records the status). */
export const statusReached = (twin: TestTwin, requestId: string, status: string) =>
  explained(twin, requestId, eventually(async () => ((await twin.deps.requests.get(requestId))?.status === status ? true : undefined), 10_000, `status ${status}`));

/** Files an access request from a fresh address, confirms it and approves it from the DPO's email. */
export async function approvedAccess(twin: TestTwin): Promise<{ email: string; requestId: string }> {
  const email = uniqueAddress();
  const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
  expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
  expect((await post(linkIn(await dpoMail(twin, requestId, /to decide/), 'decisions'), { decision: 'approve' })).status).toBe(200);
  return { email, requestId };
}
