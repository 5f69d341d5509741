/**
 * `$$.State.EnteredTime` for the twin, which the interpreter does not provide. On AWS it
 * is the time the state was entered, the same for every Retry attempt of one visit; the
 * workflow's steps rely on that (a link expires when its step times out, a retried step
 * finds what its first attempt did). The interpreter calls a Task's handler again for each
 * attempt, so this remembers the time while the error of an attempt is one its Retry
 * list will retry, with the interpreter's own rule and attempt counts.
 */
export interface Retrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 3;

/** The index of the retrier that retries `error`, or undefined when the state will not retry it (as aws-local-stepfunctions decides). */
export function retrierFor(retriers: Retrier[], error: { name?: string; isRetryable?: boolean }, attempts: number[]): number | undefined {
  if (error.isRetryable === false) return undefined;
  for (const [i, retrier] of retriers.entries()) {
    const matches = retrier.ErrorEquals.some((e) => e === error.name || e === 'States.ALL' || (e === 'States.TaskFailed' && error.name !== 'States.Timeout'));
    if (matches) return attempts[i] < (retrier.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS) ? i : undefined;
  }
  return undefined;
}

/** The entered times of one state in one execution, by the attempt's input (a Map's iterations differ by theirs). */
export class EnteredTimes {
  private readonly retrying = new Map<string, { at: string; attempts: number[] }>();

  constructor(private readonly retriers: Retrier[] = []) {}

  /** Runs one attempt with the time its visit began: a fresh one, unless the previous attempt on this input is being retried. */
  async attempt<T>(input: unknown, now: () => Date, run: (enteredAt: string) => Promise<T>): Promise<T> {
    const key = JSON.stringify(input);
    const visit = this.retrying.get(key) ?? { at: now().toISOString(), attempts: this.retriers.map(() => 0) };
    this.retrying.delete(key);
    try {
      return await run(visit.at);
    } catch (error) {
      const i = retrierFor(this.retriers, error as Error & { isRetryable?: boolean }, visit.attempts);
      if (i !== undefined) {
        visit.attempts[i]++;
        this.retrying.set(key, visit);
      }
      throw error;
    }
  }
}
