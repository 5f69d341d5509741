import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { bytesAtMost, fieldName, parsed, problemsOf } from '../../../functions/shared/schema.js';

const answer = z.strictObject({
  status: z.enum(['done', 'partial'], 'must be done or partial'),
  files: z.optional(z.array(z.object({ name: z.string().check(bytesAtMost(5)) }))),
});

describe('schemas: problems in the project\'s words', () => {
  it('names each field with its place in a list, under where', () => {
    expect(fieldName(['purposes', 0, 'purpose'])).toBe('purposes #1.purpose');
    expect(fieldName([2, 'name'], 'dsr:recipients')).toBe('dsr:recipients #3.name');
    expect(fieldName([], 'art15')).toBe('art15');
  });

  it('says every problem after its field, unknown fields by name', () => {
    const result = z.safeParse(answer, { status: 'maybe', files: [{ name: 'ok' }, { name: 'très long' }], extra: 1 });

    expect(result.success).toBe(false);
    expect(problemsOf(result.error!, 'answer')).toEqual(['answer.status must be done or partial', 'answer.files #2.name is longer than 5 bytes', 'answer has an unknown field "extra"']);
  });

  it('counts bytes, not characters', () => {
    expect(z.safeParse(z.string().check(bytesAtMost(5)), 'ééé').success).toBe(false);
    expect(z.safeParse(z.string().check(bytesAtMost(6)), 'ééé').success).toBe(true);
  });

  it('returns the value read, or fails with the first problem', () => {
    expect(parsed(answer, { status: 'done' }, (p) => new Error(p))).toEqual({ status: 'done' });
    expect(() => parsed(answer, { status: 'no' }, (p) => new TypeError(p), 'callback')).toThrow(new TypeError('callback.status must be done or partial'));
  });
});
