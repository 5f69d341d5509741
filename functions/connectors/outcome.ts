import { clip, jsonBytes, UNREADABLE } from '../shared/bounds.js';
import type { ChangeResult, ConnectorOutcome, EraseResult, ExportResult, LookupResult, RetainedData, VerifyResult } from './kit.js';

/**
 * Bounds on what a system says, before it enters the workflow's state (256 KB) or the
 * request's item (400 KB), counted in UTF-8 bytes as both limits are: each text clipped,
 * each list cut, and a whole outcome under MAX_OUTCOME_BYTES, so that the outcomes of
 * fifty systems and the lists of systems stay far under the state's limit.
 */
export const MAX_NOTE_BYTES = 500;
const MAX_CATEGORY_BYTES = 200;
const MAX_LEGAL_BASIS_BYTES = 300;
const MAX_RETAINED = 10;
const MAX_IDENTIFIERS = 5;
const MAX_IDENTIFIER_BYTES = 200;
export const MAX_OUTCOME_BYTES = 2048;

const STATUSES = ['done', 'not_found', 'retained', 'partial'] as const;
const CHANGE_STATUSES = ['done', 'not_found', 'partial'] as const;

const count = (n: unknown) => (Number.isSafeInteger(n) && (n as number) >= 0 ? (n as number) : 0);
const longer = (text: unknown, maxBytes: number) => typeof text === 'string' && Buffer.byteLength(text) > maxBytes;
/** A status the workflow knows, or `partial`: an answer it cannot read is not a success. */
const known = <S extends string>(statuses: readonly S[], status: unknown): S => (statuses.includes(status as S) ? (status as S) : ('partial' as S));

/** A system's word about what it keeps: at most ten entries, their texts clipped. */
export function boundRetained(list: unknown): RetainedData[] | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  return list.slice(0, MAX_RETAINED).map((r: any) => ({
    category: clip(r?.category, MAX_CATEGORY_BYTES) ?? '?',
    legalBasis: clip(r?.legalBasis, MAX_LEGAL_BASIS_BYTES) ?? '?',
    ...(typeof r?.until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.until) ? { until: r.until } : {}),
    ...(r?.count !== undefined ? { count: count(r.count) } : {}),
  }));
}

/** Identifiers a system gives the person (e.g. `userId`): a few, with plain names and short readable values; others are dropped, never cut (a cut id names someone else). */
export function boundIdentifiers(identifiers: unknown): Record<string, string> | undefined {
  if (!identifiers || typeof identifiers !== 'object') return undefined;
  const kept = Object.entries(identifiers)
    .filter(([name, value]) => /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name) && name !== 'email' && (typeof value === 'string' || typeof value === 'number'))
    .map(([name, value]) => [name, String(value)])
    .filter(([, value]) => value && !longer(value, MAX_IDENTIFIER_BYTES) && !UNREADABLE.test(value))
    .slice(0, MAX_IDENTIFIERS);
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/** The note and the retention entries of an answer, bounded; `clipped` when anything of them was cut. */
function texts(answer: { note?: unknown; retained?: unknown }): Pick<ConnectorOutcome, 'note' | 'retained' | 'clipped'> {
  const note = clip(answer.note, MAX_NOTE_BYTES);
  const retained = boundRetained(answer.retained);
  const given = Array.isArray(answer.retained) ? answer.retained : [];
  const cut = longer(answer.note, MAX_NOTE_BYTES) || given.length > MAX_RETAINED || given.slice(0, MAX_RETAINED).some((r) => longer(r?.category, MAX_CATEGORY_BYTES) || longer(r?.legalBasis, MAX_LEGAL_BASIS_BYTES));
  return { ...(note ? { note } : {}), ...(retained ? { retained } : {}), ...(cut ? { clipped: true } : {}) };
}

/** Keeps an outcome under MAX_OUTCOME_BYTES: the note goes first, then the last retention entries, then the last identifiers. */
function fitted(outcome: ConnectorOutcome): ConnectorOutcome {
  const o = { ...outcome };
  while (jsonBytes(o) > MAX_OUTCOME_BYTES) {
    o.clipped = true;
    if (o.note !== undefined) delete o.note;
    else if (o.retained?.length) o.retained = o.retained.slice(0, -1);
    else if (o.identifiers && Object.keys(o.identifiers).length) o.identifiers = Object.fromEntries(Object.entries(o.identifiers).slice(0, -1));
    else break;
  }
  if (o.retained && !o.retained.length) delete o.retained;
  if (o.identifiers && !Object.keys(o.identifiers).length) delete o.identifiers;
  return o;
}

/** The workflow's record of a lookup: whether the system knows the person, by which identifiers, and what an erasure would keep. */
export function lookupOutcome(connector: string, r: LookupResult): ConnectorOutcome {
  const identifiers = boundIdentifiers(r.identifiers);
  const given = r.identifiers && typeof r.identifiers === 'object' ? Object.keys(r.identifiers).length : 0;
  const leftOut = given > Object.keys(identifiers ?? {}).length;
  const bounded = texts({ retained: r.retained });
  return fitted({ connector, operation: 'lookup', status: r.found ? 'done' : 'not_found', ...(identifiers ? { identifiers } : {}), ...bounded, ...(leftOut ? { clipped: true } : {}) });
}

/** The workflow's record of an export: counts only, the files stay in staging. */
export function exportOutcome(connector: string, r: ExportResult): ConnectorOutcome {
  const files = Array.isArray(r.files) ? r.files : [];
  return fitted({ connector, operation: 'export', status: known(STATUSES, r.status), fileCount: files.length, bytes: files.reduce((sum, f) => sum + count(f?.bytes), 0), ...texts({ note: r.note }) });
}

/** The workflow's record of an erasure. */
export function eraseOutcome(connector: string, r: EraseResult): ConnectorOutcome {
  return fitted({ connector, operation: 'erase', status: known(STATUSES, r.status), erased: count(r.erased), ...(r.anonymised !== undefined ? { anonymised: count(r.anonymised) } : {}), ...texts(r) });
}

/** The workflow's record of a verification: `done` when nothing is left but what the rules keep. */
export function verifyOutcome(connector: string, r: VerifyResult): ConnectorOutcome {
  const remaining = count(r.remaining);
  return fitted({ connector, operation: 'verify', status: remaining ? 'partial' : 'done', remaining, ...texts(r) });
}

/** The workflow's record of a rectification, restriction or lifting. */
export function changeOutcome(connector: string, operation: 'rectify' | 'restrict' | 'lift', r: ChangeResult): ConnectorOutcome {
  return fitted({ connector, operation, status: known(CHANGE_STATUSES, r.status), changed: count(r.changed), ...texts({ note: r.note }) });
}
