import { describe, expect, it } from 'vitest';
import { encodedWords, fromHeader, SENDER_NAME_MAX_LENGTH, senderNameProblem } from '../../../functions/shared/sender.js';

const ENCODED_WORD = /^=\?UTF-8\?B\?([A-Za-z0-9+/]+=*)\?=$/;

/** Reads encoded words back as a mail client does (RFC 2047): each word whole UTF-8 on its own, the spaces between words dropped. */
function decode(words: string): string {
  return words
    .split(' ')
    .map((word) => {
      expect(word.length, word).toBeLessThanOrEqual(75);
      const [, base64] = ENCODED_WORD.exec(word) ?? [];
      expect(base64, word).toBeDefined();
      // fatal: a character split across two words is not valid UTF-8 on its own.
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(base64, 'base64'));
    })
    .join('');
}

describe('fromHeader', () => {
  it('is the address alone when no name is set', () => {
    expect(fromHeader('privacy@school.example')).toBe('privacy@school.example');
    expect(fromHeader('privacy@school.example', '')).toBe('privacy@school.example');
  });

  it('quotes a printable ASCII name, its commas and colons included', () => {
    expect(fromHeader('privacy@school.example', 'School of Arts, Data protection: DPO')).toBe('"School of Arts, Data protection: DPO" <privacy@school.example>');
  });

  it('writes a name with accents and dashes as RFC 2047 encoded words that read back as the name', () => {
    // Act
    const header = fromHeader('privacy@school.example', 'Université X — Protection des données');

    // Assess
    const [, words, address] = /^(.*) <([^>]+)>$/.exec(header)!;
    expect(address).toBe('privacy@school.example');
    expect(header).not.toMatch(/[^\x20-\x7e]/); // the header is ASCII
    expect(decode(words)).toBe('Université X — Protection des données');
  });

  it('splits a long name into words of at most 75 characters without cutting a character in two', () => {
    // 100 characters of three (and four) bytes each: several words, every one valid UTF-8 on its own.
    const name = '東京都立大学データ保護担当'.repeat(7).slice(0, 98) + '🎓🎓';
    expect([...name].length).toBeLessThanOrEqual(SENDER_NAME_MAX_LENGTH);

    const words = encodedWords(name);

    expect(words.split(' ').length).toBeGreaterThan(4);
    expect(decode(words)).toBe(name);
  });

  it('refuses a name that would break the header', () => {
    expect(() => fromHeader('privacy@school.example', 'DPO\r\nBcc: everyone@example.org')).toThrow(/one line/);
    expect(() => fromHeader('privacy@school.example', 'The "DPO"')).toThrow(/quotes/);
  });
});

describe('senderNameProblem', () => {
  it('accepts a school\'s name in any script', () => {
    for (const name of ['Université X — Protection des données', 'Data Protection Office', 'Universität Köln · Datenschutz', 'Ελληνικό Ανοικτό Πανεπιστήμιο']) expect(senderNameProblem(name), name).toBeUndefined();
  });

  it.each([
    ['a line break', 'DPO\nBcc: x@example.org', /one line/],
    ['a carriage return', 'DPO\rX', /one line/],
    ['a tab', 'DPO\tX', /one line/],
    ['a right-to-left override', 'DPO \u202egnp.exe', /invisible/],
    ['a double quote', 'The "DPO"', /quotes/],
    ['a backslash', 'DPO\\', /backslashes/],
    ['an angle bracket', 'DPO <dpo@evil.example>', /angle brackets/],
    ['only spaces', '   ', /blank/],
    ['101 characters', 'é'.repeat(SENDER_NAME_MAX_LENGTH + 1), /at most 100/],
  ])('refuses %s', (_what, name, problem) => {
    expect(senderNameProblem(name)).toMatch(problem);
  });
});
