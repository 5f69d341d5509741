import { describe, expect, it } from 'vitest';
import { simulatedClockFromEnv, simulatedNow } from '../../../functions/shared/clock.js';

describe('the simulated clock', () => {
  it('runs from its start at its scale', () => {
    const clock = simulatedClockFromEnv({ DSR_CLOCK_START: '2026-09-03T09:00:00+02:00', DSR_CLOCK_ANCHOR: '1000', DSR_TIME_SCALE: '3600' })!;
    expect(simulatedNow(clock, 1000).toISOString()).toBe('2026-09-03T07:00:00.000Z');
    expect(simulatedNow(clock, 3000).toISOString()).toBe('2026-09-03T09:00:00.000Z'); // 2 s × 3600 = 2 h
  });

  it('is off when no start is set', () => {
    expect(simulatedClockFromEnv({})).toBeUndefined();
  });

  it('refuses a bad start or scale with the variable’s name', () => {
    expect(() => simulatedClockFromEnv({ DSR_CLOCK_START: 'soon' })).toThrow(/DSR_CLOCK_START/);
    expect(() => simulatedClockFromEnv({ DSR_CLOCK_START: '2026-01-01T00:00:00Z', DSR_TIME_SCALE: '0' })).toThrow(/DSR_TIME_SCALE/);
  });
});
