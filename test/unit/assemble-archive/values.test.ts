import { describe, expect, it } from 'vitest';
import { readableKey, readableValue, valueFormat } from '../../../functions/assemble-archive/values.js';
import { messages } from '../../../functions/shared/i18n.js';

const format = (locale: 'en' | 'fr') => valueFormat(messages[locale], 'Europe/Paris', (a) => (a === 'brand' ? 'Card network' : readableKey(a)));

describe('readableValue', () => {
  it('writes dates, times and numbers as the learner’s language does, times in the controller’s time zone', () => {
    expect(readableValue('2026-12-01', format('fr'))).toBe('1er déc. 2026');
    expect(readableValue('2026-12-01T08:00:00Z', format('fr'))).toBe('1er déc. 2026, 09:00');
    expect(readableValue('2026-12-01', format('en'))).toBe('1 Dec 2026');
    expect(readableValue('2026-02-03T20:15:00Z', format('fr'))).toBe('3 févr. 2026, 21:15');
    expect(readableValue('2026-07-03T20:15:00+00:00', format('en'))).toBe('3 Jul 2026, 22:15');
    expect(readableValue(1234567.891, format('fr'))).toBe('1\u202f234\u202f567,891');
    expect(readableValue(1234567.891, format('en'))).toBe('1,234,567.891');
  });

  it('leaves text that only looks like a date, and identifiers written as text, as they are', () => {
    expect(readableValue('2026-13-45', format('en'))).toBe('2026-13-45');
    expect(readableValue('2026-13-45T10:00:00Z', format('en'))).toBe('2026-13-45T10:00:00Z');
    expect(readableValue('4201', format('fr'))).toBe('4201');
    expect(readableValue('2028-04', format('fr'))).toBe('2028-04');
  });

  it('says yes or no, joins lists and labels the values of a nested record', () => {
    expect(readableValue(true, format('fr'))).toBe('oui');
    expect(readableValue(['new courses', 'events'], format('en'))).toBe('new courses, events');
    expect(readableValue({ brand: 'Visa', lastUsedAt: '2026-10-05' }, format('en'))).toBe('Card network: Visa, Last used at: 5 Oct 2026');
    expect(readableValue({ brand: 'Visa' }, format('fr'))).toBe('Card network\u00a0: Visa');
    expect(readableValue(null, format('en'))).toBe('');
  });
});

describe('a value nested deeper than anyone reads', () => {
  it('is cut with an ellipsis, however deep, instead of failing the archive', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(readableValue(deep, format('en'))).toBe('…');
  });
});

describe('readableKey', () => {
  it('makes an attribute without a label readable', () => {
    expect(readableKey('lastLoginAt')).toBe('Last login at');
    expect(readableKey('amount_eur')).toBe('Amount eur');
    expect(readableKey('user.id')).toBe('User id');
    expect(readableKey('email')).toBe('Email');
  });

  it('leaves a heading that is not a code name as written, as in a learner\'s own CSV', () => {
    expect(['x', 'f(x)', 'Note finale', 'HTTP status'].map(readableKey)).toEqual(['x', 'f(x)', 'Note finale', 'HTTP status']);
  });
});
