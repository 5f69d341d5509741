import { isLocale, isRight, type Locale, type Right } from './rights.js';

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
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

// One @, no spaces or angle brackets, a dot in the domain: what mail servers accept in practice.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value) && value.split('@')[0].length <= 64;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

/**
 * Checks a submitted request. `languages` are the locales this deployment offers.
 * @example validateNewRequest({ email: 'a@b.fr', type: 'access' }, ['fr', 'en'])
 */
export function validateNewRequest(input: Record<string, unknown>, languages: readonly Locale[]): Validated<NewRequest> {
  const problems: FieldProblems = {};
  const email = text(input.email);
  if (!email) problems.email = 'required';
  else if (!isEmailAddress(email)) problems.email = email.length > EMAIL_MAX_LENGTH ? 'too_long' : 'invalid';

  const type = text(input.type);
  if (!type) problems.type = 'required';
  else if (!isRight(type)) problems.type = 'invalid';

  const locale = text(input.locale) || undefined;
  if (locale !== undefined && !(isLocale(locale) && languages.includes(locale))) problems.locale = 'not_offered';

  const details = text(input.details) || undefined;
  if (input.details !== undefined && typeof input.details !== 'string') problems.details = 'invalid';
  else if (details && details.length > DETAILS_MAX_LENGTH) problems.details = 'too_long';

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { email: email!, type: type as Right, locale: locale as Locale | undefined, details } };
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
  if (reason && reason.length > REASON_MAX_LENGTH) problems.reason = 'too_long';
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
