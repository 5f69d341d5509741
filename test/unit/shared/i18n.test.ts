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

  it('write dates the way each language does', () => {
    expect(messages.en.date('2026-10-05')).toMatch(/^Monday,? 5 October 2026$/);
    expect(messages.fr.date('2026-10-05')).toBe('lundi 5 octobre 2026');
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
