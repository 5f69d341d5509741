/**
 * A draft of the notification of a personal-data breach to the supervisory authority
 * (Art. 33 GDPR), built from the register's record, item by item in the order of the CNIL's
 * online form, so that the DPO can paste each value into its field. Pure: no clock, no I/O.
 */
import { notificationDeadline, type Breach, type BreachNature } from './breach.js';
import { dateFormatter, pluralsOf } from './formats.js';
import type { Locale } from './rights.js';

/** The items of the draft, in the order of the authority's form. Ids are stable: tools and tests rely on them. */
export const BREACH_DRAFT_ITEMS = [
  'notification-type',
  'controller',
  'contact',
  'dates',
  'nature',
  'people',
  'records',
  'consequences',
  'measures',
  'people-informed',
  'delay',
  'phased',
] as const;
export type BreachDraftItemId = (typeof BREACH_DRAFT_ITEMS)[number];

export interface BreachDraftItem {
  id: BreachDraftItemId;
  label: string;
  value: string;
}

export interface BreachDraftContext {
  locale: Locale;
  /** The controller's time zone: every date of the draft is written in it. */
  timeZone: string;
  /** Name (and address) of the controller, when the deployment declares it. */
  controllerName?: string;
  /** The DPO's address: the contact point when the record names none. */
  dpoEmail: string;
  /** When the draft is produced. */
  now: Date;
}

export interface BreachDraft {
  language: Locale;
  items: BreachDraftItem[];
  /** The whole draft as plain text: a title, the breach's id, then each item's label and value. */
  text: string;
}

interface DraftTexts {
  title: string;
  breachId: (id: string) => string;
  labels: Record<BreachDraftItemId, string>;
  initial: string;
  followUp: (at: string, reference?: string) => string;
  controllerMissing: string;
  occurred: (when: string) => string;
  occurredUnknown: string;
  aware: (when: string) => string;
  drafted: (when: string) => string;
  natures: Record<BreachNature, string>;
  nature: (list: string) => string;
  categories: (value: string) => string;
  categoriesUnknown: string;
  count: (value: string) => string;
  countUnknown: string;
  consequencesMissing: string;
  measuresMissing: string;
  natureMissing: string;
  informed: Record<Breach['risk'], string>;
  informedUnknown: string;
  /** What the communication to the people (Art. 34) has done, once asked for. */
  told: (count: number, when: string) => string;
  beingTold: (count: number) => string;
  delayMissing: string;
  phased: string;
  at: (date: string, timeZone: string) => string;
}

/** A moment for the authority's form: its time zone by its IANA name, which reads the same in every language. */
const dateTime = (locale: string) => (instant: string, timeZone: string) =>
  `${dateFormatter(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone })(new Date(instant))} (${timeZone})`;
const EN = pluralsOf('en-GB');
const FR = pluralsOf('fr-FR');

