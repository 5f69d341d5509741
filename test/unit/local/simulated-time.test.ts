import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { clockBanner, simulatedClockEnv, sleepUntil } from '../../../infra/local/simulated-time.js';
import { simulatedClockFromEnv, simulatedNow } from '../../../functions/shared/clock.js';

describe('sleepUntil', () => {
  it('leaves no listener on the signal once a sleep ends, however many sleeps share it', async () => {
    const stop = new AbortController();
    for (let i = 0; i < 20; i++) await sleepUntil(new Date(Date.now() + 2), stop.signal);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });

  it('ends early, rejecting, when the signal aborts', async () => {
    const stop = new AbortController();
    const sleeping = sleepUntil(new Date(Date.now() + 60_000), stop.signal);
    stop.abort(new Error('closing'));
    await expect(sleeping).rejects.toThrow('closing');
  });
});

describe('the twin\'s clock settings', () => {
  const at = new Date('2026-11-25T10:00:00Z');

  it('start a scaled clock at the present moment when DSR_TIME_SCALE comes alone', () => {
    const env = { DSR_TIME_SCALE: '86400', ...simulatedClockEnv({ DSR_TIME_SCALE: '86400' }, at) };
    expect(env).toMatchObject({ DSR_CLOCK_START: '2026-11-25T10:00:00.000Z', DSR_CLOCK_ANCHOR: String(at.getTime()) });
    expect(simulatedNow(simulatedClockFromEnv(env)!, at.getTime() + 1_000).toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(clockBanner(env)).toBe('simulated, from 2026-11-25T10:00:00.000Z at ×86400');
  });

  it('start at DSR_CLOCK_START when given, and leave real time alone', () => {
    expect(simulatedClockEnv({ DSR_CLOCK_START: '2026-09-03T09:00:00+02:00' }, at)).toEqual({ DSR_CLOCK_START: '2026-09-03T09:00:00+02:00', DSR_CLOCK_ANCHOR: String(at.getTime()) });
    expect(simulatedClockEnv({}, at)).toEqual({});
    expect(clockBanner({})).toBe('real time');
  });
});
