import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkConnectors } from '../../../functions/connectors/declarations.js';
import { demoConnectors } from '../../../infra/local/demo/systems.js';
import type { Art15Declaration } from '../../../functions/connectors/art15.js';

const both = { languages: ['fr', 'en'] as const, purposeIds: ['marketing', 'analytics', 'profiling'] };

/** Every field declared, in both languages. */
const complete: Art15Declaration = {
  purposes: [
    { purpose: { en: 'Streaming the course videos', fr: 'Diffuser les vidéos des cours' }, legalBasis: 'contract' },
    { purpose: { en: 'Measuring audience', fr: "Mesurer l'audience" }, legalBasis: 'legitimate_interests', interest: { en: 'Better courses', fr: 'De meilleurs cours' }, purposeId: 'analytics' },
  ],
  categories: [{ en: 'Viewing history', fr: 'Historique de visionnage' }],
  recipients: [
    { name: { en: 'Video host (processor)', fr: 'Hébergeur vidéo (sous-traitant)' }, country: 'US', safeguard: 'scc' },
    { name: { en: 'Teachers', fr: 'Enseignants' } },
    { name: { en: 'Our partner in Germany', fr: 'Notre partenaire en Allemagne' }, country: 'DE' },
  ],
  retention: { en: '13 months after each viewing', fr: '13 mois après chaque visionnage' },
  source: { en: 'The video player', fr: 'Le lecteur vidéo' },
  automatedDecisions: { en: 'Recommendations from the videos watched', fr: 'Recommandations selon les vidéos regardées' },
  labels: { email: { en: 'Email address', fr: 'Adresse électronique' }, seconds: { en: 'Seconds watched', fr: 'Secondes regardées' } },
};
const system = (art15: unknown, extra: object = {}) => ({ name: 'video', title: 'Video', type: 'dynamodb', table: 't', match: { attribute: 'email', subjectField: 'email' }, art15, ...extra });
const problemsOf = (art15: unknown, extra: object = {}, context = both) => checkConnectors([system(art15, extra)], context).problems;

