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
export type Operation = 'lookup' | 'export';

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
}

export interface LookupResult {
  found: boolean;
  /** Identifiers this system knows the person by (e.g. `userId`), for the systems asked after it. */
  identifiers?: Record<string, string>;
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

export interface Connector {
  lookup(request: ConnectorRequest, context: ConnectorContext): Promise<LookupResult>;
  export(request: ConnectorRequest, context: ConnectorContext): Promise<ExportResult>;
}

/** What the workflow gets back from a connector step: small, whatever the export's size. */
export interface ConnectorOutcome {
  connector: string;
  operation: Operation;
  status: ExportStatus | 'failed';
  identifiers?: Record<string, string>;
  fileCount?: number;
  bytes?: number;
  note?: string;
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
