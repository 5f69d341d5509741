import { describe, expect, it } from 'vitest';
import { instantOf } from '../../../functions/breach-form/handler.js';

describe('the breach form\'s local times', () => {
  it('reads a local time in the controller\'s zone', () => {
    expect(instantOf('2026-11-24T16:30', 'Europe/Paris')).toBe('2026-11-24T15:30:00.000Z');
    expect(instantOf('2026-07-01T09:00', 'Europe/Paris')).toBe('2026-07-01T07:00:00.000Z');
  });

  it('takes the earlier instant of a time the clocks show twice, so that the 72 hours never end late', () => {
    // 25 October 2026: Paris goes back from 03:00 CEST to 02:00 CET; 02:30 happens twice.
    expect(instantOf('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('leaves what is no local time for validation to refuse', () => {
    expect(instantOf('2026-11-24T25:00', 'Europe/Paris')).toBe('2026-11-24T25:00');
    expect(instantOf(undefined, 'Europe/Paris')).toBeUndefined();
  });
});