const TEXTS: Record<Locale, DraftTexts> = {
  en: {
    title: 'Personal data breach notification — draft',
    breachId: (id) => `Internal reference: ${id}`,
    labels: {
      'notification-type': 'Type of notification',
      controller: 'Controller',
      contact: 'Contact point for more information (Art. 33(3)(b) GDPR)',
      dates: 'Dates',
      nature: 'Nature of the breach (Art. 33(3)(a) GDPR)',
      people: 'People concerned (Art. 33(3)(a) GDPR)',
      records: 'Personal data records concerned (Art. 33(3)(a) GDPR)',
      consequences: 'Likely consequences (Art. 33(3)(c) GDPR)',
      measures: 'Measures taken or proposed (Art. 33(3)(d) GDPR)',
      'people-informed': 'Informing the people concerned (Art. 34 GDPR)',
      delay: 'Reasons for the delay (Art. 33(1) GDPR)',
      phased: 'Information in phases (Art. 33(4) GDPR)',
    },
    initial: 'Initial notification',
    followUp: (at, reference) => `Follow-up to the initial notification of ${at}${reference ? `, reference ${reference}` : ''}`,
    controllerMissing: "(to complete: the controller's name and address)",
    occurred: (when) => `Occurred: ${when}`,
    occurredUnknown: 'Occurred: unknown',
    aware: (when) => `Became aware: ${when}`,
    drafted: (when) => `Draft produced: ${when}`,
    natures: { confidentiality: 'loss of confidentiality', integrity: 'loss of integrity', availability: 'loss of availability' },
    nature: (list) => `Nature: ${list}`,
    categories: (value) => `Categories: ${value}`,
    categoriesUnknown: 'Categories: not known yet',
    count: (value) => `Approximate number: ${value}`,
    countUnknown: 'Approximate number: not known yet',
    natureMissing: '(to complete: what happened, and the nature of the breach)',
    consequencesMissing: '(to assess: the likely consequences for the people concerned)',
    measuresMissing: '(to complete: the measures taken or proposed, including those to mitigate the effects)',
    informed: {
      high: 'High risk: the people concerned must be told of the breach without undue delay (Art. 34(1) GDPR).',
      risk: 'Not required: the risk to the people concerned is not high (Art. 34(1) GDPR).',
      none: 'No notification is due at all: the breach is unlikely to result in a risk to the people, so neither the authority nor the people need to be notified (Art. 33(1) GDPR).',
    },
    informedUnknown: '(to complete: whether the people concerned must be told, Art. 34 GDPR)',
    told: (count, when) => `The people concerned were told on ${when}: ${EN.count(count, 'message', 'messages')}.`,
    beingTold: (count) => `The people concerned are being told${count ? ` (${EN.count(count, 'address', 'addresses')})` : ''}.`,
    delayMissing: '(to complete: the reasons for the delay, required after 72 hours)',
    phased: 'The information not yet available will be provided in phases, in follow-up notifications, without undue further delay (Art. 33(4) GDPR).',
    at: dateTime('en-GB'),
  },
  fr: {
    title: 'Notification de violation de données personnelles — brouillon',
    breachId: (id) => `Référence interne : ${id}`,
    labels: {
      'notification-type': 'Type de notification',
      controller: 'Responsable de traitement',
      contact: 'Point de contact pour en savoir plus (art. 33(3)(b) RGPD)',
      dates: 'Dates',
      nature: 'Nature de la violation (art. 33(3)(a) RGPD)',
      people: 'Personnes concernées (art. 33(3)(a) RGPD)',
      records: 'Enregistrements de données personnelles concernés (art. 33(3)(a) RGPD)',
      consequences: 'Conséquences probables (art. 33(3)(c) RGPD)',
      measures: 'Mesures prises ou envisagées (art. 33(3)(d) RGPD)',
      'people-informed': 'Information des personnes concernées (art. 34 RGPD)',
      delay: 'Motifs du retard (art. 33(1) RGPD)',
      phased: 'Informations communiquées en plusieurs temps (art. 33(4) RGPD)',
    },
    initial: 'Notification initiale',
    followUp: (at, reference) => `Notification complémentaire à la notification initiale du ${at}${reference ? `, référence ${reference}` : ''}`,
    controllerMissing: '(à compléter : nom et adresse du responsable de traitement)',
    occurred: (when) => `Date de la violation : ${when}`,
    occurredUnknown: 'Date de la violation : inconnue',
    aware: (when) => `Prise de connaissance : ${when}`,
    drafted: (when) => `Brouillon établi le : ${when}`,
    natures: { confidentiality: 'perte de confidentialité', integrity: 'perte d’intégrité', availability: 'perte de disponibilité' },
    nature: (list) => `Nature : ${list}`,
    categories: (value) => `Catégories : ${value}`,
    categoriesUnknown: 'Catégories : pas encore connues',
    count: (value) => `Nombre approximatif : ${value}`,
    countUnknown: 'Nombre approximatif : pas encore connu',
    natureMissing: '(à compléter : ce qui s’est passé et la nature de la violation)',
    consequencesMissing: '(à évaluer : les conséquences probables pour les personnes concernées)',
    measuresMissing: '(à compléter : les mesures prises ou envisagées, y compris pour en atténuer les conséquences)',
    informed: {
      high: 'Risque élevé : les personnes concernées doivent être informées de la violation dans les meilleurs délais (art. 34(1) RGPD).',
      risk: 'Non requise : le risque pour les personnes concernées n’est pas élevé (art. 34(1) RGPD).',
      none: 'Aucune notification n’est due : la violation n’est pas susceptible d’engendrer un risque pour les personnes ; ni l’autorité ni les personnes n’ont à en être informées (art. 33(1) RGPD).',
    },
    informedUnknown: '(à compléter : si les personnes concernées doivent être informées, art. 34 RGPD)',
    told: (count, when) => `Les personnes concernées ont été informées le ${when} : ${FR.count(count, 'message', 'messages')}.`,
    beingTold: (count) => `Les personnes concernées sont en cours d’information${count ? ` (${FR.count(count, 'adresse', 'adresses')})` : ''}.`,
    delayMissing: '(à compléter : les motifs du retard, obligatoires après 72 heures)',
    phased: 'Les informations qui ne sont pas encore disponibles seront communiquées de manière échelonnée, par des notifications complémentaires, sans autre retard indu (art. 33(4) RGPD).',
    at: dateTime('fr-FR'),
  },
};

