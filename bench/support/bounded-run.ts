import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDynamoDb, startS3, startSes, type Running } from '../../infra/local/emulators.js';
import type { Twin } from '../../infra/local/twin.js';

/** An email as the SES server's store (`GET /store`) keeps it. */
export interface StoredEmail {
  destination?: { to?: string[] };
  subject?: string;
  body?: { text?: string };
  at: number;
}

/** The SES server's store, every email or those sent since `sinceSeconds` (epoch seconds). */
export async function storeOf(ses: string, sinceSeconds?: number): Promise<StoredEmail[]> {
  const res = await fetch(`${ses}/store${sinceSeconds === undefined ? '' : `?since=${Math.floor(sinceSeconds)}`}`);
  if (!res.ok) throw new Error(`GET ${ses}/store answered ${res.status}`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

/** What a benchmark runs on: the local servers, in a folder of its own, and the twin it assembles on them. */
export interface BenchServers {
  endpoints: { dynamodb: string; s3: string; ses: string };
  /** Set once assembled, so that it is closed with the servers. */
  twin?: Twin;
  /** What the benchmark is doing, named if it fails or passes its time limit. */
  phase: string;
}

/**
 * Runs a benchmark on fresh local servers (DynamoDB Local, an S3 server, an SES server),
 * stops it with a clear message if it passes `limitMs`, closes the twin and the servers
 * whatever happens, and ends the process (handlers of stopped executions may linger).
 */
export async function runBounded(name: string, limitMs: number, main: (servers: BenchServers) => Promise<void>): Promise<never> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), `dsr-${name}-`));
  const running: Running[] = [];
  const servers = { phase: 'starting the local servers' } as BenchServers;
  let code = 0;
  let limit: NodeJS.Timeout | undefined;
  try {
    const [dynamodb, s3, ses] = await Promise.all([startDynamoDb(), startS3(join(dir, 's3')), freePort().then((port) => startSes(port))]);
    running.push(dynamodb, s3, ses);
    servers.endpoints = { dynamodb: dynamodb.endpoint, s3: s3.endpoint, ses: ses.endpoint };
    await Promise.race([
      main(servers),
      new Promise<never>((_, reject) => {
        limit = setTimeout(() => reject(new Error(`the benchmark passed ${limitMs / 60_000} minutes, during ${servers.phase}; stopped`)), limitMs);
      }),
    ]);
  } catch (error) {
    code = 1;
    console.error(`\n${name} failed during ${servers.phase}: ${(error as Error).stack ?? error}`);
  } finally {
    clearTimeout(limit);
    // Never wait forever on a server that will not close.
    const hard = setTimeout(() => {
      console.error('stopping the servers took over 30 s; exiting');
      process.exit(1);
    }, 30_000);
    await servers.twin?.close().catch((error: Error) => console.error(`closing the twin: ${error.message}`));
    for (const server of running.reverse()) await server.stop().catch((error: Error) => console.error(`stopping ${server.endpoint}: ${error.message}`));
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(hard);
    console.log(`whole run: ${((Date.now() - started) / 1000).toFixed(1)} s${code ? ' (failed)' : ''}`);
  }
  process.exit(code);
}
