/**
 * The connector kit: what a data system's connector implements, and the types of the
 * contract between the request workflow and it. A connector answers one operation for
 * one data system; `connectorHandler` (./handler-kit.ts) turns it into a Lambda.
 *
 * @example
 * const courses: Connector = {
 *   async lookup({ subject }) { return { found: await db.hasUser(subject.email) }; },
 *   async export({ subject }, { staging }) {
 *     const rows = await db.coursesOf(subject.email);
 *     return { status: 'done', files: [await staging.putJson('courses.json', rows), await staging.putCsv('courses.csv', rows)] };
 *   },
 * };
 */
export type Operation = 'lookup' | 'export' | ChangeOperation | 'verify';

/** Operations that change a system's data: the rights of Arts. 16, 17, 18 and 21, and the lifting of a restriction. */
export type ChangeOperation = 'erase' | 'rectify' | 'restrict' | 'lift';
export const CHANGE_OPERATIONS: readonly ChangeOperation[] = ['erase', 'rectify', 'restrict', 'lift'];

/** Operations a declaration may say its system cannot do, so that the DPO does them by hand. */
export type ManualOperation = 'erase' | 'rectify' | 'restrict';

/** Who the request is about: the confirmed address, and identifiers systems found for it. */
export interface Subject {
  email: string;
  userId?: string;
  [identifier: string]: string | undefined;
}

/** A file a connector wrote to the staging area: travels as this description, never as data. */
export interface StagedFile {
  key: string; // S3 key in the staging bucket
  name: string; // path inside the system's folder of the archive
  contentType: string;
  bytes: number;
  sha256: string;
}

export interface ConnectorRequest {
  requestId: string;
  operation: Operation;
  subject: Subject;
  staging: { bucket: string; prefix: string };
  /** rectify: the corrected values the DPO entered, by attribute (only this system's declared ones). */
  changes?: Record<string, string>;
  /** restrict and lift: the purposes the learner restricted or objected to, and under which right. */
  restriction?: { right: 'restriction' | 'objection'; purposes: string[] };
  /** When the operation runs, for retention periods and restriction flags (the workflow's clock). */
  at: string;
  /**
   * The same on every retry of one step, different when the DPO asks again: a system that
   * did the operation for this key answers as it did, without doing it twice.
   */
  idempotencyKey?: string;
}

/**
 * Data a system keeps despite an erasure, under a legal obligation (GDPR Art. 17(3)):
 * what, on which basis, and until when (YYYY-MM-DD, the latest of the data kept).
 */
export interface RetainedData {
  category: string;
  legalBasis: string;
  until?: string;
  /** How many records or files are kept. */
  count?: number;
}

export interface LookupResult {
  found: boolean;
  /** Identifiers this system knows the person by (e.g. `userId`), for the systems asked after it. */
  identifiers?: Record<string, string>;
  /** What an erasure would keep, for the DPO's erasure gate. */
  retained?: RetainedData[];
}

/** What an erasure did: records or files deleted or anonymised, and what a retention rule kept. */
export interface EraseResult {
  status: 'done' | 'not_found' | 'retained' | 'partial';
  erased: number;
  anonymised?: number;
  retained?: RetainedData[];
  note?: string;
}

/** What a rectification, a restriction or its lifting changed. */
export interface ChangeResult {
  status: 'done' | 'not_found' | 'partial';
  changed: number;
  note?: string;
}

/**
 * What is left of the person after an erasure: `remaining` counts what no retention rule
 * keeps (it should be 0); `retained` is what the rules keep.
 */
export interface VerifyResult {
  remaining: number;
  retained?: RetainedData[];
  note?: string;
}

export type ExportStatus = 'done' | 'not_found' | 'retained' | 'partial';

export interface ExportResult {
  status: ExportStatus;
  files: StagedFile[];
  /** Why the export is partial or retained, in words for the DPO. */
  note?: string;
}

