import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { HttpConnector } from '../declarations.js';
import type * as z from 'zod/mini';
import { ConnectorError, TransientError, type ConnectorRequest, type DirectoryEntry, type ExportResult, type LookupResult, type StagedFile, type Staging, type VerifyResult } from '../kit.js';
import { lookupAnswer, readAnswer, resolveAnswer, verifyAnswer, type ExportAnswer } from './answers.js';
import { signedHeaders } from '../signing.js';

const DEFAULT_TIMEOUT_SECONDS = 20;
const DEFAULT_MAX_BYTES = 1024 ** 3;
/** Largest JSON answer read into memory; larger files must come as URLs. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024;

/**
 * The built-in HTTP connector: signed calls to an external system. Lookups and
 * verifications are answered at once; an export or a change (erase, rectify, restrict,
 * lift) at once (200) or accepted (202) and answered later through the callback.
 */
export class HttpSystem {
  constructor(
    readonly declaration: HttpConnector,
    private readonly secret: () => Promise<string>,
  ) {}

  private get maxBytes() {
    return this.declaration.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** POSTs a signed JSON body; transient failures (timeouts, 5xx, 429) are TransientError. */
  async call(body: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
    const text = JSON.stringify(body);
    let res: Response;
    try {
      res = await fetch(this.declaration.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(await this.secret(), text) },
        body: text,
        redirect: 'error',
        signal: AbortSignal.timeout((this.declaration.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000),
      });
    } catch (cause) {
      throw new TransientError(`${this.declaration.name} could not be reached`, { cause });
    }
    if (res.status >= 500 || res.status === 429) throw new TransientError(`${this.declaration.name} answered ${res.status}`);
    if (res.status >= 400) throw new ConnectorError(`${this.declaration.name} refused the call (${res.status})`);
    const raw = await readBounded(res, MAX_ANSWER_BYTES, this.declaration.name);
    try {
      return { status: res.status, json: raw.length ? JSON.parse(raw) : {} };
    } catch (cause) {
      throw new ConnectorError(`${this.declaration.name} answered with invalid JSON`, { cause });
    }
  }

  /** The body of a call about `request`: who, and what a rectification or restriction needs. */
  body(request: ConnectorRequest, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const { requestId, operation, subject, changes, restriction, at, idempotencyKey } = request;
    return { requestId, operation, subject, at, ...(idempotencyKey ? { idempotencyKey } : {}), ...(changes ? { changes } : {}), ...(restriction ? { restriction } : {}), ...extra };
  }

  /** The answer, as `schema` reads it; a ConnectorError names what is wrong. */
  answer<S extends z.ZodMiniType>(schema: S, json: unknown, operation: string): z.output<S> {
    return readAnswer(this.declaration.name, operation, schema, json);
  }

  async lookup(request: ConnectorRequest): Promise<LookupResult> {
    const { json } = await this.call(this.body(request));
    return this.answer(lookupAnswer, json, 'lookup');
  }

  /** Asked after an erasure: what is left of the person, and what the system keeps by law. */
  async verify(request: ConnectorRequest): Promise<VerifyResult> {
    const { json } = await this.call(this.body(request));
    return this.answer(verifyAnswer, json, 'verify');
  }

  /** A directory's answer (`operation: "resolve"`): who these user ids are, as `{ people: [{ userId, email, language? }] }`. */
  async resolve(userIds: string[]): Promise<DirectoryEntry[]> {
    const { json } = await this.call({ operation: 'resolve', userIds });
    return this.answer(resolveAnswer, json, 'resolve').people as DirectoryEntry[]; // each entry checked and bounded by the directory
  }

  /** Writes the files of an answer to staging: inline content decoded, addresses fetched, sizes bounded. */
  async stage(answer: ExportAnswer, staging: Staging): Promise<ExportResult> {
    const files: StagedFile[] = [];
    let total = 0;
    const budget = () => this.maxBytes - total;
    for (const file of answer.files ?? []) {
      const contentType = file.contentType ?? 'application/octet-stream';
      let body: Readable;
      if (file.content !== undefined) {
        body = Readable.from([Buffer.from(file.content, 'base64')]);
      } else {
        body = await this.fetchFile(file.url!);
      }
      const staged = await staging.putStream(file.name, body.pipe(limit(budget(), this.declaration.name)), contentType);
      total += staged.bytes;
      files.push(staged);
    }
    return { status: answer.status, files, ...(answer.note ? { note: answer.note } : {}) };
  }

  /** Fetches a file the system points at: https, or the system's own origin. */
  private async fetchFile(url: string): Promise<Readable> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.origin !== new URL(this.declaration.url).origin) {
      throw new ConnectorError(`${this.declaration.name} pointed at a file outside https or its own origin`);
    }
    let res: Response;
    try {
      res = await fetch(target, { redirect: 'error', signal: AbortSignal.timeout(600_000) });
    } catch (cause) {
      throw new TransientError(`${this.declaration.name}'s file could not be fetched`, { cause });
    }
    if (res.status >= 500) throw new TransientError(`${this.declaration.name}'s file answered ${res.status}`);
    if (!res.ok || !res.body) throw new ConnectorError(`${this.declaration.name}'s file answered ${res.status}`);
    return Readable.fromWeb(res.body as unknown as WebReadableStream);
  }
}

/** Fails a stream that goes past `max` bytes. */
function limit(max: number, system: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _e, next) {
      seen += chunk.length;
      next(seen > max ? new ConnectorError(`${system}'s export is larger than its limit`) : null, chunk);
    },
  });
}

async function readBounded(res: Response, max: number, system: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max) throw new ConnectorError(`${system}'s answer is too large`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > max) throw new ConnectorError(`${system}'s answer is too large`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}
