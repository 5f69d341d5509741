import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { S3Connector } from '../declarations.js';
import { fillTemplate, type Connector, type ConnectorRequest, type StagedFile } from '../kit.js';

/** The person's objects under a prefix (e.g. `submissions/{userId}/`), copied to staging as streams. */
export function s3Connector(declaration: S3Connector, s3: S3Client): Connector {
  const prefixOf = (request: ConnectorRequest) => fillTemplate(declaration.prefix, request.subject);

  async function* keys(prefix: string, firstPageOnly = false) {
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: declaration.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) if (object.Key && !object.Key.endsWith('/')) yield object.Key;
      if (firstPageOnly) return;
    }
  }

  return {
    async lookup(request) {
      const prefix = prefixOf(request);
      if (!prefix) return { found: false };
      for await (const _key of keys(prefix, true)) return { found: true };
      return { found: false };
    },
    async export(request, { staging }) {
      const prefix = prefixOf(request);
      if (!prefix) return { status: 'not_found', files: [] };
      const files: StagedFile[] = [];
      for await (const key of keys(prefix)) {
        const object = await s3.send(new GetObjectCommand({ Bucket: declaration.bucket, Key: key }));
        files.push(await staging.putStream(key.slice(prefix.length), object.Body as NodeJS.ReadableStream, object.ContentType ?? 'application/octet-stream'));
      }
      return { status: files.length ? 'done' : 'not_found', files };
    },
  };
}
