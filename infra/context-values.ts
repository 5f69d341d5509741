/**
 * Values given with `-c key=value` arrive as text: a list as JSON or comma-separated, a
 * number as its digits, the connectors as JSON. These read such a text as cdk.json would
 * have held the value, and leave anything else as it is, for the setting's schema to judge.
 */

/** JSON's value, or the text itself where it is not JSON (for the schema to refuse). */
export function jsonFromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A list given as `["access","portability"]` or `access,portability` (empty: none). */
export function listFromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text.startsWith('[') ? jsonFromText(text) : text.split(',').map((v) => v.trim()).filter(Boolean);
}

/** A number given as `24`. */
export const numberFromText = (value: unknown): unknown => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value);
