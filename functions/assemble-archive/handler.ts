import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Art15Declaration } from '../connectors/art15.js';
import { FILE_LIST, type StagedFile } from '../connectors/kit.js';
import { stagingPrefix } from '../connectors/handler-kit.js';
import { s3Client } from '../shared/clients/s3.js';
import { deps, type Deps } from '../shared/context.js';
import { archiveKey, deleteStagingArea } from '../shared/request-files.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { leftOutReason, type ArchiveRecord, type DsrRequest } from '../shared/store/requests.js';
import { requestFor } from '../shared/tasks.js';
import { learnerTitle, systemDeclarations } from '../shared/declarations.js';
import { logged } from '../shared/logger.js';
import { buildArchive, type ArchiveSection } from './archive.js';
import { archivePages } from './pages.js';
import { holding } from './section-status.js';
import { readStaged } from './staged-file.js';

export interface AssembleInput extends StepInput {
  requestId: string;
}

/**
 * Workflow step: builds the learner's archive from every system's staged export and what
 * each system declared (Art. 15), streamed into S3, records it on the request, then
 * deletes the staging area. A retry of a step that built and recorded the archive finds it
 * there (its staged files may be gone already).
 */
export async function assembleArchive(input: AssembleInput, d: Deps, s3 = s3Client(), declarations = systemDeclarations()): Promise<{ bytes: number; fileCount: number }> {
  const request = await requestFor(d, input.requestId);
  const archive = request.archive ?? (await build(request, d, s3, declarations));
  await d.audit.append({ requestId: request.requestId, at: archive.createdAt, actor: 'system', event: 'archive_built', step: stepKey(input), detail: { bytes: archive.bytes, files: archive.fileCount, sha256: archive.sha256 } });
  await deleteStagingArea(s3, d.config.archiveBucket, request.requestId);
  return { bytes: archive.bytes, fileCount: archive.fileCount };
}

/** Streams every system's staged export into the archive in S3, and records it on the request. */
async function build(request: DsrRequest, d: Deps, s3: S3Client, declarations: Record<string, Art15Declaration>): Promise<ArchiveRecord> {
  const bucket = d.config.archiveBucket;
  const sections: ArchiveSection[] = [];
  for (const system of d.config.systems) {
    const record = request.systems?.[system.name];
    if (!record?.export) continue;
    let files: StagedFile[] = [];
    if (holding({ status: record.export }) === 'data') {
      const list = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${stagingPrefix(request.requestId, system.name)}${FILE_LIST}` }));
      files = JSON.parse(await list.Body!.transformToString()) as StagedFile[];
    }
    sections.push({ system: system.name, title: learnerTitle(system, request.locale, declarations), status: record.export, note: record.note, skippedReason: leftOutReason(request, system.name, 'export'), files });
  }

  const now = d.now();
  const key = archiveKey(request.requestId);
  const built = await buildArchive({
    s3,
    bucket,
    key,
    sections,
    describe: { requestId: request.requestId, right: request.type, receivedAt: request.receivedAt },
    now,
    pages: archivePages({
      sections,
      declarations,
      right: request.type,
      receivedAt: request.receivedAt,
      createdAt: now.toISOString(),
      locale: request.locale,
      timeZone: d.config.calendar.timeZone,
      formUrl: `${d.config.publicBaseUrl}/?lang=${request.locale}`,
      open: (file) => readStaged(s3, bucket, file),
    }),
  });
  const archive = { key, bytes: built.bytes, fileCount: built.manifest.systems.reduce((n, s) => n + s.files.length, 0), sha256: built.sha256, createdAt: now.toISOString() };
  await d.requests.save(request.requestId, { archive });
  return archive;
}

export const handler = logged((input: AssembleInput) => assembleArchive(input, deps()));