describe('checkConnectors: what each system declares (art15)', () => {
  it('accepts a complete declaration and keeps it on the connector', () => {
    const { connectors, problems } = checkConnectors([system(complete)], both);

    expect(problems).toEqual([]);
    expect(connectors[0].art15).toEqual(complete);
  });

  it('requires the declaration of every system', () => {
    expect(problemsOf(undefined)).toEqual([expect.stringMatching(/^connector video: art15 is required/)]);
  });

  it.each([
    ['retention', { ...complete, retention: { en: 'Kept 13 months' } }, 'connector video: art15.retention has no "fr"'],
    ['a purpose', { ...complete, purposes: [{ purpose: { fr: 'Diffuser' }, legalBasis: 'contract' }] }, 'connector video: art15.purposes #1.purpose has no "en"'],
    ['a category', { ...complete, categories: [complete.categories[0], { en: 'Devices' }] }, 'connector video: art15.categories #2 has no "fr"'],
    ['a recipient', { ...complete, recipients: [{ name: { en: 'Host' } }] }, 'connector video: art15.recipients #1.name has no "fr"'],
    ['the source', { ...complete, source: { fr: 'Le lecteur', en: ' ' } }, 'connector video: art15.source has no "en"'],
    ['automated decisions', { ...complete, automatedDecisions: { en: 'None' } }, 'connector video: art15.automatedDecisions has no "fr"'],
    ['a label', { ...complete, labels: { email: { en: 'Email' } } }, 'connector video: art15.labels.email has no "fr"'],
    ['a value\'s words', { ...complete, values: { status: { completed: { en: 'Completed' } } } }, 'connector video: art15.values.status.completed has no "fr"'],
    ['the system\'s name', { ...complete, title: { fr: 'Vidéo' } }, 'connector video: art15.title has no "en"'],
    ['a legitimate interest', { ...complete, purposes: [{ ...complete.purposes[1], interest: undefined }] }, 'connector video: art15.purposes #1.interest must be a text in each language: { "fr": "…", "en": "…" }'],
  ])('refuses a missing translation of %s, naming the field and the language', (_what, art15, message) => {
    expect(problemsOf(art15)).toEqual([message]);
  });

  it('asks only for the deployment\'s languages', () => {
    const english = { ...complete, retention: { en: 'Kept 13 months' } };

    expect(problemsOf(english, {}, { ...both, languages: ['en'] as any })).toEqual([]);
    expect(problemsOf(english)).toEqual(['connector video: art15.retention has no "fr"']);
  });

  it.each([
    ['an unknown legal basis', { ...complete, purposes: [{ ...complete.purposes[0], legalBasis: 'contractual' }] }, /purposes #1\.legalBasis must be one of consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests/],
    ['an unknown safeguard', { ...complete, recipients: [{ ...complete.recipients[0], safeguard: 'trust-us' }] }, /recipients #1\.safeguard must be one of adequacy, scc, bcr, derogation \(got "trust-us"\)/],
    ['a transfer without a safeguard', { ...complete, recipients: [{ ...complete.recipients[0], safeguard: undefined }] }, /recipients #1\.safeguard must be one of .* for a transfer to US/],
    ['a country that is not ISO 3166 alpha-2', { ...complete, recipients: [{ ...complete.recipients[0], country: 'USA' }] }, /recipients #1\.country must be an ISO 3166 alpha-2 code such as US \(got "USA"\)/],
    ['an unassigned country code', { ...complete, recipients: [{ ...complete.recipients[0], country: 'XX' }] }, /country must be an ISO 3166 alpha-2 code/],
    ['a safeguard inside the EEA', { ...complete, recipients: [{ ...complete.recipients[2], safeguard: 'scc' }] }, /recipients #1: DE is in the EEA, where no transfer safeguard applies/],
    ['a purpose id that dsr:purposes does not have', { ...complete, purposes: [{ ...complete.purposes[0], purposeId: 'spam' }] }, /purposes #1\.purposeId must be one of dsr:purposes \(marketing, analytics, profiling\)/],
    ['a language that is not offered', { ...complete, retention: { ...complete.retention, de: '13 Monate' } }, /art15\.retention has "de", which is not a language offered/],
    ['an over-long text', { ...complete, retention: { ...complete.retention, fr: 'x'.repeat(501) } }, /art15\.retention\.fr is longer than 500 characters/],
    ['an over-long label', { ...complete, labels: { email: { en: 'x'.repeat(101), fr: 'Courriel' } } }, /art15\.labels\.email\.en is longer than 100 characters/],
    ['no purpose', { ...complete, purposes: [] }, /art15\.purposes must be a list of 1 to 30 entries/],
    ['too many categories', { ...complete, categories: Array(31).fill(complete.categories[0]) }, /art15\.categories must be a list of 1 to 30 entries/],
    ['a label for something that is not an attribute name', { ...complete, labels: { 'first name': { en: 'First name', fr: 'Prénom' } } }, /art15\.labels has "first name", which is not an attribute name/],
    ['an unknown field', { ...complete, transfers: [] }, /art15 has an unknown field "transfers"/],
  ])('refuses %s', (_what, art15, message) => {
    const problems = problemsOf(art15);

    expect(problems).toEqual([expect.stringMatching(message)]);
    expect(problems[0]).toMatch(/^connector video: art15/);
  });

  it('wants a label for each attribute a table exports, and none for another', () => {
    const problems = problemsOf(complete, { attributes: ['email', 'video', 'seconds'] });
    expect(problems).toEqual(['connector video: art15.labels has no label for video']);
    expect(problemsOf(complete, { attributes: ['email'] })).toEqual(['connector video: art15.labels.seconds labels an attribute the system does not export']);
  });
});

describe('the demo platform\'s declarations', () => {
  it('are complete in French and English for each of its systems', () => {
    const { connectors, problems } = checkConnectors(demoConnectors('http://127.0.0.1:1/dsr'), both);

    expect(problems).toEqual([]);
    expect(connectors).toHaveLength(10);
    for (const c of connectors) expect(c.art15?.purposes.length, c.name).toBeGreaterThan(0);
  });

  it('name the US video host\'s transfer with its Standard Contractual Clauses, and the newsletter\'s consent', () => {
    const byName = Object.fromEntries(demoConnectors('http://127.0.0.1:1/dsr').map((c) => [c.name, c.art15!]));

    expect(byName['video-platform'].recipients).toContainEqual(expect.objectContaining({ country: 'US', safeguard: 'scc' }));
    expect(byName.newsletter.purposes).toEqual([expect.objectContaining({ legalBasis: 'consent', purposeId: 'marketing' })]);
    expect(byName['lms-grades'].purposes.map((p) => p.legalBasis)).toEqual(['public_task', 'legal_obligation']);
  });
});

describe('docs/connectors.md', () => {
  it('documents a declaration that passes the checks', () => {
    const doc = readFileSync(new URL('../../../docs/connectors.md', import.meta.url), 'utf8');
    const example = /```json\n("art15": \{[\s\S]*?\n\})\n```/.exec(doc)![1];

    expect(problemsOf(JSON.parse(`{${example}}`).art15)).toEqual([]);
  });
});
