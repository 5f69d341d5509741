/**
 * What a data system declares about its processing, for the learner's copy of their data
 * (Art. 15(1)(a)–(h) and 15(2) GDPR): purposes and legal basis, categories of data,
 * recipients and transfers outside the EEA, retention, source, automated decisions, and
 * the labels of the attributes it exports. Every text is given in each of the
 * deployment's languages (`dsr:languages`).
 */
import type { Locale } from '../shared/rights.js';
import * as z from 'zod/mini';
import { got } from '../shared/schema.js';
import { textInEach, translated, type Translated } from '../shared/translated.js';
import { ATTRIBUTE_NAME } from './attribute-name.js';

export type { Translated };

/** Art. 6(1)(a)–(f). */
export const LEGAL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** What makes a transfer outside the EEA lawful: Art. 45 adequacy decision, Art. 46 SCCs, Art. 47 BCRs, Art. 49 derogation. */
export const SAFEGUARDS = ['adequacy', 'scc', 'bcr', 'derogation'] as const;
export type Safeguard = (typeof SAFEGUARDS)[number];

/** Bounds keep the bundled list of systems reasonable (it is written into every function). */
const MAX_TEXT = 500;
const MAX_LABEL = 100;
const MAX_ITEMS = 30;
const MAX_LABELS = 200;

/** EU member states and the other EEA states (Iceland, Liechtenstein, Norway): no transfer. */
const EEA = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' '));
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes Intl knows that are not countries. */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'XB']);

export const isCountry = (v: unknown): v is string => typeof v === 'string' && /^[A-Z]{2}$/.test(v) && !NOT_COUNTRIES.has(v) && REGIONS.of(v) !== v;
export const isInEea = (country: string): boolean => EEA.has(country);

/** What a declaration is checked against at synth: the deployment's languages (`dsr:languages`) and purpose ids (`dsr:purposes`). */
export interface Art15Rules {
  languages: readonly Locale[];
  purposeIds: readonly string[];
}

export const ART15_REQUIRED = "is required: what the system does with the data, for the learner's copy (docs/connectors.md)";

const listOf = <T extends z.core.$ZodType>(item: T, min: 0 | 1) => z.array(item, `must be a list of ${min} to ${MAX_ITEMS} entries`).check(z.minLength(min), z.maxLength(MAX_ITEMS));

/** A transfer outside the EEA needs its safeguard (Art. 15(2)); inside it, or with no country, there is none to name. */
const transferRules = z.superRefine((r: { country?: string; safeguard?: Safeguard }, ctx) => {
  if (r.country !== undefined && !isCountry(r.country)) return; // said of the country already
  if (r.country === undefined) {
    if (r.safeguard !== undefined) ctx.addIssue(': a safeguard needs the country outside the EEA it covers');
  } else if (isInEea(r.country)) {
    if (r.safeguard !== undefined) ctx.addIssue(`: ${r.country} is in the EEA, where no transfer safeguard applies`);
  } else if (r.safeguard === undefined) ctx.addIssue({ code: 'custom', path: ['safeguard'], message: `must be one of ${SAFEGUARDS.join(', ')} for a transfer to ${r.country}` });
});

/**
 * One system's `art15`. Given `rules` (at synth), every text needs each of the deployment's
 * languages and a purpose id must be one it declares; without, the declaration's shape
 * alone is checked, as functions read it from their bundle.
 */
export function art15Schema(rules?: Art15Rules) {
  const text = translated(MAX_TEXT, rules?.languages);
  const name = translated(MAX_LABEL * 2, rules?.languages);
  const purposeIds = rules && `must be one of dsr:purposes (${rules.purposeIds.join(', ')})`;
  const purpose = z
    .object({
      purpose: text,
      legalBasis: z.enum(LEGAL_BASES, `must be one of ${LEGAL_BASES.join(', ')} (Art. 6(1)(a)–(f))`),
      /** The interest pursued, required when the basis is legitimate_interests (Art. 13(1)(d)). */
      interest: z.optional(text),
      /** The `dsr:purposes` id a learner restricts or objects to this use with (e.g. `marketing`). */
      purposeId: z.optional(z.string(purposeIds).check(z.refine((id) => !rules || rules.purposeIds.includes(id), purposeIds))),
    })
    .check(z.refine((p) => p.legalBasis !== 'legitimate_interests' || p.interest !== undefined, { path: ['interest'], message: textInEach(rules?.languages) }));
  const recipient = z
    .object({
      name,
      /** ISO 3166 alpha-2 country where the recipient is outside the EEA; absent: inside it. */
      country: z.optional(z.custom<string>(isCountry, { error: (issue) => got('must be an ISO 3166 alpha-2 code such as US')(issue.input) })),
      /** Required with a country outside the EEA (Art. 15(2)). */
      safeguard: z.optional(z.enum(SAFEGUARDS, { error: (issue) => got(`must be one of ${SAFEGUARDS.join(', ')}`)(issue.input) })),
    })
    .check(transferRules);
  /** What the learner reads for each exported attribute: `{ "firstName": { "en": "First name", "fr": "Prénom" } }`. */
  const labels = z
    .record(z.string().check(z.regex(ATTRIBUTE_NAME)), translated(MAX_LABEL, rules?.languages), {
      error: (issue) => (issue.code === 'invalid_key' ? 'which is not an attribute name' : `must map attribute names to their labels (at most ${MAX_LABELS})`),
    })
    .check(z.refine((l) => Object.keys(l).length <= MAX_LABELS));
  /** What the learner reads for the codes an attribute holds: `{ "status": { "completed": { "en": "Completed", "fr": "Terminé" } } }`. */
  const values = z
    .record(z.string().check(z.regex(ATTRIBUTE_NAME)), z.record(z.string().check(z.maxLength(MAX_LABEL)), translated(MAX_LABEL, rules?.languages)), {
      error: (issue) => (issue.code === 'invalid_key' ? 'which is not an attribute name' : `must map attribute names to their values' labels (at most ${MAX_LABELS} in all)`),
    })
    .check(z.refine((v) => Object.values(v).reduce((n, codes) => n + Object.keys(codes).length, 0) <= MAX_LABELS));
  return z.strictObject(
    {
      /** The system's name as the learner reads it, in each language (its `title` is one text, for the DPO); absent: the `title`. */
      title: z.optional(translated(MAX_LABEL, rules?.languages)),
      purposes: listOf(purpose, 1),
      categories: listOf(name, 1),
      /** Empty when the data goes to no one outside the platform's own staff. */
      recipients: listOf(recipient, 0),
      /** How long the data is kept, as a period or the criteria that set it. */
      retention: text,
      /** Where the data comes from when not from the learner (Art. 15(1)(g)); absent: the learner. */
      source: z.optional(text),
      /** Automated decisions, profiling included, with their logic and effects (Art. 15(1)(h)); absent: none. */
      automatedDecisions: z.optional(text),
      labels: z.optional(labels),
      values: z.optional(values),
    },
    ART15_REQUIRED,
  );
}

export type Art15Declaration = z.output<ReturnType<typeof art15Schema>>;
