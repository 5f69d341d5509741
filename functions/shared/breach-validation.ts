import { BREACH_NATURES, BREACH_RISKS, NOTIFICATION_PHASES, type BreachFacts, type BreachNature, type BreachRisk, type NotificationPhase } from './breach.js';
import { isReadableText, REASON_MAX_LENGTH, type FieldProblems, type Validated } from './validation.js';

export const SUMMARY_MAX_LENGTH = 4000;
const SHORT_MAX_LENGTH = 500;
const REFERENCE_MAX_LENGTH = 200;
const MAX_COUNT = 1_000_000_000;
/** A clock a little ahead of ours is not "the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/** An ISO 8601 instant with its zone (`Z` or `±hh:mm`): a time without one would be read in the server's zone. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
/** Nothing the register holds happened before the GDPR applied. */
const EARLIEST = Date.UTC(2018, 4, 25);

/** A real instant: a day that exists, hours and minutes in range, a zone offset of at most 14 hours. */
function instant(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? INSTANT.exec(value.trim()) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.slice(1).map((part) => Number(part ?? 0));
  const dayExists = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12;
  if (!dayExists || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return undefined;
  const at = new Date((value as string).trim());
  return Number.isNaN(at.getTime()) || at.getTime() < EARLIEST ? undefined : at;
}

function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_COUNT ? n : undefined;
}

/** Checks a text field: absent is fine unless required; present must be readable text within `max`. */
function textField(input: Record<string, unknown>, field: string, max: number, problems: FieldProblems, required = false): string | undefined {
  const raw = input[field];
  if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())) {
    if (required) problems[field] = 'required';
    return undefined;
  }
  if (typeof raw !== 'string' || !isReadableText(raw)) problems[field] = 'invalid';
  else if (raw.trim().length > max) problems[field] = 'too_long';
  else return raw.trim();
  return undefined;
}

/**
 * Checks the facts of a breach being opened (Art. 33(3) and (5)); `now` bounds the times:
 * the controller cannot have become aware in the future, nor the breach have happened after.
 */
export function validateBreachFacts(input: Record<string, unknown>, now: Date): Validated<BreachFacts> {
  const problems: FieldProblems = {};
  const awareAt = instant(input.awareAt);
  if (input.awareAt === undefined || input.awareAt === '') problems.awareAt = 'required';
  else if (!awareAt || awareAt.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.awareAt = 'invalid';
  const summary = textField(input, 'summary', SUMMARY_MAX_LENGTH, problems, true);
  if (input.risk === undefined || input.risk === '') problems.risk = 'required';
  else if (!BREACH_RISKS.includes(input.risk as BreachRisk)) problems.risk = 'invalid';
  const occurredAt = input.occurredAt === undefined || input.occurredAt === '' ? undefined : instant(input.occurredAt);
  if (input.occurredAt !== undefined && input.occurredAt !== '' && (!occurredAt || (awareAt && occurredAt > awareAt))) problems.occurredAt = 'invalid';
  const nature = input.nature;
  if (nature !== undefined && (!Array.isArray(nature) || nature.length > BREACH_NATURES.length || !nature.every((n) => BREACH_NATURES.includes(n as BreachNature)) || new Set(nature).size !== nature.length)) problems.nature = 'invalid';
  const counts: Record<'peopleCount' | 'recordCount', number | undefined> = { peopleCount: undefined, recordCount: undefined };
  for (const field of ['peopleCount', 'recordCount'] as const) {
    if (input[field] === undefined || input[field] === '') continue;
    counts[field] = count(input[field]);
    if (counts[field] === undefined) problems[field] = 'invalid';
  }
  const facts = {
    categoriesOfPeople: textField(input, 'categoriesOfPeople', SHORT_MAX_LENGTH, problems),
    recordCategories: textField(input, 'recordCategories', SHORT_MAX_LENGTH, problems),
    consequences: textField(input, 'consequences', REASON_MAX_LENGTH, problems),
    measures: textField(input, 'measures', REASON_MAX_LENGTH, problems),
    contact: textField(input, 'contact', SHORT_MAX_LENGTH, problems),
  };
  if (Object.keys(problems).length) return { ok: false, problems };
  const value: BreachFacts = { awareAt: awareAt!.toISOString(), summary: summary!, risk: input.risk as BreachRisk };
  if (occurredAt) value.occurredAt = occurredAt.toISOString();
  if (Array.isArray(nature) && nature.length) value.nature = nature as BreachNature[];
  for (const [field, n] of Object.entries(counts)) if (n !== undefined) value[field as 'peopleCount' | 'recordCount'] = n;
  for (const [field, text] of Object.entries(facts)) if (text !== undefined) value[field as keyof typeof facts] = text;
  return { ok: true, value };
}

export interface NotificationInput {
  phase: NotificationPhase;
  reference: string;
  /** When the authority was notified; now when not given. */
  at: Date;
  delayReason?: string;
}

/** Checks a notification to the authority being recorded; the rules that need the breach (order, lateness) are the caller's. */
export function validateNotification(input: Record<string, unknown>, now: Date, awareAt: string, notBefore = awareAt): Validated<NotificationInput> {
  const problems: FieldProblems = {};
  if (input.phase === undefined || input.phase === '') problems.phase = 'required';
  else if (!NOTIFICATION_PHASES.includes(input.phase as NotificationPhase)) problems.phase = 'invalid';
  const reference = textField(input, 'reference', REFERENCE_MAX_LENGTH, problems, true);
  if (reference && /[\r\n\t\u2028\u2029]/.test(reference)) problems.reference = 'invalid';
  const at = input.at === undefined || input.at === '' ? now : instant(input.at);
  if (!at || at.getTime() > now.getTime() + CLOCK_SKEW_MS || at.getTime() < Date.parse(notBefore)) problems.at = 'invalid';
  const delayReason = textField(input, 'delayReason', REASON_MAX_LENGTH, problems);
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { phase: input.phase as NotificationPhase, reference: reference!, at: at!, ...(delayReason ? { delayReason } : {}) } };
}
