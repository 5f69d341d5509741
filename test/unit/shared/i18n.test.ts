import { describe, expect, it } from 'vitest';
import { messages, negotiateLocale } from '../../../functions/shared/i18n.js';
import { RIGHTS } from '../../../functions/shared/rights.js';

describe('messages', () => {
  it('name every right in both languages', () => {
    for (const right of RIGHTS) {
      expect(messages.fr.rights[right]).toMatch(/art\. \d+ RGPD/);
      expect(messages.en.rights[right]).toMatch(/Art\. \d+ GDPR/);
    }
  });

  it('write dates the way each language does, the first of the month "1er" in French', () => {
    expect(messages.en.date('2026-10-05')).toMatch(/^Monday,? 5 October 2026$/);
    expect(messages.fr.date('2026-10-05')).toBe('lundi 5 octobre 2026');
    expect(messages.fr.date('2026-12-01')).toBe('mardi 1er décembre 2026');
    expect(messages.en.date('2026-12-01')).toMatch(/^Tuesday,? 1 December 2026$/);
    expect(messages.fr.dateTime('2026-12-01T08:00:00Z', 'Europe/Paris')).toMatch(/^1er décembre 2026 à 09:00 /);
    expect(messages.fr.date('2026-12-11')).toBe('vendredi 11 décembre 2026');
  });

  it('name the time zone the same way in both languages: its long generic name', () => {
    expect(messages.en.dateTime('2026-07-01T07:00:00Z', 'Europe/Paris')).toMatch(/^1 July 2026,? at 09:00 Central European Time$/);
    expect(messages.fr.dateTime('2026-07-01T07:00:00Z', 'Europe/Paris')).toBe('1er juillet 2026 à 09:00 heure d’Europe centrale');
    expect(messages.en.zoneName('Europe/Paris')).toBe('Central European Time');
    expect(messages.fr.zoneName('Europe/Paris')).toBe('heure d’Europe centrale');
  });

  it('write sizes in each language’s units: kB and MB, ko and Mo (joined by a no-break space in French)', () => {
    expect(messages.en.size(12)).toBe('12 bytes');
    expect(messages.fr.size(12)).toMatch(/^12[\u00a0\u202f]octets$/);
    expect(messages.en.size(1_500)).toBe('1.5 kB');
    expect(messages.fr.size(1_500)).toMatch(/^1,5[\u00a0\u202f]ko$/);
    expect(messages.en.size(2_500_000)).toBe('2.5 MB');
    expect(messages.fr.size(2_500_000)).toMatch(/^2,5[\u00a0\u202f]Mo$/);
  });

  it('agree a noun with its count by each language’s plural rules', () => {
    expect(messages.en.attention.subject(1, 'export')).toBe('Needs attention: 1 system could not export');
    expect(messages.en.handWork.subject(0)).toBe('To do by hand: 0 systems');
    expect(messages.fr.handWork.subject(0)).toBe('À faire à la main\u00a0: 0 système');
    expect(messages.fr.attention.subject(1, 'exporter')).toBe('À traiter\u00a0: 1 système n’a pas pu exporter');
    expect(messages.fr.attention.subject(2, 'exporter')).toBe('À traiter\u00a0: 2 systèmes n’ont pas pu exporter');
    expect(messages.en.release.intro(1, '2 kB')).toMatch(/^The archive is built: 1 file, 2 kB\./);
    expect(messages.fr.digest.daysLeft(-1)).toBe('EN RETARD de 1 jour ouvré');
    expect(messages.en.communication.pageExplain(1_500)).toMatch(/^This message goes to 1,500 addresses,/);
    expect(messages.fr.communication.pageExplain(1_500)).toMatch(/^Ce message part vers 1\u202f500 adresses,/);
    expect(messages.fr.communication.approve(1, 0, 1)).toContain('1 identifiant de la liste n’a été trouvé dans aucun système\u00a0: personne ne sera prévenu à son titre.');
  });
});

describe('negotiateLocale', () => {
  it('takes the preferred offered language', () => {
    expect(negotiateLocale('en-GB,en;q=0.9,fr;q=0.8', ['fr', 'en'])).toBe('en');
    expect(negotiateLocale('de-DE,fr;q=0.5,en;q=0.7', ['fr', 'en'])).toBe('en');
  });

  it('falls back to the deployment’s first language', () => {
    expect(negotiateLocale(undefined, ['fr', 'en'])).toBe('fr');
    expect(negotiateLocale('de, es;q=0.5', ['en', 'fr'])).toBe('en');
    expect(negotiateLocale('en;q=0', ['fr', 'en'])).toBe('fr');
  });
});
