/**
 * What the workflow tells a step with side effects about itself: the state's name and when
 * it was entered (`$$.State.Name`, `$$.State.EnteredTime`). Both are the same for every
 * Retry attempt of one visit of the state, and differ for the next visit (a gate asked
 * again, another round), so they name the step's effects: a retry finds them done.
 */
export interface StepInput {
  stepName?: string;
  stepEnteredAt?: string;
}

/**
 * The key of one effect of one step (`<entered at>#<state>`, then `parts`); undefined for a
 * call from outside the workflow, which is not retried.
 *
 * @example stepKey(input, 'recipient', 'partner') // '2026-03-01T09:00:00.000Z#TellRecipients#recipient#partner'
 */
export function stepKey(input: StepInput, ...parts: string[]): string | undefined {
  if (!input.stepName || !input.stepEnteredAt) return undefined;
  return [input.stepEnteredAt, input.stepName, ...parts].join('#');
}
