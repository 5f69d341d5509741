/**
 * bench/archive: how fast and how lean the archive is built, against a plain streamed copy
 * of the same bytes through the same local S3 server, in the same run.
 *
 *   npm run bench:archive                 # 256 MB and 1 GB
 *   npm run bench:archive -- 64 256       # other sizes, in MB
 *
 * For each size it stages generated data (a few large files, many small ones, half of them
 * posts as JSON records, and an export of 100,000 records; the system's page shows every
 * JSON record as a table row) in s3rver, then runs the plain copy and the archive each in
 * a fresh process, three times in turns, and prints the medians: throughput in staged
 * bytes carried per second (the archive's as a ratio of the copy's) and peak memory (the
 * archive's also as a ratio of the copy's). The archive also writes its pages, reading
 * each JSON file a second time: the copy does neither.
 * Targets: ratio ≥ 0.6; peak memory under 200 MB, within 1.2 times the copy's, the same
 * at 1 GB as at 256 MB.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { uploadHashed } from '../functions/connectors/staging.js';
import { ALIASES } from '../infra/bundling.js';
import type { StagedFile } from '../functions/connectors/kit.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startS3 } from '../infra/local/emulators.js';

const MB = 1024 * 1024;
const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['256', '1024']).map(Number);

/** A stream of `bytes` pseudo-random bytes (incompressible, like media), made in 1 MB blocks. */
function generated(bytes: number): Readable {
  const block = randomBytes(MB);
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, MB);
      left -= n;
      this.push(n === MB ? block : block.subarray(0, n));
    },
  });
}

/** An export of `count` records as a DynamoDB table's connector writes it (records.json), made as it is read. */
function records(count: number): Readable {
  return Readable.from(
    (function* () {
      yield '[\n';
      for (let i = 0; i < count; i++) {
        yield `${i ? ',\n' : ''}  ${JSON.stringify({ id: `r-${i}`, course: `Course ${i % 40}`, grade: 10 + (i % 11), gradedAt: new Date(Date.UTC(2026, 5, 10) + i * 60_000).toISOString() })}`;
      }
      yield '\n]\n';
    })(),
  );
}

/** A small export of about `bytes` as a forum writes one: posts as JSON records, compressible like every JSON and CSV export. */
function posts(bytes: number): Readable {
  const text = 'Thank you for the feedback on my essay; I have revised the second part as you suggested. '.repeat(6);
  const records: string[] = [];
  for (let size = 2, i = 0; size < bytes - 400; i++) {
    records.push(JSON.stringify({ id: `p-${i}`, thread: `Week ${i % 12} questions`, postedAt: new Date(Date.UTC(2026, 2, 1) + i * 3_600_000).toISOString(), text }));
    size += records.at(-1)!.length + 2;
  }
  return Readable.from([Buffer.from(`[${records.join(',\n')}]`)]);
}

async function stage(s3: S3Client, bucket: string, totalMb: number): Promise<StagedFile[]> {
  const files: StagedFile[] = [];
  const put = async (name: string, body: Readable, contentType: string) => {
    const key = `staging/bench-${totalMb}/${name}`;
    const { bytes, sha256 } = await uploadHashed(s3, bucket, key, body, contentType);
    files.push({ key, name, contentType, bytes, sha256 });
  };
  await put('records.json', records(100_000), 'application/json');
  const large = (totalMb * MB * 0.8) / 4; // 80% in four large files (videos, scans)
  for (let i = 0; i < 4; i++) await put(`large-${i}.bin`, generated(large), 'application/octet-stream');
  const small = 64 * 1024; // 20% in many small files (records, posts, submissions)
  const count = Math.floor((totalMb * MB * 0.2) / small);
  for (let i = 0; i < count; i++) {
    if (i % 2) await put(`small/${i}.json`, posts(small), 'application/json');
    else await put(`small/${i}.bin`, generated(small), 'application/octet-stream');
  }
  return files;
}

/** The measured runs, bundled like a Lambda (its aliases too): plain JavaScript, so no TypeScript loader weighs on their memory. */
async function bundleRunner(dir: string): Promise<string> {
  const outfile = join(dir, 'archive-run.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'archive-run.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    alias: ALIASES,
    logLevel: 'silent',
    banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
  });
  return outfile;
}

// Asynchronous on purpose: the S3 server runs in this process and must keep answering.
async function measure(runner: string, mode: 'archive' | 'copy', plan: string): Promise<Run> {
  const { stdout } = await promisify(execFile)(process.execPath, [runner, mode, plan], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Run;
}

interface Run {
  bytes: number;
  seconds: number;
  peakRssMb: number;
}

/**
 * Runs of each mode, taken in turns: one run's peak memory moves by up to 30 MB with when
 * V8 and malloc give memory back, and its speed with what else the machine does.
 */
const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medianRun = (runs: Run[]): Run => ({ bytes: runs[0].bytes, seconds: median(runs.map((r) => r.seconds)), peakRssMb: median(runs.map((r) => r.peakRssMb)) });

const dir = mkdtempSync(join(tmpdir(), 'dsr-bench-'));
const server = await startS3(join(dir, 's3'));
const s3 = new S3Client({ endpoint: server.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
const bucket = 'bench';
await s3.send(new CreateBucketCommand({ Bucket: bucket }));

const runner = await bundleRunner(dir);
const rows: string[] = [];
try {
  for (const size of sizes) {
    process.stdout.write(`staging ${size} MB… `);
    const files = await stage(s3, bucket, size);
    const plan = join(dir, `plan-${size}.json`);
    writeFileSync(plan, JSON.stringify({ endpoint: server.endpoint, bucket, files }));
    console.log(`${files.length} files`);
    const runs = { copy: [] as Run[], archive: [] as Run[] };
    for (let i = 0; i < RUNS; i++) for (const mode of ['copy', 'archive'] as const) runs[mode].push(await measure(runner, mode, plan));
    const copy = medianRun(runs.copy);
    const archive = medianRun(runs.archive);
    const mbps = (r: Run) => r.bytes / MB / r.seconds;
    rows.push(
      [
        `${size} MB`.padEnd(8),
        String(files.length).padStart(6),
        `${mbps(copy).toFixed(1)} MB/s`.padStart(12),
        `${mbps(archive).toFixed(1)} MB/s`.padStart(12),
        (mbps(archive) / mbps(copy)).toFixed(2).padStart(6),
        `${copy.peakRssMb.toFixed(0)} MB`.padStart(9),
        `${archive.peakRssMb.toFixed(0)} MB`.padStart(12),
        (archive.peakRssMb / copy.peakRssMb).toFixed(2).padStart(10),
      ].join('  '),
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nmedians of ${RUNS} runs each\nsize       files          copy       archive   ratio  copy peak  archive peak  peak ratio`);
for (const row of rows) console.log(row);
console.log('\ntargets: ratio ≥ 0.60; archive peak < 200 MB, within 1.2 times the copy\'s, and flat from the smallest size to the largest');
