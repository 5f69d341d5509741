/**
 * bench/breach: how long a breach's communication to 10,000 people takes in the local twin,
 * interrupted once half-way and resumed, against a plain loop sending the same 10,000
 * emails through the same SES server, in the same run.
 *
 *   npm run bench:breach
 *
 * Starts DynamoDB Local, an S3 server and a fresh SES server (its store holds every email
 * since it started), and one twin (languages en and fr, communicationRate 500). Then:
 *   1. baseline: the same emails (same subjects and bodies, to the same local parts on another
 *      domain) sent one after another with `sendLetter`, as the sending step does;
 *   2. the communication through the admin API: open a breach, upload the CSV, ask for the
 *      communication, approve it from the DPO's emailed link; once about half the addresses
 *      are sent the workflow's execution is stopped and the sending resumed through
 *      `POST /admin/breaches/{id}/communication/resume`; timed from the approval POST to the
 *      DPO's report email.
 * Prints both times and their ratio, how many emails each address received (from the SES
 * server's store), the recipients' tally, and this process's peak RSS (sampled every 100 ms;
 * the twin, the SES server and the S3 server run in it; DynamoDB Local is a Java process of
 * its own, reported beside it). Fails, and stops everything, if the run passes 15 minutes.
 * Speed is reported, never asserted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../infra/local/emulators.js';
import { assembleTwin, type Twin } from '../infra/local/twin.js';
import { runBounded, storeOf, type BenchServers } from './support/bounded-run.js';
import { readSettings } from '../infra/settings.js';
import { sendLetter } from '../functions/shared/mail.js';
import { RecipientStore, type RecipientStatus } from '../functions/shared/store/recipients.js';
import type { Locale } from '../functions/shared/rights.js';

const ADDRESSES = 10_000;
const LIMIT_MS = 15 * 60_000;
const DPO = 'dpo@school.example';
const SENDER = 'privacy@school.example';
const REPORT_SUBJECT = 'the message to the people concerned was sent';
const TEXTS: Record<Locale, { subject: string; body: string }> = {
  en: { subject: 'About your grades at our school', body: 'A grades export was sent to the wrong class on 20 November.\n\nWrite to dpo@school.example with any question.' },
  fr: { subject: 'À propos de vos notes', body: 'Un export des notes a été envoyé à la mauvaise classe le 20 novembre.\n\nÉcrivez à dpo@school.example pour toute question.' },
} as Record<Locale, { subject: string; body: string }>;
const SUBJECTS = new Set(Object.values(TEXTS).map((t) => t.subject));

/** The i-th address on `domain`, and its language: every other one French. */
const person = (i: number, domain: string) => ({ email: `learner${i}@${domain}`, locale: (i % 2 ? 'fr' : 'en') as Locale });

const mb = (bytes: number) => bytes / (1024 * 1024);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** RSS of this process's direct children (DynamoDB Local's Java), from /proc; 0 where /proc is not there. */
function childrenRss(): number {
  try {
    let bytes = 0;
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      for (const pid of readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean)) {
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (rss) bytes += Number(rss[1]) * 1024;
      }
    }
    return bytes;
  } catch {
    return 0;
  }
}

/** Peak RSS, this process's and its children's, sampled every 100 ms between start() and stop(). */
class RssSampler {
  before = 0;
  peak = 0;
  childrenBefore = 0;
  childrenPeak = 0;
  private timer?: NodeJS.Timeout;
  start(): void {
    this.before = this.peak = process.memoryUsage.rss();
    this.childrenBefore = this.childrenPeak = childrenRss();
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage.rss());
      this.childrenPeak = Math.max(this.childrenPeak, childrenRss());
    }, 100);
  }
  stop(): void {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  line(label: string): string {
    return `${label.padEnd(34)} ${mb(this.peak).toFixed(0).padStart(5)} MB  (${(this.peak / this.before).toFixed(2)} × the ${mb(this.before).toFixed(0)} MB before)` +
      (this.childrenPeak ? `;  DynamoDB Local ${mb(this.childrenPeak).toFixed(0)} MB (${mb(this.childrenBefore).toFixed(0)} MB before)` : '');
  }
}