/** Writes export files to the staging area, streaming, with their size and SHA-256. */
export interface Staging {
  putStream(name: string, body: NodeJS.ReadableStream, contentType: string): Promise<StagedFile>;
  putJson(name: string, value: unknown): Promise<StagedFile>;
  putCsv(name: string, rows: Array<Record<string, unknown>>): Promise<StagedFile>;
}

export interface ConnectorContext {
  staging: Staging;
}

/**
 * A data system's connector. `lookup` and `export` are required; a system without one of
 * the other operations cannot do it, and the DPO gets a to-do to do it by hand.
 */
export interface Connector {
  lookup(request: ConnectorRequest, context: ConnectorContext): Promise<LookupResult>;
  export(request: ConnectorRequest, context: ConnectorContext): Promise<ExportResult>;
  erase?(request: ConnectorRequest, context: ConnectorContext): Promise<EraseResult>;
  /** Asked again after an erasure: what is left. Without it, a `lookup` that still finds the person counts as data left. */
  verify?(request: ConnectorRequest, context: ConnectorContext): Promise<VerifyResult>;
  rectify?(request: ConnectorRequest, context: ConnectorContext): Promise<ChangeResult>;
  restrict?(request: ConnectorRequest, context: ConnectorContext): Promise<ChangeResult>;
  lift?(request: ConnectorRequest, context: ConnectorContext): Promise<ChangeResult>;
  /**
   * For a breach's communication (Art. 34): the address, and the language when the system
   * knows it, of each of these user ids (at most a hundred); ids it does not know are left
   * out. Only systems declared as a `directory` are asked.
   */
  resolve?(userIds: string[]): Promise<DirectoryEntry[]>;
}

/** A person a directory system knows by a user id: where to write to them. */
export interface DirectoryEntry {
  userId: string;
  email: string;
  language?: string;
}

/**
 * How one system's step ended, beyond the connector's own statuses: `manual` (the system
 * cannot do it: a to-do for the DPO), `not_applicable` (nothing of this kind there, e.g.
 * no declared attribute to rectify), `failed` (after retries), `skipped` (by the DPO).
 */
export type OutcomeStatus = ExportStatus | 'failed' | 'manual' | 'not_applicable';

/** What the workflow gets back from a connector step: small, whatever the export's size. */
export interface ConnectorOutcome {
  connector: string;
  operation: Operation;
  status: OutcomeStatus;
  identifiers?: Record<string, string>;
  fileCount?: number;
  bytes?: number;
  /** erase: records or files deleted, anonymised; rectify/restrict/lift: records changed. */
  erased?: number;
  anonymised?: number;
  changed?: number;
  /** verify: what no retention rule keeps. */
  remaining?: number;
  retained?: RetainedData[];
  note?: string;
  /** The system said more than the workflow keeps: a text was cut (it ends with ` […]`) or entries were left out. */
  clipped?: true;
  error?: string;
}

/** A failure worth retrying (a timeout, a 5xx, a dropped connection): the workflow retries it with back-off. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** A failure retrying will not fix (refused, malformed answer, too large): goes to the DPO. */
export class ConnectorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectorError';
  }
}

/** Most files one export answer lists: each is a step of staging, and a step has minutes, not hours. */
export const MAX_ANSWER_FILES = 1000;

/** Longest file name (UTF-8 bytes, folders included) a system may give: S3 keys stop at 1,024. */
export const MAX_FILE_NAME_BYTES = 500;

/** The index file listing a system's staged files, beside them in the staging area. */
export const FILE_LIST = '_files.json';

/** Where an external system's export answer waits between its arrival and its collection. */
export const ANSWER_FILE = '_answer.json';

/** Fills `{field}` placeholders of a template from the subject; undefined when one is unknown. */
export function fillTemplate(template: string, subject: Subject): string | undefined {
  let missing = false;
  const filled = template.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, field: string) => {
    const value = subject[field];
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : filled;
}
