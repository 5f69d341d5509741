import { describe, expect, it } from 'vitest';
import { boundIdentifiers, boundRetained, changeOutcome, eraseOutcome, exportOutcome, lookupOutcome, MAX_NOTE_BYTES, MAX_OUTCOME_BYTES, verifyOutcome } from '../../../functions/connectors/outcome.js';
import { keptUntil, RetainedTally, ruleKeeping } from '../../../functions/connectors/retention.js';
import type { RetentionRule } from '../../../functions/connectors/declarations.js';

const invoices: RetentionRule = { category: 'Invoices', legalBasis: 'Commercial Code L123-22', keepFor: { years: 10 }, from: 'issuedAt', where: { attribute: 'kind', equals: 'invoice' } };

describe('keptUntil', () => {
  it('adds the period to the record\'s own date, the 29th of February clamped like the legal clock', () => {
    expect(keptUntil(invoices, '2026-03-02')).toBe('2036-03-02');
    expect(keptUntil(invoices, '2024-02-29T10:00:00Z')).toBe('2034-02-28');
    expect(keptUntil({ ...invoices, keepFor: { months: 1, days: 1 } }, '2027-01-31')).toBe('2027-03-01');
  });
});

describe('ruleKeeping', () => {
  it('keeps what a rule\'s where matches, everything for a rule without where, nothing without rules', () => {
    expect(ruleKeeping([invoices], { kind: 'invoice' })).toBe(invoices);
    expect(ruleKeeping([invoices], { kind: 'payment-method' })).toBeUndefined();
    expect(ruleKeeping([{ ...invoices, where: undefined }], { kind: 'anything' })).toBeDefined();
    expect(ruleKeeping(undefined, { kind: 'invoice' })).toBeUndefined();
  });
});

describe('RetainedTally', () => {
  it('counts per rule until the latest date, from the erasure where a record has no readable date', () => {
    const tally = new RetainedTally('2026-11-24T10:00:00Z');
    tally.add(invoices, { issuedAt: '2025-09-15' });
    tally.add(invoices, { issuedAt: '2026-03-02' });
    tally.add(invoices, { issuedAt: 'not a date' });
    expect(tally.list()).toEqual([{ category: 'Invoices', legalBasis: 'Commercial Code L123-22', until: '2036-11-24', count: 3 }]);
  });
});