/** A recorded text worth showing: present and not blank (a blank field is as good as missing). */
const given = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const givenNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The draft of the notification to the supervisory authority: every item of Art. 33(3) GDPR
 * and what the CNIL's form asks, in the form's order, in the DPO's language and time zone.
 * Values keep the record's text as is (they are pasted into a form); what is missing is
 * a placeholder saying what to complete, never "undefined".
 *
 * @example
 * const draft = breachDraft(breach, { locale: 'fr', timeZone: 'Europe/Paris', dpoEmail: 'dpo@example.org', now: new Date() });
 * draft.items.find((item) => item.id === 'nature')?.value; // the summary, then "Nature : perte de confidentialité"
 * draft.text; // the whole draft, to read or to keep
 */
export function breachDraft(breach: Breach, context: BreachDraftContext): BreachDraft {
  const t = TEXTS[context.locale];
  const { timeZone } = context;
  const at = (instant: string) => (Number.isNaN(Date.parse(instant)) ? instant : t.at(instant, timeZone));
  const items: BreachDraftItem[] = [];
  const add = (id: BreachDraftItemId, value: string) => items.push({ id, label: t.labels[id], value });

  const initial = (breach.notifications ?? []).find((notification) => notification.phase === 'initial');
  add('notification-type', initial ? t.followUp(at(initial.at), given(initial.reference) ? initial.reference : undefined) : t.initial);

  add('controller', given(context.controllerName) ? context.controllerName : t.controllerMissing);
  add('contact', given(breach.contact) ? breach.contact : context.dpoEmail);

  add(
    'dates',
    [given(breach.occurredAt) ? t.occurred(at(breach.occurredAt)) : t.occurredUnknown, t.aware(at(breach.awareAt)), t.drafted(at(context.now.toISOString()))].join('\n'),
  );

  const natures = (breach.nature ?? []).filter((nature) => nature in t.natures).map((nature) => t.natures[nature]);
  const nature = [...(given(breach.summary) ? [breach.summary] : []), ...(natures.length > 0 ? [t.nature(natures.join(', '))] : [])];
  add('nature', nature.length > 0 ? nature.join('\n') : t.natureMissing);

  add(
    'people',
    [
      given(breach.categoriesOfPeople) ? t.categories(breach.categoriesOfPeople) : t.categoriesUnknown,
      givenNumber(breach.peopleCount) ? t.count(String(breach.peopleCount)) : t.countUnknown,
    ].join('\n'),
  );
  add(
    'records',
    [
      given(breach.recordCategories) ? t.categories(breach.recordCategories) : t.categoriesUnknown,
      givenNumber(breach.recordCount) ? t.count(String(breach.recordCount)) : t.countUnknown,
    ].join('\n'),
  );
  add('consequences', given(breach.consequences) ? breach.consequences : t.consequencesMissing);
  add('measures', given(breach.measures) ? breach.measures : t.measuresMissing);
  // What was done, once a communication is under way or over; else what the risk calls for.
  const communication = breach.communication;
  const told =
    communication?.state === 'sent' && communication.finishedAt
      ? t.told(communication.recipients ?? 0, t.at(communication.finishedAt, context.timeZone))
      : communication && ['preparing', 'awaiting_approval', 'sending'].includes(communication.state)
        ? t.beingTold(communication.recipients ?? 0)
        : undefined;
  add('people-informed', told ?? t.informed[breach.risk] ?? t.informedUnknown);

  // Late is judged when the authority was (or is about to be) notified: the initial notification's
  // time once it exists (a follow-up after an on-time initial needs no reasons), else now.
  const notifiedAt = initial && !Number.isNaN(Date.parse(initial.at)) ? Date.parse(initial.at) : context.now.getTime();
  if (notifiedAt > notificationDeadline(breach.awareAt).getTime()) {
    add('delay', initial && given(initial.delayReason) ? initial.delayReason : t.delayMissing);
  }

  const missing =
    !given(breach.categoriesOfPeople) ||
    !givenNumber(breach.peopleCount) ||
    !given(breach.recordCategories) ||
    !givenNumber(breach.recordCount) ||
    !given(breach.consequences) ||
    !given(breach.measures);
  if (missing) add('phased', t.phased);

  const text = [`${t.title}\n${t.breachId(breach.breachId)}`, ...items.map((item) => `${item.label}\n${item.value}`)].join('\n\n');
  return { language: context.locale, items, text };
}
