/**
 * bench/intake-paths: how long the form takes to answer a new request and a repeat of an
 * open one, in the local twin: a repeat must not answer faster or slower (the difference
 * would tell that the address has a request open).
 *
 *   npm run bench:intake-paths            # 200 pairs
 *   npm run bench:intake-paths -- 500     # more
 *
 * Starts DynamoDB Local, an S3 server and an SES server, and one twin. After 20 pairs to warm
 * up, files each pair over HTTP, as the form's JSON client does: a new address (the new
 * path), then the same address and right again (the repeat path), one call at a time, each
 * 100 ms after the last (the workflows it starts run in this process).
 * Prints each path's median and 90th percentile and the ratio of the medians (1.00: alike).
 * Speed is reported, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startDynamoDb, startS3, startSes } from '../infra/local/emulators.js';
import { assembleTwin } from '../infra/local/twin.js';
import { readSettings } from '../infra/settings.js';

const PAIRS = Number(process.argv[2] ?? 200);
const WARM_UP = 20;
/** Before each timed call, so that the steps earlier filings started (acknowledgements, notices) do not run during it. */
const SETTLE_MS = 100;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];

/** One filing, timed from the request sent to the answer read. */
async function file(baseUrl: string, email: string): Promise<number> {
  await sleep(SETTLE_MS);
  const began = performance.now();
  const res = await fetch(`${baseUrl}/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, type: 'access', locale: 'en' }) });
  await res.text();
  const ms = performance.now() - began;
  if (res.status !== 202) throw new Error(`expected 202, got ${res.status}`);
  return ms;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-intake-'));
  const [dynamodb, s3, ses] = await Promise.all([startDynamoDb(), startS3(join(dir, 's3')), freePort().then((port) => startSes(port))]);
  const settings = readSettings((key) => ({ 'dsr:dpoEmail': 'dpo@school.example', 'dsr:senderEmail': 'privacy@school.example' })[key]);
  const twin = await assembleTwin({ settings, endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, ses: ses.endpoint }, prefix: 'benchintake', port: 0 });
  try {
    const times = { new: [] as number[], repeat: [] as number[] };
    for (let i = 0; i < WARM_UP + PAIRS; i++) {
      const email = `learner${i}@bench.example`;
      const created = await file(twin.baseUrl, email);
      const repeated = await file(twin.baseUrl, email);
      if (i < WARM_UP) continue;
      times.new.push(created);
      times.repeat.push(repeated);
    }
    const line = (name: string, values: number[]) => `${name.padEnd(8)} median ${quantile(values, 0.5).toFixed(2).padStart(7)} ms   p90 ${quantile(values, 0.9).toFixed(2).padStart(7)} ms`;
    console.log(`
intake, ${PAIRS} pairs over HTTP (new address, then the same address again), on ${process.platform} Node ${process.version}

${line('new', times.new)}
${line('repeat', times.repeat)}
repeat / new, medians: ${(quantile(times.repeat, 0.5) / quantile(times.new, 0.5)).toFixed(2)}
`);
  } finally {
    await twin.close();
    await Promise.all([dynamodb.stop(), s3.stop(), ses.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

// The executions the filings started wait on their links, and keep-alive sockets linger: the servers are closed, so end here.
await main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench:intake-paths failed: ${error.stack ?? error}`);
    process.exit(1);
  },
);
