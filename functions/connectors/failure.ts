import { clip } from '../shared/bounds.js';

/** Most of a failure's message the workflow sees: a Lambda's error becomes the `Cause` a Catch puts in the state. */
export const MAX_ERROR_MESSAGE_BYTES = 300;
/** A name Retry and Catch can match; `States.` names are Step Functions' own. */
const ERROR_NAME = /^(?!States\.)[A-Za-z][A-Za-z0-9_.]{0,79}$/;
const FRAMES = 10;

/**
 * The error a connector step fails with, as Step Functions reads it: a plain name (Retry
 * and Catch match it; anything else becomes a ConnectorError, which goes to the DPO) and a
 * short message, so that what a system said or a connector quoted never fills the state.
 * The cause is left behind: it may hold that text.
 */
export function boundedError(error: unknown): Error {
  const original = error instanceof Error ? error : Object.assign(new Error(typeof error === 'string' ? error : 'a connector failed with something other than an error'), { name: 'ConnectorError' });
  const bounded = new Error(clip(original.message, MAX_ERROR_MESSAGE_BYTES) ?? '');
  bounded.name = ERROR_NAME.test(original.name) ? original.name : 'ConnectorError';
  // The original's innermost frames, for the log: where it failed, nothing of what it said.
  const frames = (original.stack ?? '').split('\n').filter((line) => line.startsWith('    at ')).slice(0, FRAMES).map((line) => line.slice(0, 300));
  bounded.stack = [`${bounded.name}: ${bounded.message}`, ...frames].join('\n');
  return bounded;
}

/**
 * A connector's function whose failures are bounded (above).
 *
 * @example export const handler = boundingFailures(async (event) => runOperation(...));
 */
export function boundingFailures<E, R>(run: (event: E) => Promise<R>): (event: E) => Promise<R> {
  return async (event) => {
    try {
      return await run(event);
    } catch (error) {
      throw boundedError(error);
    }
  };
}
