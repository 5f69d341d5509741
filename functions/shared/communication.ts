import type { Locale } from './rights.js';
import type { ListedUserId } from '../connectors/directory.js';
import type { DirectoryEntry } from '../connectors/kit.js';
import { mailAddress, isReadableText, type FieldProblems, type Validated } from './validation.js';

/**
 * The communication of a breach to the people it concerns (Art. 34): the DPO's text in
 * each offered language, the affected addresses (a CSV in the bucket), the DPO's approval,
 * then one email per address, once.
 */
export type CommunicationState = 'preparing' | 'awaiting_approval' | 'sending' | 'sent' | 'expired' | 'failed';

export interface CommunicationText {
  subject: string;
  body: string;
}

export interface Communication {
  state: CommunicationState;
  /** The text in every language the deployment offers. */
  texts: Partial<Record<Locale, CommunicationText>>;
  requestedAt: string;
  /** Counted when the CSV is read: the addresses to write to, and the lines refused. */
  recipients?: number;
  refusedLines?: number;
  /** A list of user ids: how many, and how many no directory system knew (counted once resolved). */
  userIds?: number;
  unresolved?: number;
  approvedAt?: string;
  finishedAt?: string;
  /** The uploaded list of addresses it reads (a key of the bucket, deleted once read). */
  source: string;
  /** The workflow's execution working on it now (statemachines/communication.asl.json); a resume names another. */
  execution: string;
  /** Its list of addresses (the asking execution's name): one per communication asked for. */
  list: string;
  /** Executions started after the first, to resume a sending that was interrupted. */
  resumes?: number;
}

const SUBJECT_MAX_LENGTH = 200;
const BODY_MAX_LENGTH = 10_000;

/** The message in every language the deployment offers: a subject line and a body each. */
export function validateCommunicationTexts(input: Record<string, unknown>, languages: readonly Locale[]): Validated<Partial<Record<Locale, CommunicationText>>> {
  const problems: FieldProblems = {};
  const texts = input.texts as Record<string, { subject?: unknown; body?: unknown } | undefined> | undefined;
  const value: Partial<Record<Locale, CommunicationText>> = {};
  if (!texts || typeof texts !== 'object' || Array.isArray(texts)) return { ok: false, problems: { texts: 'required' } };
  for (const extra of Object.keys(texts)) if (!languages.includes(extra as Locale)) problems[`texts.${extra.slice(0, 20)}`] = 'not_offered';
  for (const language of languages) {
    const text = texts[language];
    const subject = typeof text?.subject === 'string' ? text.subject.trim() : '';
    const body = typeof text?.body === 'string' ? text.body.trim() : '';
    if (!subject) problems[`texts.${language}.subject`] = 'required';
    else if (subject.length > SUBJECT_MAX_LENGTH) problems[`texts.${language}.subject`] = 'too_long';
    else if (/[\r\n]/.test(subject) || !isReadableText(subject)) problems[`texts.${language}.subject`] = 'invalid';
    if (!body) problems[`texts.${language}.body`] = 'required';
    else if (body.length > BODY_MAX_LENGTH) problems[`texts.${language}.body`] = 'too_long';
    else if (!isReadableText(body)) problems[`texts.${language}.body`] = 'invalid';
    if (subject && body) value[language] = { subject, body };
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, value };
}

/**
 * Where one upload of the affected addresses goes: a key of its own each time, so that an
 * upload address used again after its list was read writes a file nobody asks for.
 */
export const recipientsKey = (breachId: string, upload: string) => `breaches/${breachId}/recipients-${upload}.csv`;
export const isRecipientsKey = (breachId: string, key: unknown): key is string => typeof key === 'string' && new RegExp(`^breaches/${breachId}/recipients-[0-9a-f]{16}\\.csv$`).test(key);

/** The largest CSV read (about 300,000 addresses or user ids), and the longest line. */
export const MAX_RECIPIENTS_BYTES = 20 * 1024 * 1024;
const MAX_LINE = 1000;

export interface Recipient {
  email: string;
  locale: Locale;
}

/** The most user ids one list may hold: each directory resolves them all within one step (15 minutes). */
export const MAX_USER_IDS = 50_000;
/** A user id as a list may give it: printable, no comma or quote, at most 128 characters. */
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;

/** What a list of affected people holds: addresses, or user ids for the directories to resolve. */
export type AffectedList =
  | { kind: 'emails'; recipients: Recipient[]; refusedLines: number }
  | { kind: 'userIds'; userIds: ListedUserId[]; refusedLines: number };

/**
 * Reads the list of affected people: one per line, `email` or `email,language`, with an
 * optional header line (`email,…`); or, under a header `userId,…`, user ids that the
 * systems declared as directories resolve. Addresses are compared without case, ids as
 * written, and each is kept once; a line that is neither, or names a language not offered,
 * is counted as refused.
 */
export function parseAffected(csv: string, languages: readonly Locale[]): AffectedList {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim());
  const cells = (line: string) => line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
  const header = lines.length ? cells(lines[0])[0].toLowerCase() : '';
  const byUserId = header === 'userid';
  const seen = new Set<string>();
  const listed: Array<{ key: string; locale: Locale | undefined }> = [];
  let refusedLines = 0;
  lines.slice(header === 'email' || byUserId ? 1 : 0).forEach((line) => {
    const [first, rawLocale] = cells(line);
    // An address as it is mailed (an IDN domain in punycode), so that its two spellings get one email.
    const key = byUserId ? first : (mailAddress(first)?.toLowerCase() ?? '');
    const locale = rawLocale ? (rawLocale.toLowerCase() as Locale) : undefined;
    if (line.length > MAX_LINE || !(byUserId ? USER_ID.test(key) : key) || (locale && !languages.includes(locale))) {
      refusedLines++;
      return;
    }
    if (seen.has(key)) return;
    seen.add(key);
    listed.push({ key, locale });
  });
  return byUserId
    ? { kind: 'userIds', userIds: listed.map(({ key, locale }) => ({ userId: key, ...(locale ? { language: locale } : {}) })), refusedLines }
    : { kind: 'emails', recipients: listed.map(({ key, locale }) => ({ email: key, locale: locale ?? languages[0] })), refusedLines };
}

/**
 * The addresses of listed user ids, from the directories' answers in the order the systems
 * are declared (the first that knows an id gives its address). The language is the list's,
 * else the directory's when offered, else the first offered. An id no directory gives a
 * usable address for is counted as unresolved; two ids with one address get one email.
 */
export function addressesOf(listed: ListedUserId[], answers: DirectoryEntry[][], languages: readonly Locale[]): { recipients: Recipient[]; unresolved: number } {
  const known = new Map<string, DirectoryEntry>();
  for (const answer of answers) for (const entry of answer) if (!known.has(entry.userId) && mailAddress(entry.email.trim())) known.set(entry.userId, entry);
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  let unresolved = 0;
  for (const { userId, language } of listed) {
    const entry = known.get(userId);
    if (!entry) {
      unresolved++;
      continue;
    }
    const email = mailAddress(entry.email.trim())!.toLowerCase();
    const theirs = entry.language?.toLowerCase().split(/[-_]/)[0] as Locale | undefined;
    const locale = (language as Locale | undefined) ?? (theirs && languages.includes(theirs) ? theirs : languages[0]);
    if (seen.has(email)) continue;
    seen.add(email);
    recipients.push({ email, locale });
  }
  return { recipients, unresolved };
}
