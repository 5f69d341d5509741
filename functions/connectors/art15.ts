/**
 * What a data system declares about its processing, for the learner's copy of their data
 * (Art. 15(1)(a)–(h) and 15(2) GDPR): purposes and legal basis, categories of data,
 * recipients and transfers outside the EEA, retention, source, automated decisions, and
 * the labels of the attributes it exports. Every text is given in each of the
 * deployment's languages (`dsr:languages`).
 */
import { LOCALES, type Locale } from '../shared/rights.js';

/** A text in each language the deployment offers, e.g. `{ "en": "Invoices", "fr": "Factures" }`. */
export type Translated = Partial<Record<Locale, string>>;

/** Art. 6(1)(a)–(f). */
export const LEGAL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** What makes a transfer outside the EEA lawful: Art. 45 adequacy decision, Art. 46 SCCs, Art. 47 BCRs, Art. 49 derogation. */
export const SAFEGUARDS = ['adequacy', 'scc', 'bcr', 'derogation'] as const;
export type Safeguard = (typeof SAFEGUARDS)[number];

export interface Art15Purpose {
  purpose: Translated;
  legalBasis: LegalBasis;
  /** The interest pursued, required when the basis is legitimate_interests (Art. 13(1)(d)). */
  interest?: Translated;
  /** The `dsr:purposes` id a learner restricts or objects to this use with (e.g. `marketing`). */
  purposeId?: string;
}

export interface Art15Recipient {
  name: Translated;
  /** ISO 3166 alpha-2 country where the recipient is outside the EEA; absent: inside it. */
  country?: string;
  /** Required with a country outside the EEA (Art. 15(2)). */
  safeguard?: Safeguard;
}

export interface Art15Declaration {
  purposes: Art15Purpose[];
  categories: Translated[];
  /** Empty when the data goes to no one outside the platform's own staff. */
  recipients: Art15Recipient[];
  /** How long the data is kept, as a period or the criteria that set it. */
  retention: Translated;
  /** Where the data comes from when not from the learner (Art. 15(1)(g)); absent: the learner. */
  source?: Translated;
  /** Automated decisions, profiling included, with their logic and effects (Art. 15(1)(h)); absent: none. */
  automatedDecisions?: Translated;
  /** What the learner reads for each exported attribute: `{ "firstName": { "en": "First name", "fr": "Prénom" } }`. */
  labels?: Record<string, Translated>;
}

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

export interface Art15Options {
  /** Every text needs each of these (`dsr:languages`). */
  languages: readonly Locale[];
  /** The ids `purposeId` may name (`dsr:purposes`). */
  purposeIds: readonly string[];
  /** The attributes the system exports, when it declares them: each needs a label. */
  attributes?: string[];
}

/** Checks one system's `art15`; pushes one sentence per problem, naming the field and the missing language. */
export function checkArt15(value: any, where: string, options: Art15Options, problems: string[]): void {
  const at = `${where}: art15`;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return void problems.push(`${at} is required: what the system does with the data, for the learner's copy (docs/connectors.md)`);
  }
  const text = (v: unknown, field: string, max = MAX_TEXT) => checkTranslated(v, `${at}.${field}`, options.languages, max, problems);
  const list = (v: unknown, field: string, min: number): unknown[] => {
    if (!Array.isArray(v) || v.length < min || v.length > MAX_ITEMS) {
      problems.push(`${at}.${field} must be a list of ${min ? '1' : '0'} to ${MAX_ITEMS} entries`);
      return [];
    }
    return v;
  };

  list(value.purposes, 'purposes', 1).forEach((p: any, i) => {
    const field = `purposes #${i + 1}`;
    text(p?.purpose, `${field}.purpose`);
    if (!LEGAL_BASES.includes(p?.legalBasis)) problems.push(`${at}.${field}.legalBasis must be one of ${LEGAL_BASES.join(', ')} (Art. 6(1)(a)–(f))`);
    if (p?.legalBasis === 'legitimate_interests' || p?.interest !== undefined) text(p?.interest, `${field}.interest`);
    if (p?.purposeId !== undefined && !options.purposeIds.includes(p.purposeId)) problems.push(`${at}.${field}.purposeId must be one of dsr:purposes (${options.purposeIds.join(', ')})`);
  });
  list(value.categories, 'categories', 1).forEach((c, i) => text(c, `categories #${i + 1}`, MAX_LABEL * 2));
  list(value.recipients, 'recipients', 0).forEach((r: any, i) => {
    const field = `${at}.recipients #${i + 1}`;
    text(r?.name, `recipients #${i + 1}.name`, MAX_LABEL * 2);
    if (r?.country === undefined) {
      if (r?.safeguard !== undefined) problems.push(`${field}: a safeguard needs the country outside the EEA it covers`);
    } else if (!isCountry(r.country)) problems.push(`${field}.country must be an ISO 3166 alpha-2 code such as US (got ${JSON.stringify(r.country)})`);
    else if (isInEea(r.country)) {
      if (r.safeguard !== undefined) problems.push(`${field}: ${r.country} is in the EEA, where no transfer safeguard applies`);
    } else if (!SAFEGUARDS.includes(r.safeguard)) problems.push(`${field}.safeguard must be one of ${SAFEGUARDS.join(', ')} for a transfer to ${r.country}`);
  });
  text(value.retention, 'retention');
  if (value.source !== undefined) text(value.source, 'source');
  if (value.automatedDecisions !== undefined) text(value.automatedDecisions, 'automatedDecisions');
  checkLabels(value.labels, at, options, problems);
  const known = new Set(['purposes', 'categories', 'recipients', 'retention', 'source', 'automatedDecisions', 'labels']);
  for (const k of Object.keys(value)) if (!known.has(k)) problems.push(`${at} has an unknown field ${JSON.stringify(k)}`);
}

function checkLabels(labels: unknown, at: string, options: Art15Options, problems: string[]): void {
  const declared = labels === undefined ? {} : labels;
  if (!declared || typeof declared !== 'object' || Array.isArray(declared) || Object.keys(declared).length > MAX_LABELS) {
    return void problems.push(`${at}.labels must map attribute names to their labels (at most ${MAX_LABELS})`);
  }
  for (const [attribute, label] of Object.entries(declared)) {
    if (!/^[A-Za-z0-9_.-]{1,255}$/.test(attribute)) problems.push(`${at}.labels has ${JSON.stringify(attribute)}, which is not an attribute name`);
    else if (options.attributes && !options.attributes.includes(attribute)) problems.push(`${at}.labels.${attribute} labels an attribute the system does not export`);
    else checkTranslated(label, `${at}.labels.${attribute}`, options.languages, MAX_LABEL, problems);
  }
  const missing = (options.attributes ?? []).filter((a) => !(a in declared));
  if (missing.length) problems.push(`${at}.labels has no label for ${missing.join(', ')}`);
}

/** A text in every declared language, within `max` characters; a language key that is not offered is a typo. */
function checkTranslated(value: unknown, field: string, languages: readonly Locale[], max: number, problems: string[]): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return void problems.push(`${field} must be a text in each language: { ${languages.map((l) => `"${l}": "…"`).join(', ')} }`);
  }
  for (const l of languages) {
    const t = (value as Record<string, unknown>)[l];
    if (typeof t !== 'string' || !t.trim()) problems.push(`${field} has no "${l}"`);
    else if (t.length > max) problems.push(`${field}.${l} is longer than ${max} characters`);
  }
  for (const k of Object.keys(value)) if (!(LOCALES as readonly string[]).includes(k)) problems.push(`${field} has ${JSON.stringify(k)}, which is not a language offered (${LOCALES.join(', ')})`);
}
