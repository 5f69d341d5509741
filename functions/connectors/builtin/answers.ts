/**
 * What an external (HTTP) system may answer, at once or through the callback, as zod
 * schemas: each checks the wire format and gives the connector kit's type (kit.ts), so a
 * connector reads an answer the way it reads its own code's results. Texts are bounded
 * later, for every kind of connector alike (outcome.ts); here the shape, the statuses and
 * what would make staging unsafe (file names, number of files) are checked.
 */
import * as z from 'zod/mini';
import { bytesAtMost, parsed } from '../../shared/schema.js';
import { ConnectorError, MAX_ANSWER_FILES, MAX_FILE_NAME_BYTES, type ChangeOperation, type ChangeResult, type EraseResult, type LookupResult, type RetainedData, type VerifyResult } from '../kit.js';

const whole = z.int('must be a whole number, 0 or more').check(z.minimum(0, 'must be a whole number, 0 or more'));
/** A count the answer may leave out: 0. */
const count = z._default(whole, 0);
const text = z.string('must be text');
const oneOf = <const S extends readonly [string, ...string[]]>(statuses: S) => z.enum(statuses, `must be one of ${statuses.join(', ')}`);

const retainedData: z.ZodMiniType<RetainedData> = z.object({
  category: text,
  legalBasis: text,
  until: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD'))),
  count: z.optional(whole),
});
const retained = z.optional(z.array(retainedData));

/** A file of an export answer: inline (base64) or at an address the connector fetches. */
const answeredFile = z
  .object({
    name: z.string('must be text').check(z.minLength(1, 'is empty'), bytesAtMost(MAX_FILE_NAME_BYTES)),
    contentType: z.optional(text),
    // As Buffer decodes it: padded or not, wrapped in lines (MIME), or base64url.
    content: z.optional(z.string('must be text').check(z.regex(/^[A-Za-z0-9+/_=\s-]*$/, 'must be base64'))),
    url: z.optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) address' })),
  })
  .check(z.refine((f) => (f.content === undefined) !== (f.url === undefined), 'needs content (base64) or url, one of them'));
const EXPORT_STATUSES = ['done', 'not_found', 'retained', 'partial'] as const;
const exportAnswer = z.object({
  status: oneOf(EXPORT_STATUSES),
  files: z.optional(z.array(answeredFile).check(z.maxLength(MAX_ANSWER_FILES, `lists more than ${MAX_ANSWER_FILES} files; send fewer, larger ones`))),
  note: z.optional(text),
});
/** What an external system answers to an export. */
export type ExportAnswer = z.output<typeof exportAnswer>;

const eraseAnswer: z.ZodMiniType<EraseResult> = z.object({ status: oneOf(EXPORT_STATUSES), erased: count, anonymised: z.optional(whole), retained, note: z.optional(text) });
const changeAnswer: z.ZodMiniType<ChangeResult> = z.object({ status: oneOf(['done', 'not_found', 'partial']), changed: count, note: z.optional(text) });

/** Operations an external system may answer later, through the callback. */
export type AsyncOperation = 'export' | ChangeOperation;

/** The answer each operation expects. */
export const answerTo = { export: exportAnswer, erase: eraseAnswer, rectify: changeAnswer, restrict: changeAnswer, lift: changeAnswer } as const satisfies Record<AsyncOperation, z.ZodMiniType>;
export const ASYNC_OPERATIONS = Object.keys(answerTo) as AsyncOperation[];

export const lookupAnswer: z.ZodMiniType<LookupResult> = z.object({
  found: z.boolean('must be true or false'),
  // Identifiers are bounded with the outcome (outcome.ts `boundIdentifiers`), which drops those it cannot use.
  identifiers: z.optional(z.record(z.string(), z.pipe(z.union([z.string(), z.number()], 'must be text or a number'), z.transform(String)))),
  retained,
});
export const verifyAnswer: z.ZodMiniType<VerifyResult> = z.object({ remaining: whole, retained, note: z.optional(text) });
/** A directory's answer: its entries are checked one by one, and the unusable ones dropped (directory.ts). */
export const resolveAnswer = z.object({ people: z.array(z.unknown(), 'must be a list of { userId, email, language? }') });

/** A system's answer to `operation` as `schema` reads it; a ConnectorError names the system, the operation and what is wrong. */
export const readAnswer = <S extends z.ZodMiniType>(system: string, operation: string, schema: S, answer: unknown): z.output<S> =>
  parsed(schema, answer, (problem) => new ConnectorError(`${system} answered ${operation}: ${problem}`));
