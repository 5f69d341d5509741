import { describe, expect, it } from 'vitest';
import type { Breach, BreachNotification } from '../../../functions/shared/breach.js';
import { breachDraft, type BreachDraftContext } from '../../../functions/shared/breach-draft.js';

// Aware at 14:30 in Paris on 23 November 2026: the 72 hours end on 26 November at 14:30.
const AWARE_AT = '2026-11-23T13:30:00.000Z';
const WITHIN_72H = new Date('2026-11-25T13:30:00.000Z');
const AFTER_72H = new Date('2026-11-27T09:00:00.000Z');

const minimal = (overrides: Partial<Breach> = {}): Breach => ({
  breachId: 'brc-2026-007',
  openedAt: AWARE_AT,
  state: 'open',
  notifications: [],
  revision: 1,
  awareAt: AWARE_AT,
  summary: 'A teacher’s account was used to export the gradebook of two classes.',
  risk: 'risk',
  ...overrides,
});

const complete = (overrides: Partial<Breach> = {}): Breach =>
  minimal({
    occurredAt: '2026-11-22T21:05:00.000Z',
    nature: ['confidentiality', 'integrity'],
    categoriesOfPeople: 'learners, teachers',
    peopleCount: 1200,
    recordCategories: 'names, grades, e-mail addresses',
    recordCount: 5400,
    consequences: 'Grades disclosed to third parties; risk of phishing.',
    measures: 'Password reset for the account; MFA enforced for teachers.',
    contact: 'security@platform.example',
    ...overrides,
  });

const initial = (overrides: Partial<BreachNotification> = {}): BreachNotification => ({
  phase: 'initial',
  at: '2026-11-24T10:00:00.000Z',
  reference: 'CNIL-2026-0042',
  recordedAt: '2026-11-24T10:05:00.000Z',
  ...overrides,
});

const context = (overrides: Partial<BreachDraftContext> = {}): BreachDraftContext => ({
  locale: 'en',
  timeZone: 'Europe/Paris',
  controllerName: 'Académie en ligne SAS, 1 rue de la Paix, 75002 Paris',
  dpoEmail: 'dpo@platform.example',
  now: WITHIN_72H,
  ...overrides,
});

const ids = (draft: ReturnType<typeof breachDraft>) => draft.items.map((item) => item.id);
const value = (draft: ReturnType<typeof breachDraft>, id: string) => draft.items.find((item) => item.id === id)?.value;
const label = (draft: ReturnType<typeof breachDraft>, id: string) => draft.items.find((item) => item.id === id)?.label;

