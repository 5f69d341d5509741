import { describe, expect, it } from 'vitest';
import { validateBreachFacts, validateNotification } from '../../../functions/shared/breach-validation.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const facts = (overrides: Record<string, unknown> = {}) => validateBreachFacts({ awareAt: '2026-11-24T09:00:00+01:00', summary: 'Lost laptop', risk: 'risk', ...overrides }, NOW);
const problemsOf = (result: ReturnType<typeof facts>) => (result.ok ? {} : result.problems);

describe('validateBreachFacts', () => {
  it('takes a real instant with its zone, and stores it in UTC', () => {
    expect(facts()).toEqual({ ok: true, value: { awareAt: '2026-11-24T08:00:00.000Z', summary: 'Lost laptop', risk: 'risk' } });
  });

  it.each([
    ['2026-02-30T10:00:00Z', 'a day that does not exist'],
    ['2026-11-24T24:00:00Z', 'hour 24'],
    ['2026-11-24T10:60:00Z', 'minute 60'],
    ['2026-11-24T10:00:00+23:59', 'an offset no zone has'],
    ['2026-11-24T10:00:00', 'no zone'],
    ['0000-01-01T00:00Z', 'before the GDPR applied'],
    ['2026-11-25T12:00:00Z', 'in the future'],
  ])('refuses %s (%s)', (awareAt) => {
    expect(problemsOf(facts({ awareAt }))).toEqual({ awareAt: 'invalid' });
  });

  it('refuses an occurrence after awareness, counts that are not whole numbers, repeated natures and unreadable text', () => {
    expect(problemsOf(facts({ occurredAt: '2026-11-24T10:00:00Z' }))).toEqual({ occurredAt: 'invalid' });
    expect(problemsOf(facts({ peopleCount: -1, recordCount: '1.5' }))).toEqual({ peopleCount: 'invalid', recordCount: 'invalid' });
    expect(problemsOf(facts({ nature: ['integrity', 'integrity'] }))).toEqual({ nature: 'invalid' });
    expect(problemsOf(facts({ summary: 'a\u202eb', measures: 'x\u2028y' }))).toEqual({ summary: 'invalid', measures: 'invalid' });
  });
});

describe('validateNotification', () => {
  it('refuses a time before the one given (awareness, or the initial notification for a follow-up) or in the future', () => {
    const at = (value: string, notBefore?: string) => validateNotification({ phase: 'follow-up', reference: 'R1', at: value }, NOW, '2026-11-20T00:00:00Z', notBefore);
    expect(at('2026-11-21T00:00:00Z').ok).toBe(true);
    expect(at('2026-11-21T00:00:00Z', '2026-11-22T00:00:00Z')).toEqual({ ok: false, problems: { at: 'invalid' } });
    expect(at('2026-11-19T00:00:00Z')).toEqual({ ok: false, problems: { at: 'invalid' } });
    expect(at('2026-11-25T00:00:00Z')).toEqual({ ok: false, problems: { at: 'invalid' } });
  });

  it('refuses a reference that runs over lines', () => {
    expect(validateNotification({ phase: 'initial', reference: 'R1\u2028X' }, NOW, '2026-11-20T00:00:00Z')).toEqual({ ok: false, problems: { reference: 'invalid' } });
  });
});
