/**
 * bench/intake: the twin's intake under a fixed-rate load, 50 then 200 requests a second,
 * against the same load on the request form's page (`GET /`, which stores and sends
 * nothing) measured in the same run.
 *
 *   npm run bench:intake                 # 10 seconds at each rate
 *   npm run bench:intake -- 5            # 5 seconds at each
 *
 * Starts DynamoDB Local, an S3 server and an SES server, and one twin on 127.0.0.1 only.
 * At each rate, sends the requests on a fixed schedule (open loop: a slow answer does not
 * slow the next request), each from an address of its own, and times each answer; then
 * waits (two minutes at most) until every accepted request's acknowledgement is in the SES
 * server's store. Prints the rate achieved (sent, and answered: requests over the time until
 * the last answer), p50 and p99 and their ratio to the form page's,
 * the answers other than 2xx, and the acknowledgements lost (accepted, never sent) and
 * doubled (sent twice). Bounded: at most 200 × the seconds asked requests a rate, 15
 * minutes in all. Speed is reported, never asserted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { assembleTwin } from '../infra/local/twin.js';
import { readSettings } from '../infra/settings.js';
import { runBounded, storeOf } from './support/bounded-run.js';

const SECONDS = Math.min(60, Number(process.argv[2] ?? 10));
const RATES = [50, 200];

interface Timed {
  status: number;
  ms: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/**
 * The load, in a thread of its own: the twin's handlers and interpreter share this
 * process's event loop, and would otherwise hold up the schedule they are measured by.
 * Sends `count` requests at `rate` a second on a fixed schedule and times every answer.
 */
const LOADER = `
const { parentPort, workerData: { url, rate, count, intake } } = require('node:worker_threads');
const { setTimeout: sleep } = require('node:timers/promises');
(async () => {
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    const init = intake ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: intake.replace('{i}', i), type: 'access', locale: 'en' }) } : {};
    pending.push(fetch(url, init).then(async (res) => (await res.arrayBuffer(), { status: res.status, ms: performance.now() - sent }), () => ({ status: 0, ms: performance.now() - sent })));
  }
  const sentFor = (performance.now() - start) / 1000;
  const timed = await Promise.all(pending);
  parentPort.postMessage({ timed, sent: count / sentFor, answered: count / ((performance.now() - start) / 1000) });
})();
`;

function fixedRate(url: string, rate: number, intake?: string): Promise<{ timed: Timed[]; sent: number; answered: number }> {
  const worker = new Worker(LOADER, { eval: true, workerData: { url, rate, count: rate * SECONDS, intake } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result) => void worker.terminate().then(() => resolve(result)));
    worker.once('error', reject);
  });
}

await runBounded('bench-intake', 15 * 60_000, async (servers) => {
  servers.phase = 'assembling the twin';
  const settings = readSettings((key) => ({ 'dsr:dpoEmail': 'dpo@school.example', 'dsr:senderEmail': 'privacy@school.example', 'dsr:languages': ['en'] })[key]);
  const twin = (servers.twin = await assembleTwin({ settings, endpoints: servers.endpoints, prefix: 'bench', port: 0 }));
  console.log(`twin up at ${twin.baseUrl}; ${SECONDS} s at each of ${RATES.join(' and ')} requests a second\n`);
  console.log('rate/s  route              sent/s  answered/s    p50 ms    p99 ms   p50 ratio   p99 ratio   non-2xx   acks lost   acks doubled');

  for (const rate of RATES) {
    servers.phase = `the form page at ${rate}/s`;
    const baseline = await fixedRate(`${twin.baseUrl}/`, rate);
    const [b50, b99] = [percentile(baseline.timed.map((t) => t.ms), 50), percentile(baseline.timed.map((t) => t.ms), 99)];

    servers.phase = `intake at ${rate}/s`;
    const since = Date.now() / 1000 - 1;
    const address = (i: number | string) => `load-${rate}-${i}@bench.example`;
    const intake = await fixedRate(`${twin.baseUrl}/requests`, rate, address('{i}'));
    const accepted = new Set(intake.timed.flatMap((t, i) => (t.status === 202 ? [address(i)] : [])));

    servers.phase = `waiting for the acknowledgements of ${rate}/s`;
    const acks = new Map<string, number>();
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      acks.clear();
      for (const mail of await storeOf(servers.endpoints.ses, since)) for (const to of mail.destination?.to ?? []) if (accepted.has(to)) acks.set(to, (acks.get(to) ?? 0) + 1);
      if (acks.size >= accepted.size) break;
      await sleep(1_000);
    }
    const [p50, p99] = [percentile(intake.timed.map((t) => t.ms), 50), percentile(intake.timed.map((t) => t.ms), 99)];
    const lost = [...accepted].filter((a) => !acks.has(a)).length;
    const doubled = [...acks.values()].filter((n) => n > 1).length;
    const non2xx = intake.timed.filter((t) => t.status < 200 || t.status > 299).length;
    const row = (route: string, load: { sent: number; answered: number }, a: number, b: number, rest: string) =>
      `${String(rate).padStart(6)}  ${route.padEnd(15)} ${load.sent.toFixed(1).padStart(9)} ${load.answered.toFixed(1).padStart(11)} ${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)} ${rest}`;
    console.log(row('GET / (base)', baseline, b50, b99, `${'1.00'.padStart(11)} ${'1.00'.padStart(11)} ${String(baseline.timed.filter((t) => t.status !== 200).length).padStart(9)}`));
    console.log(row('POST /requests', intake, p50, p99, `${(p50 / b50).toFixed(2).padStart(11)} ${(p99 / b99).toFixed(2).padStart(11)} ${String(non2xx).padStart(9)} ${String(lost).padStart(11)} ${String(doubled).padStart(14)}`));
  }
  console.log('\nratios: intake\'s p50 and p99 over the form page\'s at the same rate; lost: accepted (202) with no acknowledgement in two minutes; doubled: acknowledged twice');
});