describe('what a system says, bounded before it enters the workflow', () => {
  const long = 'x'.repeat(5_000_000);
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

  it('clips a 5 MB note of every answer that has one to 500 bytes, marked, and says the answer was clipped', () => {
    const outcomes = [
      exportOutcome('lms', { status: 'partial', files: [], note: long }),
      eraseOutcome('lms', { status: 'done', erased: 1, note: long }),
      verifyOutcome('lms', { remaining: 0, note: long }),
      changeOutcome('lms', 'rectify', { status: 'done', changed: 1, note: long }),
      changeOutcome('lms', 'restrict', { status: 'done', changed: 1, note: long }),
      changeOutcome('lms', 'lift', { status: 'done', changed: 1, note: long }),
    ];
    for (const outcome of outcomes) {
      expect(Buffer.byteLength(outcome.note!)).toBe(MAX_NOTE_BYTES);
      expect(outcome.note).toMatch(/^x+ \[…\]$/);
      expect(outcome.clipped).toBe(true);
      expect(bytes(outcome)).toBeLessThanOrEqual(MAX_OUTCOME_BYTES);
    }
  });

  it('cuts retention texts and keeps at most ten entries, dropping bad dates and counts', () => {
    const retained = boundRetained(Array.from({ length: 50 }, () => ({ category: long, legalBasis: long, until: '2036-13-99 or so', count: -4 })))!;
    expect(retained).toHaveLength(10);
    expect(Buffer.byteLength(retained[0].category)).toBe(200);
    expect(Buffer.byteLength(retained[0].legalBasis)).toBe(300);
    expect(retained[0]).not.toHaveProperty('until');
    expect(retained[0].count).toBe(0);
    expect(boundRetained([])).toBeUndefined();
  });

  it('keeps a whole outcome within 2 KB whatever the answer: the note goes first, then the last retention entries', () => {
    const entries = Array.from({ length: 100_000 }, () => ({ category: long, legalBasis: long, until: '2036-01-31' }));
    const erased = eraseOutcome('billing', { status: 'retained', erased: 1, note: long, retained: entries });
    expect(bytes(erased)).toBeLessThanOrEqual(MAX_OUTCOME_BYTES);
    expect(erased).not.toHaveProperty('note');
    expect(erased.retained!.length).toBeGreaterThanOrEqual(2);
    expect(erased.retained![0]).toMatchObject({ until: '2036-01-31' });
    expect(erased.clipped).toBe(true);

    const found = lookupOutcome('lms', { found: true, identifiers: Object.fromEntries(Array.from({ length: 100_000 }, (_v, i) => [`id${i}`, `u-${i}`])), retained: entries });
    expect(bytes(found)).toBeLessThanOrEqual(MAX_OUTCOME_BYTES);
    expect(Object.keys(found.identifiers!)).toHaveLength(5);
    expect(found.clipped).toBe(true);
  });

  it('leaves an answer within its bounds as it was, not marked', () => {
    const retained = [{ category: 'Invoices', legalBasis: 'Code de commerce, art. L123-22', until: '2036-01-31', count: 3 }];
    expect(eraseOutcome('billing', { status: 'retained', erased: 2, note: 'Invoices stay: the law keeps them.', retained })).toEqual({
      connector: 'billing', operation: 'erase', status: 'retained', erased: 2, note: 'Invoices stay: the law keeps them.', retained,
    });
    expect(lookupOutcome('lms', { found: true, identifiers: { userId: 'u-1' } })).toEqual({ connector: 'lms', operation: 'lookup', status: 'done', identifiers: { userId: 'u-1' } });
    // Identifiers left out, and nothing else cut: still marked.
    expect(lookupOutcome('lms', { found: true, identifiers: Object.fromEntries(Array.from({ length: 8 }, (_v, i) => [`id${i}`, `u-${i}`])) })).toMatchObject({ clipped: true });
  });

  it('clips by bytes without splitting a character, and turns control characters into spaces', () => {
    const note = exportOutcome('lms', { status: 'partial', files: [], note: '注'.repeat(1000) }).note!;
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(MAX_NOTE_BYTES);
    expect(note).toMatch(/^注+ \[…\]$/);
    expect(changeOutcome('x', 'rectify', { status: 'done', changed: 1, note: 'a\u0000b\u202ec' }).note).toBe('a b c');
  });

  it('turns an unknown status into partial and a non-number into 0', () => {
    expect(eraseOutcome('x', { status: 'finished' as never, erased: 'many' as never })).toMatchObject({ status: 'partial', erased: 0 });
    expect(exportOutcome('x', { status: long as never, files: [] })).toMatchObject({ status: 'partial', fileCount: 0, bytes: 0 });
    expect(changeOutcome('x', 'rectify', { status: 'done', changed: 2 })).toEqual({ connector: 'x', operation: 'rectify', status: 'done', changed: 2 });
  });

  it('reads a verification as done only when nothing is left', () => {
    expect(verifyOutcome('x', { remaining: 0 }).status).toBe('done');
    expect(verifyOutcome('x', { remaining: 3 })).toMatchObject({ status: 'partial', remaining: 3 });
  });
});

describe('identifiers a system gives', () => {
  it('keep a few plain names with short readable values, never the address', () => {
    expect(boundIdentifiers({ userId: 'u-1', moodleId: 42, email: 'other@example.org', 'bad name': 'x', huge: 'y'.repeat(201), wide: 'é'.repeat(101), control: 'u\u0000', nested: { a: 1 } })).toEqual({ userId: 'u-1', moodleId: '42' });
    expect(boundIdentifiers(Object.fromEntries(Array.from({ length: 20 }, (_v, i) => [`id${i}`, String(i)])))).toEqual({ id0: '0', id1: '1', id2: '2', id3: '3', id4: '4' });
    expect(boundIdentifiers('nonsense')).toBeUndefined();
  });
});
