import { describe, expect, it } from 'vitest';
import type { Breach } from '../../../functions/shared/breach.js';
import { breachDraft } from '../../../functions/shared/breach-draft.js';
import { messages } from '../../../functions/shared/i18n.js';
import { renderLetter } from '../../../functions/shared/mail.js';
import { ERROR_TEXTS } from '../../../functions/shared/web/error-texts.js';
import { DEMO_ART15 } from '../../../infra/local/demo/art15.js';

/**
 * The project's French typography: a no-break space (U+00A0) before ":", a narrow
 * no-break space (U+202F) before ";", "?", "!" and inside « », the apostrophe ’ and never
 * the straight one. Every French text the product writes is walked, so a new string that
 * breaks the rule fails here.
 */
function typographyProblems(text: string): string[] {
  const problems: string[] = [];
  if (/'/.test(text)) problems.push('straight apostrophe');
  if (/"/.test(text)) problems.push('straight quotation mark');
  // A colon of the sentence (followed by a space or ending the text), not one of "09:00" or "https:".
  if (/[^\u00a0]:(\s|$)/.test(text)) problems.push('colon without a no-break space before it');
  if (/[^\u202f][;?!]/.test(text)) problems.push('";", "?" or "!" without a narrow no-break space before it');
  if (/«(?!\u202f)|(?<!\u202f)»/.test(text)) problems.push('« » without narrow no-break spaces inside');
  return problems;
}

/** Sample arguments: counts that pick each plural form and each branch, a word, a code (a country's), and nothing (optional arguments). */
const SAMPLES: unknown[] = [0, 1, 2, 1500, -1, -2, 'valeur', 'FR', undefined];

/** The formatting functions take dates and time zones, not words: they are called with what they expect. */
const FORMATS: Record<string, unknown[][]> = {
  size: [[0], [12], [1_500], [2_500_000]],
  date: [['2026-12-01'], ['2026-10-05']],
  dateTime: [['2026-12-01T08:00:00Z', 'Europe/Paris']],
  zoneName: [['Europe/Paris']],
};

/** What `fn` says for each of `calls`, leaving out the arguments it refuses (a code where it wants a number); at least one must do. */
function outputs(fn: (...args: unknown[]) => unknown, calls: unknown[][], path: string): Array<[string, unknown]> {
  const said = calls.flatMap((args): Array<[string, unknown]> => {
    try {
      return [[`${path}(${args.map(String).join(', ')})`, fn(...args)]];
    } catch {
      return [];
    }
  });
  if (!said.length) throw new Error(`${path} refuses every sample argument: give it its own in FORMATS`);
  return said;
}

/** Every text reachable from `value`: strings as they are, each function called with every sample. */
function* texts(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (typeof value === 'function') {
    const calls = FORMATS[path.split('.').pop()!] ?? SAMPLES.map((sample) => Array.from({ length: value.length }, () => sample));
    for (const [where, said] of outputs(value as (...args: unknown[]) => unknown, calls, path)) yield* texts(said, where);
  } else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) yield* texts(inner, `${path}.${key}`);
}

const problemsIn = (value: unknown, path: string) =>
  [...texts(value, path)].flatMap(([where, text]) => typographyProblems(text).map((problem) => `${where}: ${problem} in «${text}»`));

describe('French typography', () => {
  it('finds what it checks for (the check itself)', () => {
    expect(typographyProblems('Rappel : l\'échéance ; vraiment ? « oui »')).toEqual([
      'straight apostrophe',
      'colon without a no-break space before it',
      '";", "?" or "!" without a narrow no-break space before it',
      '« » without narrow no-break spaces inside',
    ]);
    expect(typographyProblems('Rappel\u00a0: l’échéance\u202f; vraiment\u202f? «\u202foui\u202f» à 09:00, https://example.org')).toEqual([]);
  });

  it('holds in every message: pages, emails, formats', () => {
    expect(problemsIn(messages.fr, 'messages.fr')).toEqual([]);
  });

  it('holds on the error pages', () => {
    expect(problemsIn(ERROR_TEXTS.fr, 'ERROR_TEXTS.fr')).toEqual([]);
  });

  it('holds in what the demo’s systems declare in French for the learner’s copy', () => {
    const french = (value: unknown): string[] =>
      value && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => (key === 'fr' && typeof inner === 'string' ? [inner] : french(inner))) : [];
    const texts = french(DEMO_ART15);
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.flatMap((text) => typographyProblems(text).map((problem) => `${problem} in «${text}»`))).toEqual([]);
  });

  it('holds in the text part of an email, facts included', () => {
    const letter = renderLetter({ locale: 'fr', subject: 'Objet', paragraphs: ['Texte.'], facts: [['Demande', 'valeur']], link: { intro: 'Lien', url: 'https://example.org/verify/abc' } });
    expect(typographyProblems(letter.text)).toEqual([]);
  });

  it('holds in the draft of a breach notification, whatever it says', () => {
    const base: Breach = { breachId: 'brc-1', openedAt: '2026-11-23T13:30:00Z', state: 'open', notifications: [], revision: 1, awareAt: '2026-11-23T13:30:00Z', summary: '', risk: 'high' };
    const drafts = [
      breachDraft(base, { locale: 'fr', timeZone: 'Europe/Paris', dpoEmail: 'dpo@example.org', now: new Date('2026-11-28T09:00:00Z') }),
      breachDraft(
        { ...base, summary: 'Un compte', nature: ['confidentiality'], categoriesOfPeople: 'apprenants', peopleCount: 2, recordCategories: 'notes', recordCount: 1, consequences: 'aucune', measures: 'aucune', communication: { state: 'sent', recipients: 1, finishedAt: '2026-11-24T10:00:00Z' } as Breach['communication'], notifications: [{ phase: 'initial', at: '2026-11-24T10:00:00Z', reference: 'X', recordedAt: '2026-11-24T10:00:00Z' }] },
        { locale: 'fr', timeZone: 'Europe/Paris', controllerName: 'École', dpoEmail: 'dpo@example.org', now: new Date('2026-11-28T09:00:00Z') },
      ),
    ];
    expect(drafts.flatMap((draft) => draft.items.flatMap((item) => [item.label, item.value])).flatMap(typographyProblems)).toEqual([]);
  });
});