describe('breachDraft', () => {
  it('gives every item of Art. 33(3) with the record’s values, in the order of the authority’s form', () => {
    // Act
    const draft = breachDraft(complete(), context());

    // Assess
    expect(ids(draft)).toEqual([
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
    ]);
    expect(value(draft, 'notification-type')).toBe('Initial notification');
    expect(value(draft, 'controller')).toBe('Académie en ligne SAS, 1 rue de la Paix, 75002 Paris');
    expect(value(draft, 'contact')).toBe('security@platform.example');
    expect(value(draft, 'nature')).toBe(
      'A teacher’s account was used to export the gradebook of two classes.\nNature: loss of confidentiality, loss of integrity',
    );
    expect(value(draft, 'people')).toBe('Categories: learners, teachers\nApproximate number: 1200');
    expect(value(draft, 'records')).toBe('Categories: names, grades, e-mail addresses\nApproximate number: 5400');
    expect(value(draft, 'consequences')).toBe('Grades disclosed to third parties; risk of phishing.');
    expect(value(draft, 'measures')).toBe('Password reset for the account; MFA enforced for teachers.');
  });

  it('says what to complete where the record is silent, and falls back to the DPO as contact', () => {
    // Act
    const draft = breachDraft(minimal(), context({ controllerName: undefined, now: AFTER_72H }));

    // Assess
    expect(ids(draft)).toEqual([
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
    ]);
    expect(value(draft, 'controller')).toBe("(to complete: the controller's name and address)");
    expect(value(draft, 'contact')).toBe('dpo@platform.example');
    expect(value(draft, 'nature')).toBe('A teacher’s account was used to export the gradebook of two classes.');
    expect(value(draft, 'people')).toBe('Categories: not known yet\nApproximate number: not known yet');
    expect(value(draft, 'records')).toBe('Categories: not known yet\nApproximate number: not known yet');
    expect(value(draft, 'consequences')).toMatch(/^\(to assess/);
    expect(value(draft, 'measures')).toMatch(/^\(to complete/);
    expect(value(draft, 'dates')).toMatch(/^Occurred: unknown$/m);
  });

  it('writes the labels and values in French or in English', () => {
    // Act
    const fr = breachDraft(complete(), context({ locale: 'fr', controllerName: undefined }));
    const en = breachDraft(complete(), context({ locale: 'en' }));

    // Assess
    expect(fr.language).toBe('fr');
    expect(en.language).toBe('en');
    expect(label(fr, 'nature')).toBe('Nature de la violation (art. 33(3)(a) RGPD)');
    expect(label(en, 'nature')).toBe('Nature of the breach (Art. 33(3)(a) GDPR)');
    expect(label(fr, 'contact')).toBe('Point de contact pour en savoir plus (art. 33(3)(b) RGPD)');
    expect(label(en, 'measures')).toBe('Measures taken or proposed (Art. 33(3)(d) GDPR)');
    expect(value(fr, 'notification-type')).toBe('Notification initiale');
    expect(value(fr, 'controller')).toBe('(à compléter\u00a0: nom et adresse du responsable de traitement)');
    expect(value(fr, 'nature')).toMatch(/^Nature\u00a0: perte de confidentialité, perte d’intégrité$/m);
    expect(value(fr, 'people')).toBe('Catégories\u00a0: learners, teachers\nNombre approximatif\u00a0: 1200');
    expect(fr.text.split('\n')[0]).toBe('Notification de violation de données personnelles — brouillon');
    expect(en.text.split('\n')[0]).toBe('Personal data breach notification — draft');
  });

  it('writes every date in the time zone given, in long form', () => {
    // Act
    const paris = breachDraft(complete(), context({ locale: 'fr', timeZone: 'Europe/Paris' }));
    const newYork = breachDraft(complete(), context({ locale: 'en', timeZone: 'America/New_York' }));

    // Assess
    expect(value(paris, 'dates')).toMatch(/^Date de la violation\u00a0: 22 novembre 2026( à|,) 22:05 \(Europe\/Paris\)$/m);
    expect(value(paris, 'dates')).toMatch(/^Prise de connaissance\u00a0: 23 novembre 2026( à|,) 14:30 \(Europe\/Paris\)$/m);
    expect(value(paris, 'dates')).toMatch(/^Brouillon établi le\u00a0: 25 novembre 2026( à|,) 14:30 \(Europe\/Paris\)$/m);
    expect(value(newYork, 'dates')).toMatch(/^Occurred: 22 November 2026( at|,) 16:05 \(America\/New_York\)$/m);
    expect(value(newYork, 'dates')).toMatch(/^Became aware: 23 November 2026( at|,) 08:30 \(America\/New_York\)$/m);
    expect(value(newYork, 'dates')).toMatch(/^Draft produced: 25 November 2026( at|,) 08:30 \(America\/New_York\)$/m);
  });

  it('drafts a follow-up that names the initial notification once one was made', () => {
    // Act
    const fr = breachDraft(complete({ state: 'notified', notifications: [initial()] }), context({ locale: 'fr' }));
    const en = breachDraft(complete({ state: 'notified', notifications: [initial()] }), context({ locale: 'en' }));

    // Assess
    expect(value(fr, 'notification-type')).toMatch(
      /^Notification complémentaire à la notification initiale du 24 novembre 2026( à|,) 11:00 \(Europe\/Paris\), référence CNIL-2026-0042$/,
    );
    expect(value(en, 'notification-type')).toMatch(/^Follow-up to the initial notification of 24 November 2026.*, reference CNIL-2026-0042$/);
  });

  describe('the reasons for the delay', () => {
    it('are not asked within 72 hours of awareness, up to the deadline itself', () => {
      expect(ids(breachDraft(complete(), context({ now: WITHIN_72H })))).not.toContain('delay');
      expect(ids(breachDraft(complete(), context({ now: new Date('2026-11-26T13:30:00.000Z') })))).not.toContain('delay');
    });

    it('are asked with a placeholder after 72 hours', () => {
      // Act
      const en = breachDraft(complete(), context({ now: AFTER_72H }));
      const fr = breachDraft(complete(), context({ locale: 'fr', now: AFTER_72H }));

      // Assess
      expect(ids(en).at(-1)).toBe('delay');
      expect(value(en, 'delay')).toBe('(to complete: the reasons for the delay, required after 72 hours)');
      expect(label(fr, 'delay')).toBe('Motifs du retard (art. 33(1) RGPD)');
      expect(value(fr, 'delay')).toBe('(à compléter\u00a0: les motifs du retard, obligatoires après 72 heures)');
    });

    it('are the ones recorded with a late initial notification', () => {
      // Prepare
      const late = initial({ at: '2026-11-27T08:00:00.000Z', delayReason: 'The export was found in a log review days later.' });

      // Act
      const draft = breachDraft(complete({ state: 'notified', notifications: [late] }), context({ now: AFTER_72H }));

      // Assess
      expect(value(draft, 'delay')).toBe('The export was found in a log review days later.');
    });

    it('are not asked in a follow-up to an initial notification made on time', () => {
      const draft = breachDraft(complete({ state: 'notified', notifications: [initial()] }), context({ now: AFTER_72H }));

      expect(ids(draft)).not.toContain('delay');
    });
  });

  describe('the phased sentence', () => {
    it('is there when a fact is still missing', () => {
      for (const missing of ['categoriesOfPeople', 'peopleCount', 'recordCategories', 'recordCount', 'consequences', 'measures'] as const) {
        const draft = breachDraft(complete({ [missing]: undefined }), context());

        expect(value(draft, 'phased'), missing).toMatch(/in phases.*Art\. 33\(4\) GDPR/);
      }
      expect(value(breachDraft(minimal(), context({ locale: 'fr' })), 'phased')).toMatch(/échelonnée.*art\. 33\(4\) RGPD/);
    });

    it('is absent when every fact is given (a count of zero is a count)', () => {
      expect(ids(breachDraft(complete(), context()))).not.toContain('phased');
      expect(ids(breachDraft(complete({ recordCount: 0 }), context()))).not.toContain('phased');
    });
  });

  it('says what the communication to the people did, once there is one', () => {
    const communication = { texts: {}, requestedAt: AWARE_AT, execution: 'x', list: 'x', source: 'k', recipients: 31 };
    const sent = value(breachDraft(complete({ communication: { ...communication, state: 'sent', finishedAt: '2026-11-24T10:00:00.000Z' } }), context()), 'people-informed');
    const sending = value(breachDraft(complete({ communication: { ...communication, state: 'sending' } }), context()), 'people-informed');
    const lapsed = value(breachDraft(complete({ risk: 'high', communication: { ...communication, state: 'expired' } }), context()), 'people-informed');

    expect(sent).toMatch(/^The people concerned were told on 24 November 2026.*: 31 messages\.$/);
    expect(sending).toBe('The people concerned are being told (31 addresses).');
    expect(lapsed).toMatch(/must be told/); // what the high risk calls for, the communication having lapsed
  });

  it('says whether the people must be told, according to the risk', () => {
    // Act
    const [high, risk, none] = (['high', 'risk', 'none'] as const).map((level) => value(breachDraft(complete({ risk: level }), context()), 'people-informed'));
    const frNone = value(breachDraft(complete({ risk: 'none' }), context({ locale: 'fr' })), 'people-informed');

    // Assess
    expect(new Set([high, risk, none]).size).toBe(3);
    expect(high).toMatch(/must be told.*without undue delay/);
    expect(risk).toMatch(/^Not required: .*not high/);
    expect(none).toMatch(/^No notification is due at all/);
    expect(frNone).toMatch(/^Aucune notification n’est due/);
  });

  it('renders a plain text with every label and value, the record’s text as is, and nothing undefined', () => {
    // Prepare
    const raw = complete({ summary: 'Export of <grades> & "notes" via /api?x=1' });

    for (const locale of ['fr', 'en'] as const) {
      for (const [breach, now] of [
        [complete(), WITHIN_72H],
        [minimal({ nature: [] }), AFTER_72H],
      ] as const) {
        // Act
        const draft = breachDraft(breach, context({ locale, now, controllerName: undefined }));

        // Assess
        const lines = draft.text.split('\n');
        expect(lines[1]).toMatch(/brc-2026-007$/);
        for (const item of draft.items) {
          expect(draft.text).toContain(`\n\n${item.label}\n${item.value}`);
          expect(item.value).not.toBe('');
        }
        expect(draft.text).not.toMatch(/undefined|null|NaN|<\/?[a-z]+>|&amp;/);
      }
    }
    expect(breachDraft(raw, context()).text).toContain('Export of <grades> & "notes" via /api?x=1');
  });
});
