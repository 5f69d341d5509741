import { describe, expect, it } from 'vitest';
import { readableKey, readableValue, type ValueFormat } from '../../../functions/assemble-archive/values.js';
import { messages } from '../../../functions/shared/i18n.js';

const format = (locale: 'en' | 'fr'): ValueFormat => ({ t: messages[locale], timeZone: 'Europe/Paris', label: (a) => (a === 'brand' ? 'Card network' : readableKey(a)) });

describe('readableValue', () => {
  it('writes dates, times and numbers as the learner’s language does, times in the controller’s time zone', () => {
    expect(readableValue('2026-10-05', format('fr'))).toBe(messages.fr.date('2026-10-05'));
    expect(readableValue('2026-10-05', format('en'))).toBe(messages.en.date('2026-10-05'));
    expect(readableValue('2026-02-03T20:15:00Z', format('fr'))).toBe(messages.fr.dateTime('2026-02-03T20:15:00Z', 'Europe/Paris'));
    expect(readableValue('2026-02-03T20:15:00Z', format('fr'))).toContain('21:15');
    expect(readableValue(1234567.891, format('fr'))).toBe('1\u202f234\u202f567,891');
    expect(readableValue(1234567.891, format('en'))).toBe('1,234,567.891');
  });

  it('leaves text that only looks like a date, and identifiers written as text, as they are', () => {
    expect(readableValue('2026-13-45', format('en'))).toBe('2026-13-45');
    expect(readableValue('4201', format('fr'))).toBe('4201');
    expect(readableValue('2028-04', format('fr'))).toBe('2028-04');
  });

  it('says yes or no, joins lists and labels the values of a nested record', () => {
    expect(readableValue(true, format('fr'))).toBe('oui');
    expect(readableValue(['new courses', 'events'], format('en'))).toBe('new courses, events');
    expect(readableValue({ brand: 'Visa', lastUsedAt: '2026-10-05' }, format('en'))).toBe(`Card network: Visa, Last used at: ${messages.en.date('2026-10-05')}`);
    expect(readableValue({ brand: 'Visa' }, format('fr'))).toBe('Card network\u00a0: Visa');
    expect(readableValue(null, format('en'))).toBe('');
  });
});

describe('readableKey', () => {
  it('makes an attribute without a label readable', () => {
    expect(readableKey('lastLoginAt')).toBe('Last login at');
    expect(readableKey('amount_eur')).toBe('Amount eur');
    expect(readableKey('user.id')).toBe('User id');
  });
});
