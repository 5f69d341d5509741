import type { Locale } from './rights.js';
import { isEmailAddress, isReadableText, type FieldProblems, type Validated } from './validation.js';

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

/** The largest CSV read (about 300,000 addresses), and the longest line. */
export const MAX_RECIPIENTS_BYTES = 20 * 1024 * 1024;
const MAX_LINE = 1000;

export interface Recipient {
  email: string;
  locale: Locale;
}

/**
 * Reads the affected addresses: one per line, `email` or `email,language`, an optional
 * header line (`email,…`). Addresses are compared without case and written to once;
 * a line that is no address, or names a language not offered, is counted as refused.
 */
export function parseRecipients(csv: string, languages: readonly Locale[]): { recipients: Recipient[]; refusedLines: number } {
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  let refusedLines = 0;
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const [rawEmail, rawLocale] = line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
    if (i === 0 && rawEmail.toLowerCase() === 'email') return; // the header
    const email = rawEmail.toLowerCase();
    const locale = (rawLocale?.toLowerCase() || languages[0]) as Locale;
    if (line.length > MAX_LINE || !isEmailAddress(email) || !languages.includes(locale)) {
      refusedLines++;
      return;
    }
    if (seen.has(email)) return;
    seen.add(email);
    recipients.push({ email, locale });
  });
  return { recipients, refusedLines };
}
