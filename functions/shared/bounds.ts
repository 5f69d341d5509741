/**
 * Bounds on text from outside (a data system's answer, an error it caused) before it
 * enters the workflow's state (256 KB) or a table's item (400 KB). Both limits count UTF-8
 * bytes, so these bounds do too.
 */

/**
 * Characters a person should not be shown: control characters but line breaks and tabs,
 * bidirectional overrides that would make a text read otherwise, lone halves of a UTF-16 pair.
 */
export const UNREADABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNREADABLE_ALL = new RegExp(UNREADABLE.source, 'g');

/** Ends a text cut to its bound; reads the same in every language. */
export const CLIPPED = ' […]';

/** The UTF-8 bytes `value` takes as JSON: how Step Functions measures a payload. */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '');

/**
 * Text from outside made fit to keep: unreadable characters become spaces, and a text over
 * `maxBytes` (UTF-8) is cut at a character and ends with CLIPPED, within the bound.
 * Undefined for what is not text, or is blank.
 *
 * @example clip(answer.note, 500) // 'The export left out 2 courses […]'
 */
export function clip(text: unknown, maxBytes: number): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  // A character takes at least one byte: what lies past maxBytes + 1 of them is cut anyway.
  const clean = text.slice(0, maxBytes + 1).replace(UNREADABLE_ALL, ' ');
  if (text.length <= maxBytes && Buffer.byteLength(clean) <= maxBytes) return clean;
  const room = maxBytes - Buffer.byteLength(CLIPPED);
  let kept = '';
  let bytes = 0;
  for (const character of clean) {
    bytes += Buffer.byteLength(character);
    if (bytes > room) break;
    kept += character;
  }
  return `${kept.trimEnd()}${CLIPPED}`;
}
