import { UNREADABLE } from './bounds.js';
import { mailAddress } from './email-address.js';
import { BUILT_IN_PURPOSES, isLocale, isRight, RESTRICTING_RIGHTS, type Locale, type Right } from './rights.js';

export const DETAILS_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 2000;
const EMAIL_MAX_LENGTH = 254;

/** Why a field was refused; pages and API answers turn the code into words. */
export type FieldProblem = 'required' | 'invalid' | 'too_long' | 'not_offered';
export type FieldProblems = Record<string, FieldProblem>;

export interface NewRequest {
  email: string;
  type: Right;
  locale?: Locale;
  details?: string;
  /** Restriction and objection: the uses of their data the learner names. */
  purposes?: string[];
}

const MAX_PURPOSES = 20;

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

export { isEmailAddress, mailAddress } from './email-address.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

/**
 * Text a person reads in an email (a reason): lines and tabs, but no other control
 * character, no bidirectional override that would make it read otherwise, no broken UTF-16.
 */
export const isReadableText = (value: string) => !UNREADABLE.test(value);

/** A reason's problem, if it has one: too long, or not readable text. */
const reasonProblem = (reason: string): FieldProblem | undefined => (reason.length > REASON_MAX_LENGTH ? 'too_long' : isReadableText(reason) ? undefined : 'invalid');

/**
 * Checks a submitted request. `languages` are the locales this deployment offers.
 * @example validateNewRequest({ email: 'a@b.fr', type: 'access' }, ['fr', 'en'])
 */
export function validateNewRequest(input: Record<string, unknown>, languages: readonly Locale[], purposes: readonly string[] = BUILT_IN_PURPOSES): Validated<NewRequest> {
  const problems: FieldProblems = {};
  const given = text(input.email);
  // Kept as it is mailed: an IDN domain in punycode (docs/security.md).
  const email = given && mailAddress(given);
  if (!given) problems.email = 'required';
  else if (!email) problems.email = given.length > EMAIL_MAX_LENGTH ? 'too_long' : 'invalid';

  const type = text(input.type);
  if (!type) problems.type = 'required';
  else if (!isRight(type)) problems.type = 'invalid';

  const locale = text(input.locale) || undefined;
  if (locale !== undefined && !(isLocale(locale) && languages.includes(locale))) problems.locale = 'not_offered';

  const details = text(input.details) || undefined;
  if (input.details !== undefined && typeof input.details !== 'string') problems.details = 'invalid';
  else if (details && details.length > DETAILS_MAX_LENGTH) problems.details = 'too_long';

  // Purposes count for a restriction or an objection; a checkbox ticked for another right is ignored.
  const named = [input.purposes ?? []].flat();
  const restricting = RESTRICTING_RIGHTS.includes(type as Right);
  if (restricting && named.length === 0) problems.purposes = 'required';
  else if (restricting && (named.length > MAX_PURPOSES || !named.every((p) => typeof p === 'string' && purposes.includes(p)))) problems.purposes = 'invalid';

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { email: email!, type: type as Right, locale: locale as Locale | undefined, details, ...(restricting ? { purposes: [...new Set(named as string[])] } : {}) } };
}

/**
 * A choice among `options` in `field`, with a reason that the option `needsReason`
 * requires (and that other options drop): the shape of every DPO answer.
 */
function validateReasonedChoice<T extends string>(input: Record<string, unknown>, field: string, options: readonly T[], needsReason: T): Validated<{ choice: T; reason?: string }> {
  const problems: FieldProblems = {};
  const choice = text(input[field]);
  const reason = text(input.reason) || undefined;
  if (!choice) problems[field] = 'required';
  else if (!options.includes(choice as T)) problems[field] = 'invalid';
  if (choice === needsReason && !reason) problems.reason = 'required';
  if (reason && reasonProblem(reason)) problems.reason = reasonProblem(reason)!;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { choice: choice as T, reason: choice === needsReason ? reason : undefined } };
}

export interface Decision {
  decision: 'approve' | 'reject';
  reason?: string;
}

/** A DPO's decision: approve, or reject with a reason the learner will read. */
export function validateDecision(input: Record<string, unknown>): Validated<Decision> {
  const checked = validateReasonedChoice(input, 'decision', ['approve', 'reject'] as const, 'reject');
  return checked.ok ? { ok: true, value: { decision: checked.value.choice, reason: checked.value.reason } } : checked;
}

export interface FailedSystemsChoice {
  choice: 'retry' | 'proceed';
  reason?: string;
}

/** The DPO's answer about systems that failed: retry them, or go on without them for a stated reason. */
export function validateFailedSystemsChoice(input: Record<string, unknown>): Validated<FailedSystemsChoice> {
  return validateReasonedChoice(input, 'choice', ['retry', 'proceed'] as const, 'proceed');
}

