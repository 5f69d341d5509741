import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startDynamoDb, startS3, startSes } from '../../infra/local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: { dynamodb: string; s3: string; ses: string };
  }
}

/** vitest globalSetup: the real local servers every integration and workflow test talks to. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-test-s3-'));
  const [dynamodb, s3, ses] = await Promise.all([startDynamoDb(), startS3(dir), freePort().then((port) => startSes(port))]);
  project.provide('endpoints', { dynamodb: dynamodb.endpoint, s3: s3.endpoint, ses: ses.endpoint });
  return async () => {
    await Promise.all([dynamodb.stop(), s3.stop(), ses.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}
