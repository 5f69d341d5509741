/**
 * The time every handler reads. On AWS it is the system clock. The local twin runs a
 * simulated clock so that a person can watch a month-long deadline pass in minutes: it
 * sets DSR_CLOCK_START (the simulated time at the anchor), DSR_CLOCK_ANCHOR (the real
 * epoch milliseconds the simulation started at) and DSR_TIME_SCALE (simulated seconds per
 * real second), so every process of the twin computes the same "now".
 */
export type Now = () => Date;

export interface SimulatedClock {
  start: number; // simulated epoch ms at the anchor
  anchor: number; // real epoch ms
  scale: number;
}

export function simulatedNow(clock: SimulatedClock, realNow = Date.now()): Date {
  return new Date(clock.start + (realNow - clock.anchor) * clock.scale);
}

/** Reads the simulated clock from the environment, or undefined when none is set. */
export function simulatedClockFromEnv(env: NodeJS.ProcessEnv = process.env): SimulatedClock | undefined {
  if (!env.DSR_CLOCK_START) return undefined;
  const start = Date.parse(env.DSR_CLOCK_START);
  const anchor = Number(env.DSR_CLOCK_ANCHOR ?? Date.now());
  const scale = Number(env.DSR_TIME_SCALE ?? 1);
  if (Number.isNaN(start)) throw new Error('DSR_CLOCK_START must be an ISO 8601 time');
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('DSR_TIME_SCALE must be a positive number');
  return { start, anchor, scale };
}

let configured: Now | undefined;

/** The process-wide clock: simulated when the twin configured one, else the system clock. */
export const now: Now = () => {
  if (!configured) {
    const simulated = simulatedClockFromEnv();
    configured = simulated ? () => simulatedNow(simulated) : () => new Date();
  }
  return configured();
};
