import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runOperation } from '../../functions/connectors/handler-kit.js';
import type { Connector, ConnectorRequest } from '../../functions/connectors/kit.js';
import { S3Staging } from '../../functions/connectors/staging.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/emulators.js';

/**
 * What a system's export stages, on the local S3 server: names that clean alike or differ
 * in case only are kept apart, and the archive's list holds what was staged, whatever the
 * connector says it staged.
 */
const s3 = new S3Client({ endpoint: inject('endpoints').s3, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const bucket = 'staging-names';
beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

const request: ConnectorRequest = { requestId: 'r-names', operation: 'export', subject: { email: 'ada@example.org' }, staging: { bucket, prefix: 'staging/r-names/forum/' }, at: '2026-11-25T10:00:00Z' };
const text = (t: string) => Readable.from([Buffer.from(t)]);
const read = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();

describe('a system\'s staged export', () => {
  it('keeps files whose names clean alike or differ in case apart, and lists only what it staged', async () => {
    // Prepare: a connector that stages three files whose names collide, and claims a fourth it never staged.
    const forum: Connector = {
      lookup: async () => ({ found: true }),
      async export(_r, { staging }) {
        const files = [await staging.putStream('a?b.txt', text('one'), 'text/plain'), await staging.putStream('a*b.txt', text('two'), 'text/plain'), await staging.putStream('A_B.txt', text('three'), 'text/plain')];
        return { status: 'done', files: [...files, { key: 'staging/someone-else/forum/secret.pdf', name: 'secret.pdf', contentType: 'application/pdf', bytes: 1, sha256: '' }] };
      },
    };
    const staging = new S3Staging(s3, bucket, request.staging.prefix);

    // Act
    const outcome = await runOperation('forum', forum, request, { staging });

    // Assess
    const listed = JSON.parse(await read(`${request.staging.prefix}_files.json`)) as Array<{ key: string; name: string }>;
    expect(listed.map((f) => f.name)).toEqual(['a_b.txt', 'a_b (2).txt', 'A_B (3).txt']);
    expect(await Promise.all(listed.map((f) => read(f.key)))).toEqual(['one', 'two', 'three']);
    expect(outcome).toMatchObject({ status: 'done', fileCount: 3 });
  });

  it('keeps a file whose content type no S3 header can carry, under the neutral type', async () => {
    const staging = new S3Staging(s3, bucket, 'staging/r-types/forum/');
    for (const type of ['text/plain\r\nX-Injected: 1', 'texte/entrée', `text/${'x'.repeat(300)}`]) {
      const file = await staging.putStream('note.txt', text('kept'), type);
      expect(file.contentType).toBe('application/octet-stream');
      expect(await read(file.key)).toBe('kept');
    }
    expect((await staging.putStream('plain.csv', text('a,b'), 'text/csv; charset=utf-8')).contentType).toBe('text/csv; charset=utf-8');
  });
});
