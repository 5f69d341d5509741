import { RIGHTS } from '../shared/rights.js';
import { DETAILS_MAX_LENGTH, type FieldProblems } from '../shared/validation.js';

/** The longest value of each field worth giving back; anything longer was never the form's. */
const LONGEST: Record<string, number> = { email: 254, type: Math.max(...RIGHTS.map((r) => r.length)), locale: 2, details: DETAILS_MAX_LENGTH, purposes: 100 };
const MAX_PURPOSES = 20;

/**
 * What a form too large to read still says that the form can show again: the form's own
 * fields at lengths it allows (the purposes ticked, each other field's first value); a
 * longer field is left empty and marked too long, so the learner sees what to shorten.
 */
export function keptValues(body: string): { values: Record<string, unknown>; problems: FieldProblems } {
  const values: Record<string, unknown> = {};
  const problems: FieldProblems = {};
  const purposes: string[] = [];
  for (const [name, value] of new URLSearchParams(body)) {
    if (!(name in LONGEST)) continue;
    if (value.length > LONGEST[name]) problems[name] = 'too_long';
    else if (name !== 'purposes') values[name] ??= value;
    else if (purposes.length < MAX_PURPOSES) purposes.push(value);
  }
  if (purposes.length) values.purposes = purposes;
  return { values, problems };
}
