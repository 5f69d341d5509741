/**
 * The From header of the product's emails: the sender's address with an optional display
 * name (`dsr:senderName`). SES takes the name as written in the header, so a name that is
 * not plain ASCII is written as RFC 2047 encoded words, as SES asks.
 */

export const SENDER_NAME_MAX_LENGTH = 100;

/**
 * Why a display name cannot go in a From header, or undefined when it can: one line, at
 * most 100 characters, without the quotes, backslashes and angle brackets that would end
 * the name or start an address, nor characters that are invisible or reorder the text.
 *
 * @example senderNameProblem('Université X — Protection des données') // undefined
 */
export function senderNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'must not be blank';
  if ([...name].length > SENDER_NAME_MAX_LENGTH) return `must be at most ${SENDER_NAME_MAX_LENGTH} characters`;
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(name)) return 'must be one line, without control or invisible characters';
  if (/["\\<>]/.test(name)) return 'must not contain quotes, backslashes or angle brackets';
  return undefined;
}

/** Bytes of UTF-8 an encoded word carries: 45 bytes are 60 base64 characters, and `=?UTF-8?B?…?=` stays within 75 (RFC 2047 §2). */
const WORD_BYTES = 45;

/** Text as RFC 2047 `B` encoded words, each whole characters only (§5), separated by spaces (which a reader drops between words). */
export function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(' ');
}

/**
 * The From header's value: the address alone, `"Name" <address>` for a printable ASCII
 * name, or encoded words then `<address>` for any other. Throws on a name
 * `senderNameProblem` refuses (the settings are checked at synth; this is the last guard).
 *
 * @example fromHeader('privacy@school.example', 'Université X') // '=?UTF-8?B?VW5pdmVyc2l0w6kgWA==?= <privacy@school.example>'
 */
export function fromHeader(address: string, name?: string): string {
  if (name === undefined || name === '') return address;
  const problem = senderNameProblem(name);
  if (problem) throw new Error(`the sender's name ${problem}`);
  const display = name.trim();
  return /^[\x20-\x7e]*$/.test(display) ? `"${display}" <${address}>` : `${encodedWords(display)} <${address}>`;
}
