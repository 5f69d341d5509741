/**
 * `npm start`: the local twin. Starts DynamoDB Local, an S3 server and an SES server with a
 * mailbox, then the product itself on top of them, and stops everything on Ctrl-C.
 *
 *   PORT            the app (default 3000)
 *   MAIL_PORT       the mailbox and SES endpoint (default 8005)
 *   DSR_CLOCK_START the simulated time the twin starts at (ISO 8601; default: now)
 *   DSR_TIME_SCALE  simulated seconds per real second (default 1)
 *   DSR_TWIN_DIR    where the twin keeps its files (default .twin, emptied at each start)
 *   DSR_ADMIN_TOKEN the admin API's bearer token (default: a random one, printed and kept
 *                   in <DSR_TWIN_DIR>/admin-token, where `npx dsr` finds it)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../paths.js';
import { readSettingsFile, SettingsError } from '../settings.js';
import { simulatedClockFromEnv } from '../../functions/shared/clock.js';
import { clockBanner, simulatedClockEnv } from './simulated-time.js';
import { redact } from '../../functions/shared/logger.js';
import { startDynamoDb, startS3, startSes, type Running } from './emulators.js';
import { assembleTwin, type Twin } from './twin.js';
import { randomBytes } from 'node:crypto';
import { DemoVideoPlatform } from './demo/video-platform.js';
import { DEMO_VIDEO_SECRET_NAME, demoConnectors, seedDemoPlatform } from './demo/systems.js';
import { DEMO_LEARNERS } from './demo/lms-data.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const mailPort = Number(process.env.MAIL_PORT ?? 8005);
const dataDir = process.env.DSR_TWIN_DIR ?? join(ROOT, '.twin');

const running: Running[] = [];
let twin: Twin | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await twin?.close().catch(() => undefined);
    for (const server of running.reverse()) await server.stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// Should anything escape every handler, the twin says what and stops its servers rather than leave them running.
const crash = (error: unknown) => {
  console.error(`The twin stopped on an unexpected error: ${redact('', (error as Error)?.stack ?? String(error))}`);
  void stop(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

async function main(): Promise<void> {
  const settings = readSettingsFile(join(ROOT, 'cdk.json'), { 'dsr:publicBaseUrl': process.env.PUBLIC_BASE_URL ?? '' });
  simulatedClockFromEnv({ ...process.env, ...simulatedClockEnv(process.env, new Date()) }); // fails here, clearly, on a bad value
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const [dynamodb, s3, ses] = await Promise.all([startDynamoDb(), startS3(join(dataDir, 's3')), startSes(mailPort, host)]);
  running.push(dynamodb, s3, ses);

  // Without systems of its own in cdk.json, the twin runs the demo platform's.
  const secrets: Record<string, string> = {};
  const demo = settings.connectors.length === 0;
  if (demo) {
    secrets[DEMO_VIDEO_SECRET_NAME] = randomBytes(32).toString('hex');
    const video = new DemoVideoPlatform(secrets[DEMO_VIDEO_SECRET_NAME]);
    await video.listen();
    running.push({ endpoint: video.url, stop: () => video.close() });
    await seedDemoPlatform({ dynamodb: dynamodb.endpoint, s3: s3.endpoint });
    settings.connectors = demoConnectors(video.url);
  }
  // The simulated clock starts now that the servers are up, not while they started: at DSR_CLOCK_START, or at the
  // present moment when only DSR_TIME_SCALE is given.
  Object.assign(process.env, simulatedClockEnv(process.env, new Date()));
  twin = await assembleTwin({ settings, secrets, endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, ses: ses.endpoint }, prefix: 'dsr', port, host, schedules: true, adminToken: process.env.DSR_ADMIN_TOKEN || undefined });
  writeFileSync(join(dataDir, 'admin-token'), twin.adminToken, { mode: 0o600 });
  twin.stepFunctions.onState = (execution, state) => console.log(`[workflow] ${execution.name.slice(0, 8)} ${state}`);
  twin.stepFunctions.onStateFailed = (execution, state, error) => console.log(`[workflow] ${execution.name.slice(0, 8)} ${state} failed: ${redact('', error)}`);

  const clock = clockBanner(process.env);
  console.log(`
dsr-workflow local twin is running

  request form   ${twin.baseUrl}/
  mailbox        http://${host}:${mailPort}/      (as JSON: http://${host}:${mailPort}/store)
  DPO address    ${settings.dpoEmail}
  clock          ${clock}
  data           ${relative(process.cwd(), dataDir) || '.'}/ (emptied at each start)
  admin API      ${twin.baseUrl}/admin/requests   (npx dsr requests list)
  admin token    ${process.env.DSR_ADMIN_TOKEN ? 'from DSR_ADMIN_TOKEN' : `${twin.adminToken}   (also in ${relative(process.cwd(), join(dataDir, 'admin-token'))})`}
  data systems   ${settings.connectors.map((c) => c.name).join(', ')}${demo ? `
  demo learners  ${DEMO_LEARNERS.map((l) => l.email).join(', ')}` : ''}

Ctrl-C stops everything.
`);
}

main().catch(async (error) => {
  console.error(error instanceof SettingsError ? error.message : `The twin could not start: ${(error as Error).message}`);
  await stop(1);
});
