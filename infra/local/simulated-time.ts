import { now } from '../../functions/shared/clock.js';

/** setTimeout's ceiling (about 24.8 days); longer sleeps go in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Resolves when the process clock (simulated in the twin, see functions/shared/clock.ts)
 * reaches `until`. Rejects with the signal's reason if aborted first.
 */
export async function sleepUntil(until: Date, signal?: AbortSignal): Promise<void> {
  const scale = Number(process.env.DSR_TIME_SCALE ?? 1) || 1;
  for (;;) {
    signal?.throwIfAborted();
    const simulatedMs = until.getTime() - now().getTime();
    if (simulatedMs <= 0) return;
    const realMs = Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(simulatedMs / scale)));
    await new Promise<void>((resolve, reject) => {
      const abort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      // The listener goes with the timer: a long sleep in steps, or a schedule's loop, must not pile them up.
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      }, realMs);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }
}

/**
 * The environment that starts the twin's simulated clock at `at`: from DSR_CLOCK_START when
 * given, else from the present moment when DSR_TIME_SCALE alone asks for a faster clock;
 * nothing (real time) when neither is set.
 */
export function simulatedClockEnv(env: NodeJS.ProcessEnv, at: Date): Record<string, string> {
  if (!env.DSR_CLOCK_START && !env.DSR_TIME_SCALE) return {};
  return { DSR_CLOCK_START: env.DSR_CLOCK_START || at.toISOString(), DSR_CLOCK_ANCHOR: String(at.getTime()) };
}

/** How `npm start` describes its clock. */
export function clockBanner(env: NodeJS.ProcessEnv): string {
  return env.DSR_CLOCK_START ? `simulated, from ${env.DSR_CLOCK_START} at ×${env.DSR_TIME_SCALE ?? 1}` : 'real time';
}
