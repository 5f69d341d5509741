import { describe, expect, it } from 'vitest';
import { answerTo, lookupAnswer, resolveAnswer, verifyAnswer } from '../../../functions/connectors/builtin/answers.js';
import * as z from 'zod/mini';
import { judge, problemsOf } from '../../../functions/shared/schema.js';

/** The problems an answer has, in the words a system's developer reads in the callback's 400. */
const problems = (schema: z.ZodMiniType, value: unknown) => {
  const result = judge(schema, value);
  return result.success ? [] : problemsOf(result.error);
};

describe('an external system\'s export answer', () => {
  it('takes files inline (base64) or by address, and nothing else', () => {
    expect(problems(answerTo.export, { status: 'done', files: [{ name: 'a', content: '' }, { name: 'b.pdf', url: 'https://files.example.org/b.pdf' }] })).toEqual([]);
    expect(problems(answerTo.export, { status: 'not_found' })).toEqual([]);
    expect(problems(answerTo.export, { status: 'finished' })).toEqual(['status must be one of done, not_found, retained, partial']);
    expect(problems(answerTo.export, { status: 'done', files: [{ name: 'a' }] })).toEqual(['files #1 needs content (base64) or url, one of them']);
    expect(problems(answerTo.export, { status: 'done', files: [{ name: 'a', content: 'not base64!' }, { name: 'b', url: 'ftp://x/b' }] })).toEqual(['files #1.content must be base64', 'files #2.url must be an http(s) address']);
  });

  it('reads base64 as the connector decodes it: unpadded, in MIME lines, or base64url', () => {
    const files = ['aGVsbG8', 'aGVs\r\nbG8=', 'a-_w'].map((content, i) => ({ name: `f${i}.txt`, content }));
    expect(problems(answerTo.export, { status: 'done', files })).toEqual([]);
  });

  it('says what a field should be in plain words', () => {
    expect(problems(answerTo.export, 'done')).toEqual(['must be an object']);
    expect(problems(answerTo.erase, { status: 'done', retained: 'x' })).toEqual(['retained must be a list']);
    expect(problems(answerTo.erase, { status: 'done', retained: [{ category: 'Invoices', legalBasis: 'Tax law', until: 2036 }] })).toEqual(['retained #1.until must be text']);
  });

  it('refuses more than a thousand files, or a name longer than 500 bytes', () => {
    const files = (n: number) => Array.from({ length: n }, (_v, i) => ({ name: `f${i}.txt`, url: 'https://x.example/f' }));

    expect(problems(answerTo.export, { status: 'done', files: files(1000) })).toEqual([]);
    expect(problems(answerTo.export, { status: 'done', files: files(100_000) })).toEqual(['files lists more than 1000 files; send fewer, larger ones']);
    expect(problems(answerTo.export, { status: 'done', files: [{ name: 'é'.repeat(251), content: '' }] })).toEqual(['files #1.name is longer than 500 bytes']);
  });

  it('keeps only what the workflow reads', () => {
    const read = z.parse(answerTo.export, { status: 'done', files: [], note: 'ok', debug: { stack: 'x'.repeat(1000) } });

    expect(read).toEqual({ status: 'done', files: [], note: 'ok' });
  });
});

describe('an external system\'s answer to a change', () => {
  it('reads an erasure\'s counts, 0 where not given, and the statuses of each operation', () => {
    expect(z.parse(answerTo.erase, { status: 'retained', retained: [{ category: 'Invoices', legalBasis: 'Code de commerce L123-22', until: '2036-01-31' }] })).toEqual({
      status: 'retained',
      erased: 0,
      retained: [{ category: 'Invoices', legalBasis: 'Code de commerce L123-22', until: '2036-01-31' }],
    });
    expect(problems(answerTo.rectify, { status: 'retained', changed: -1 })).toEqual(['status must be one of done, not_found, partial', 'changed must be a whole number, 0 or more']);
    expect(problems(answerTo.erase, { status: 'done', retained: [{ category: 'Invoices', until: 'next year' }] })).toEqual(['retained #1.legalBasis must be text', 'retained #1.until must be a date, YYYY-MM-DD']);
  });
});

describe('an external system\'s immediate answers', () => {
  it('a lookup says found, its identifiers as text', () => {
    expect(z.parse(lookupAnswer, { found: true, identifiers: { userId: 42, moodleId: 'u-42' } })).toEqual({ found: true, identifiers: { userId: '42', moodleId: 'u-42' } });
    expect(problems(lookupAnswer, { found: 'yes' })).toEqual(['found must be true or false']);
    expect(problems(lookupAnswer, { found: true, identifiers: { userId: { id: 1 } } })).toEqual(['identifiers.userId must be text or a number']);
  });

  it('a verification counts what remains; a directory lists people', () => {
    expect(problems(verifyAnswer, { remaining: 1.5 })).toEqual(['remaining must be a whole number, 0 or more']);
    expect(problems(verifyAnswer, { remaining: 0 })).toEqual([]);
    expect(problems(resolveAnswer, { people: 'everyone' })).toEqual(['people must be a list of { userId, email, language? }']);
  });
});