/** The DPO's answer about data left after an erasure: erase again, or close as incomplete for a stated reason. */
export function validateLeftoverChoice(input: Record<string, unknown>): Validated<{ choice: 'retry' | 'close'; reason?: string }> {
  return validateReasonedChoice(input, 'choice', ['retry', 'close'] as const, 'close');
}

/** An extension of the deadline: one or two further months, with a reason the learner will read. */
export function validateExtension(input: Record<string, unknown>): Validated<{ months: 1 | 2; reason: string }> {
  const problems: FieldProblems = {};
  const months = typeof input.months === 'number' ? String(input.months) : text(input.months); // a form's text, or JSON's number
  const reason = text(input.reason);
  if (!months) problems.months = 'required';
  else if (months !== '1' && months !== '2') problems.months = 'invalid';
  if (!reason) problems.reason = 'required';
  else if (reasonProblem(reason)) problems.reason = reasonProblem(reason)!;
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { months: Number(months) as 1 | 2, reason: reason! } };
}

/** A reason the learner reads (for lifting a restriction, for cancelling a request): required. */
export function validateReason(input: Record<string, unknown>): Validated<{ reason: string }> {
  const reason = text(input.reason);
  if (!reason) return { ok: false, problems: { reason: 'required' } };
  if (reasonProblem(reason)) return { ok: false, problems: { reason: reasonProblem(reason)! } };
  return { ok: true, value: { reason } };
}

/** Longest corrected value or note from the DPO: values land in other systems' records. */
export const VALUE_MAX_LENGTH = 500;
export const NOTE_MAX_LENGTH = 1000;

/** Field names of a form that repeats a field per item, e.g. `value.lastName`, `note.forum`. */
export const itemField = (prefix: 'value' | 'note', name: string) => `${prefix}.${name}`;

/** Item fields sent for items the page did not offer: refused, not ignored. */
const unknownItems = (input: Record<string, unknown>, prefix: 'value' | 'note', offered: readonly string[]) =>
  Object.keys(input).filter((field) => field.startsWith(`${prefix}.`) && !offered.includes(field.slice(prefix.length + 1)));

/** One line of text that lands in other systems' records: no control characters, no broken UTF-16. */
const isPlainLine = (value: string) => !/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);

export interface Rectification {
  choice: 'apply' | 'none';
  changes: Record<string, string>;
  /** Systems the DPO will correct by hand, beyond those that always need it. */
  byHand: string[];
  reason?: string;
}

/**
 * The DPO's corrected values, one field per rectifiable attribute (empty: unchanged); or
 * no change at all, with a reason the learner will read.
 */
export function validateRectification(input: Record<string, unknown>, attributes: readonly string[], byHandChoices: readonly string[] = []): Validated<Rectification> {
  const checked = validateReasonedChoice(input, 'choice', ['apply', 'none'] as const, 'none');
  const problems: FieldProblems = checked.ok ? {} : { ...checked.problems };
  const changes: Record<string, string> = {};
  for (const attribute of attributes) {
    const raw = input[itemField('value', attribute)];
    const value = text(raw);
    if ((raw !== undefined && value === undefined) || (value && !isPlainLine(value))) problems[itemField('value', attribute)] = 'invalid';
    else if (value && value.length > VALUE_MAX_LENGTH) problems[itemField('value', attribute)] = 'too_long';
    else if (value) changes[attribute] = value;
  }
  for (const field of unknownItems(input, 'value', attributes)) problems[field] = 'invalid';
  const byHand = [input.byHand ?? []].flat();
  if (!byHand.every((name) => typeof name === 'string' && byHandChoices.includes(name))) problems.byHand = 'invalid';
  const applying = checked.ok && checked.value.choice === 'apply';
  if (applying && !Object.keys(changes).length && !byHand.length && !Object.keys(problems).length) problems.values = 'required';
  if (!checked.ok || Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { choice: checked.value.choice, changes: applying ? changes : {}, byHand: applying ? [...new Set(byHand as string[])] : [], reason: checked.value.reason } };
}

/** The DPO's notes on work done by hand: one per system, each required. */
export function validateHandWork(input: Record<string, unknown>, systems: readonly string[]): Validated<{ notes: Record<string, string> }> {
  const problems: FieldProblems = {};
  const notes: Record<string, string> = {};
  for (const field of unknownItems(input, 'note', systems)) problems[field] = 'invalid';
  for (const system of systems) {
    const field = itemField('note', system);
    const note = text(input[field]);
    if (!note) problems[field] = 'required';
    else if (note.length > NOTE_MAX_LENGTH) problems[field] = 'too_long';
    else notes[system] = note;
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, value: { notes } };
}
