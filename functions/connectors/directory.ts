import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { ConnectorError, type DirectoryEntry } from './kit.js';
import { uploadHashed } from './staging.js';

/**
 * The affected people of a breach given as user ids: the communication's workflow stages
 * the ids, each system declared as a `directory` answers who they are into a file of its
 * own beside them, and the workflow reads the answers. Addresses never travel through the
 * workflow's state, only counts.
 */
export interface DirectoryEvent {
  operation: 'resolve';
  breachId: string;
  /** The communication's list (the asking execution's name). */
  list: string;
}

/** What the workflow gets back: how many of the ids the system knew. */
export interface DirectoryOutcome {
  connector: string;
  operation: 'resolve';
  found: number;
}

/** A user id as the list gives it, with the language its line asked for. */
export interface ListedUserId {
  userId: string;
  language?: string;
}

const PART = /^[A-Za-z0-9_-]{1,80}$/;
/** Ids a system is asked at once. */
export const RESOLVE_BATCH = 100;

/** Where breaches' lists wait: under staging/, which expires by itself. A directory may read the ids and write its own answer there, nothing else (infra/constructs/connector-staging.ts). */
export const DIRECTORY_ROOT = 'staging/breach-';

/** Where a list's user ids and the systems' answers wait. */
export function directoryPrefix(breachId: string, list: string): string {
  if (!PART.test(breachId) || !PART.test(list)) throw new ConnectorError('not a breach and list the directory knows');
  return `${DIRECTORY_ROOT}${breachId}/${list}/`;
}
export const USER_IDS_FILE = 'user-ids.json';
export const answerFile = (system: string) => `answer-${system}.json`;

/** A staged JSON file: the list's ids, or a directory's answer. */
export async function readStaged<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse(await object.Body!.transformToString('utf8')) as T;
}

export const isDirectoryEvent = (event: { operation?: string }): event is DirectoryEvent => event.operation === 'resolve';

/** Keeps one entry per id asked (the first), with an address and a language of plausible length (the workflow checks them again). */
function bounded(entries: unknown, asked: Set<string>): DirectoryEntry[] {
  if (!Array.isArray(entries)) throw new ConnectorError('a directory answers a list of { userId, email, language? }');
  return entries.flatMap((e: Partial<DirectoryEntry> | null) => {
    if (!(e && typeof e.userId === 'string' && asked.has(e.userId) && typeof e.email === 'string' && e.email.length <= 320)) return [];
    asked.delete(e.userId); // an id answered twice counts once
    return [{ userId: e.userId, email: e.email, ...(typeof e.language === 'string' && e.language.length <= 10 ? { language: e.language } : {}) }];
  });
}

/** Reads the list's user ids, asks `resolve` a hundred at a time, and stages the answers as this system's file (the same file again when the step is retried). */
export async function resolveUserIds(system: string, resolve: ((userIds: string[]) => Promise<DirectoryEntry[]>) | undefined, event: DirectoryEvent, s3: S3Client, bucket: string): Promise<DirectoryOutcome> {
  if (!resolve) throw new ConnectorError(`${system} cannot find people by user id (it is not declared as a directory)`);
  const prefix = directoryPrefix(event.breachId, event.list);
  const listed = await readStaged<ListedUserId[]>(s3, bucket, `${prefix}${USER_IDS_FILE}`);
  const found: DirectoryEntry[] = [];
  for (let i = 0; i < listed.length; i += RESOLVE_BATCH) {
    const asked = listed.slice(i, i + RESOLVE_BATCH).map((l) => l.userId);
    found.push(...bounded(await resolve(asked), new Set(asked)));
  }
  await uploadHashed(s3, bucket, `${prefix}${answerFile(system)}`, Readable.from([Buffer.from(JSON.stringify(found))]), 'application/json');
  return { connector: system, operation: 'resolve', found: found.length };
}
