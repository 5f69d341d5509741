/**
 * bench/cold-start: how long each function's bundle takes to load in a fresh Node process,
 * as a ratio of what every function loaded before it bundled its own clients: the five AWS
 * clients of `awsClients()` (DynamoDB's document client, SES, Step Functions, S3, Secrets
 * Manager), with the SDK taken from node_modules as it was from the runtime's.
 *
 *   npm run bench:cold-start           # 7 loads of each bundle
 *   npm run bench:cold-start -- 15     # more
 *
 * Builds, offline, every function's bundle as the stack does (infra/bundling.ts: esbuild,
 * ESM, minified, names kept, the pinned SDK inside), the built-in
 * connector of each kind, and two references: the five clients imported the way the
 * functions did (the SDK left external, read from node_modules: the baseline), and the same
 * five bundled. Then loads each in a fresh `node` (as the functions run
 * on Lambda), timing the `import()` of the bundle inside that process, round after round so
 * that the machine's noise spreads over all of them; prints the median, its ratio to the
 * baseline's, and each bundle's size. Nothing is invoked: this is the load, not a first call.
 * Speed is reported, never asserted.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ALIASES, BUNDLING, bundledDefine } from '../infra/bundling.js';
import { FUNCTIONS } from '../infra/functions.js';
import { ROOT } from '../infra/paths.js';
import { holidayDates, readSettingsFile } from '../infra/settings.js';

const RUNS = Number(process.argv[2] ?? 7);
const run = promisify(execFile);

/** The clients every function used to import, as functions/shared/aws.ts made them. */
const ALL_CLIENTS = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
let clients;
export function awsClients() {
  clients ??= {
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
    ses: new SESv2Client({}),
    sfn: new SFNClient({}),
    s3: new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
    s3Uploads: new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true', requestChecksumCalculation: 'WHEN_REQUIRED' }),
    secrets: new SecretsManagerClient({}),
  };
  return clients;
}
`;

const BASELINE = 'all five clients, SDK from node_modules';
const ALL_BUNDLED = 'all five clients, SDK bundled';

const dir = mkdtempSync(join(tmpdir(), 'dsr-cold-start-'));
// The baseline reads the SDK from node_modules, as a function read the runtime's.
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');

/** Timed inside the fresh process: from before the import to its end (load, link, evaluate). */
const LOADER = 'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

async function loadMs(file: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', LOADER, file], {
    cwd: dir,
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-3', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return Number(stdout);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  const started = Date.now();
  const common = { bundle: true, platform: 'node', format: 'esm', ...BUNDLING, alias: ALIASES, banner: { js: BUNDLING.banner }, outExtension: { '.js': '.mjs' }, outdir: dir, logLevel: 'error' } as const;
  const functions: Record<string, string> = Object.fromEntries(Object.entries(FUNCTIONS).map(([name, spec]) => [name, join(ROOT, spec.entry)]));
  for (const kind of ['dynamodb', 's3', 'http', 'invoked']) functions[`Connector (${kind})`] = join(ROOT, 'functions/connectors/entries', `${kind}.ts`);
  const files = Object.fromEntries(Object.keys(functions).map((name, i) => [name, join(dir, `f${i}.mjs`)]));
  await build({ ...common, entryPoints: Object.keys(functions).map((name, i) => ({ in: functions[name], out: `f${i}` })), define: bundledDefine({ DSR_HOLIDAY_DATES: holidayDates(readSettingsFile(join(ROOT, 'cdk.json'))) }) });
  await build({ ...common, stdin: { contents: ALL_CLIENTS, resolveDir: ROOT, loader: 'js' }, outfile: join(dir, 'baseline.mjs'), outdir: undefined, external: ['@aws-sdk/*', '@smithy/*'] });
  await build({ ...common, stdin: { contents: ALL_CLIENTS, resolveDir: ROOT, loader: 'js' }, outfile: join(dir, 'all-bundled.mjs'), outdir: undefined });
  const bundles: Record<string, string> = { [BASELINE]: join(dir, 'baseline.mjs'), [ALL_BUNDLED]: join(dir, 'all-bundled.mjs'), ...files };
  console.log(`built ${Object.keys(bundles).length} bundles in ${((Date.now() - started) / 1000).toFixed(1)} s; loading each ${RUNS} times, ${process.version}`);

  const times: Record<string, number[]> = Object.fromEntries(Object.keys(bundles).map((name) => [name, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const [name, file] of Object.entries(bundles)) times[name].push(await loadMs(file));
    if (process.stdout.isTTY) process.stdout.write(`  round ${round + 1}/${RUNS}\r`);
  }

  const baseline = median(times[BASELINE]);
  const width = Math.max(...Object.keys(bundles).map((name) => name.length));
  console.log(`\n${'bundle'.padEnd(width)}     size   zipped   load (median)   ratio to the baseline`);
  for (const [name, file] of Object.entries(bundles)) {
    const ms = median(times[name]);
    const zipped = deflateRawSync(readFileSync(file), { level: 9 }).length; // as the deployment package holds it
    console.log(`${name.padEnd(width)}  ${`${(statSync(file).size / 1024).toFixed(0)} KB`.padStart(7)}  ${`${(zipped / 1024).toFixed(0)} KB`.padStart(7)}  ${`${ms.toFixed(1)} ms`.padStart(13)}   ${(ms / baseline).toFixed(2)}`);
  }
  console.log(`\nbaseline: the five clients every function imported, the SDK read from node_modules (${baseline.toFixed(1)} ms); sizes are the bundles' .mjs, unzipped`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