async function admin(twin: Twin, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${twin.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${twin.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}

function expectStatus(what: string, got: { status: number; json?: unknown }, status: number): void {
  if (got.status !== status) throw new Error(`${what}: expected ${status}, got ${got.status} ${JSON.stringify(got.json ?? '')}`);
}

/** Polls `check` every `everyMs` until it returns a value; the overall 15-minute limit ends it otherwise. */
async function until<T>(check: () => Promise<T | undefined>, everyMs: number): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
}

async function main(servers: BenchServers): Promise<void> {
  const { endpoints } = servers;
  const ses = { endpoint: endpoints.ses };

  servers.phase = 'assembling the twin';
  const settings = readSettings((key) => ({ 'dsr:dpoEmail': DPO, 'dsr:senderEmail': SENDER, 'dsr:languages': ['en', 'fr'], 'dsr:communicationRate': 500 })[key]);
  const t = (servers.twin = await assembleTwin({ settings, endpoints, prefix: 'bench', port: 0, adminToken: 'bench-breach-admin-token' }));
  log(`servers and twin up (${t.baseUrl}; SES ${ses.endpoint})`);

  // --- 1. the baseline: the same emails, one after another, straight to SES -------------
  servers.phase = 'the baseline loop';
  const sesClient = new SESv2Client({ endpoint: ses.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const baselineRss = new RssSampler();
  baselineRss.start();
  const baselineStart = performance.now();
  for (let i = 0; i < ADDRESSES; i++) {
    const { email, locale } = person(i, 'baseline.example');
    const text = TEXTS[locale];
    await sendLetter(sesClient, { sender: SENDER }, email, { locale, subject: text.subject, paragraphs: text.body.split(/\n\s*\n/) });
  }
  const baselineMs = performance.now() - baselineStart;
  baselineRss.stop();
  sesClient.destroy();
  log(`baseline: ${ADDRESSES} emails in ${secs(baselineMs)}`);

  // --- 2. the communication, through the admin API ---------------------------------------
  servers.phase = 'preparing the communication';
  const opened = await admin(t, 'POST', '/admin/breaches', { awareAt: new Date().toISOString(), summary: 'Grades sent to the wrong class (benchmark).', risk: 'high' });
  expectStatus('opening the breach', opened, 201);
  const breachId: string = opened.json.breach.breachId;
  const upload = await admin(t, 'POST', `/admin/breaches/${breachId}/recipients`);
  expectStatus('asking for the upload URL', upload, 200);
  const csv = ['email,language', ...Array.from({ length: ADDRESSES }, (_, i) => { const p = person(i, 'bench.example'); return p.locale === 'fr' ? `${p.email},fr` : p.email; })].join('\n');
  const put = await fetch(upload.json.url, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });
  expectStatus('uploading the CSV', { status: put.status, json: await put.text() }, 200);
  expectStatus('asking for the communication', await admin(t, 'POST', `/admin/breaches/${breachId}/communication`, { recipients: upload.json.key, texts: TEXTS }), 202);

  servers.phase = "waiting for the DPO's approval link";
  const askStarted = Date.now() / 1000 - 1;
  const ask = await until(async () => (await storeOf(ses.endpoint, askStarted)).find((m) => m.destination?.to?.includes(DPO) && m.subject?.includes(breachId.slice(0, 8)) && /approve the message/.test(m.subject)), 250);
  if (!ask.subject!.includes(`${ADDRESSES} people`)) throw new Error(`the DPO was asked about another count: ${ask.subject}`);
  const link = /https?:\/\/\S+\/communications\/[A-Za-z0-9_-]+/.exec(ask.body?.text ?? '')?.[0];
  if (!link) throw new Error(`no /communications/ link in the DPO's email: ${ask.body?.text}`);
  log(`addresses read (${ADDRESSES}); the DPO approves`);

  servers.phase = 'the communication (first part)';
  const store = new RecipientStore(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS })), t.tables.breaches);
  const list = { breachId, list: (await admin(t, 'GET', `/admin/breaches/${breachId}`)).json.breach.communication.list as string };
  const runRss = new RssSampler();
  runRss.start();
  const runStart = performance.now();
  const approved = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' });
  expectStatus('approving from the link', { status: approved.status, json: await approved.text() }, 200);

  // Stop the execution once about half is sent, as a crash or a redeploy would, and resume at once.
  // A tally reads all 10,000 items (about half a second of DynamoDB Local's time, which the
  // sending shares): polled every 500 ms it halved the sending's rate. So each next tally
  // comes after 80% of the time the rate so far projects to half-way, and at least 1 s.
  const tallies = { count: 0, ms: 0 };
  let atStop: Record<RecipientStatus, number>;
  for (let wait = 5000; ; ) {
    await sleep(wait);
    const began = performance.now();
    atStop = await store.tally(list);
    tallies.count++;
    tallies.ms += performance.now() - began;
    if (atStop.sent >= ADDRESSES / 2) break;
    const rate = atStop.sent / (performance.now() - runStart); // per ms
    wait = rate > 0 ? Math.min(Math.max(((ADDRESSES / 2 - atStop.sent) / rate) * 0.8, 1000), 30_000) : 2000;
  }
  const execution = t.stepFunctions.list().find((e) => e.name.startsWith(`${breachId}-c`));
  if (!execution) throw new Error(`no execution of the communication for ${breachId}`);
  servers.phase = 'stopping and resuming';
  const stopAt = performance.now();
  t.stepFunctions.stopExecution({ executionArn: execution.executionArn });
  const resumed = await admin(t, 'POST', `/admin/breaches/${breachId}/communication/resume`);
  const pauseMs = performance.now() - stopAt;
  expectStatus('resuming', resumed, 202);
  log(`stopped at ${atStop.sent} sent (${secs(stopAt - runStart)} after the approval), resumed ${pauseMs.toFixed(0)} ms later`);

  servers.phase = 'the communication (after the resume)';
  // The breach's state is cheap to poll; the report email follows it by one SES call.
  await until(async () => ((await admin(t, 'GET', `/admin/breaches/${breachId}`)).json.breach?.communication?.state === 'sent' ? true : undefined), 100);
  const sentSeen = Date.now() / 1000 - 2;
  await until(async () => (await storeOf(ses.endpoint, sentSeen)).find((m) => m.destination?.to?.includes(DPO) && m.subject?.includes(breachId.slice(0, 8)) && m.subject.includes(REPORT_SUBJECT)), 20);
  const runMs = performance.now() - runStart;
  runRss.stop();
  log(`report email received, ${secs(runMs)} after the approval`);

  // --- 3. what each address received, and the tally ----------------------------------------
  servers.phase = 'counting';
  const tally = await store.tally(list);
  const received = new Map<string, number>();
  for (const mail of await storeOf(ses.endpoint)) {
    if (!SUBJECTS.has(mail.subject ?? '')) continue;
    for (const to of mail.destination?.to ?? []) received.set(to.toLowerCase(), (received.get(to.toLowerCase()) ?? 0) + 1);
  }
  const histogram = (domain: string) => {
    const counts = { zero: 0, one: 0, more: 0, twice: [] as string[], never: [] as string[] };
    for (let i = 0; i < ADDRESSES; i++) {
      const { email } = person(i, domain);
      const n = received.get(email) ?? 0;
      if (n === 0) (counts.zero++, counts.never.push(email));
      else if (n === 1) counts.one++;
      else (counts.more++, counts.twice.push(`${email} (${n})`));
    }
    return counts;
  };
  const run = histogram('bench.example');
  const base = histogram('baseline.example');
  const strays = [...received.keys()].filter((a) => !a.endsWith('@bench.example') && !a.endsWith('@baseline.example'));

  const runNoPause = runMs - pauseMs;
  const show = (status: RecipientStatus) => String(tally[status]);
  console.log(`
breach communication, ${ADDRESSES} addresses (half in French), communicationRate 500/s, on ${process.platform} Node ${process.version}

baseline loop (sendLetter, sequential)    ${secs(baselineMs).padStart(9)}   ${(ADDRESSES / (baselineMs / 1000)).toFixed(0)} emails/s
communication, approval → report email    ${secs(runMs).padStart(9)}   ${(ADDRESSES / (runMs / 1000)).toFixed(0)} emails/s   (includes the stop → resume pause)
  approval → stop                         ${secs(stopAt - runStart).padStart(9)}   ${(atStop.sent / ((stopAt - runStart) / 1000)).toFixed(0)} emails/s   (stopped at ${atStop.sent} sent; ${tallies.count} tallies meanwhile, ${tallies.ms / tallies.count | 0} ms each)
  stop → resume accepted                  ${secs(pauseMs).padStart(9)}
  resume → report email                   ${secs(runMs - (stopAt - runStart) - pauseMs).padStart(9)}   ${((ADDRESSES - atStop.sent) / ((runMs - (stopAt - runStart) - pauseMs) / 1000)).toFixed(0)} emails/s   (no tally polled)
  without the pause                       ${secs(runNoPause).padStart(9)}
ratio communication / baseline            ${(runMs / baselineMs).toFixed(2).padStart(9)}   (${(runNoPause / baselineMs).toFixed(2)} without the pause)

emails per address (SES store, the benchmark's subjects)
  communication  @bench.example     0: ${run.zero}   1: ${run.one}   2+: ${run.more}
  baseline       @baseline.example  0: ${base.zero}   1: ${base.one}   2+: ${base.more}${strays.length ? `\n  other addresses with these subjects: ${strays.length}` : ''}${run.twice.length ? `\n  written to more than once: ${run.twice.slice(0, 10).join(', ')}${run.twice.length > 10 ? ', …' : ''}` : ''}${run.never.length ? `\n  never written to: ${run.never.slice(0, 10).join(', ')}${run.never.length > 10 ? ', …' : ''}` : ''}

tally  sent ${show('sent')}   sending (uncertain) ${show('sending')}   pending ${show('pending')}   failed ${show('failed')}   bounced ${show('bounced')}

peak RSS of this process (twin + SES + S3 servers), every 100 ms
${baselineRss.line('  during the baseline')}
${runRss.line('  during the communication')}
`);
}

await runBounded('bench-breach', LIMIT_MS, main);
