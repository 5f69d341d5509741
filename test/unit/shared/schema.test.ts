import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { asAWhole, bytesAtMost, fieldName, judge, parsed, problemsOf, readBy } from '../../../functions/shared/schema.js';

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

  it('says a key that a map does not allow as the map\'s', () => {
    const labels = z.object({ labels: z.record(z.string().check(z.regex(/^\w+$/)), z.string(), { error: 'which is not an attribute name' }) });

    expect(problemsOf(judge(labels, { labels: { 'first name': 'First name' } }).error!)).toEqual(['labels has "first name", which is not an attribute name']);
  });

  it('judges a field as a whole: one problem, made from the value as given', () => {
    const match = z.object({ match: asAWhole(z.object({ attribute: z.string(), subjectField: z.string() }), (given) => `needs attribute and subjectField (got ${JSON.stringify(given)})`) });

    expect(problemsOf(judge(match, { match: { attribute: 1 } }).error!)).toEqual(['match needs attribute and subjectField (got {"attribute":1})']);
    expect(judge(match, { match: { attribute: 'id', subjectField: 'userId' } }).data).toEqual({ match: { attribute: 'id', subjectField: 'userId' } });
  });

  it('reads a value with a function, or says why it cannot', () => {
    const hours = readBy((v: unknown) => (typeof v === 'string' && /^\d+h$/.test(v) ? parseInt(v, 10) : undefined), 'must be hours, e.g. 24h');

    expect(judge(hours, '24h').data).toBe(24);
    expect(problemsOf(judge(hours, 'a day').error!, 'wait')).toEqual(['wait must be hours, e.g. 24h']);
  });

  it('speaks plainly where a schema has no words of its own', () => {
    const system = z.object({ name: z.string(), kind: z.enum(['dynamodb', 's3']), async: z.boolean() });

    expect(problemsOf(judge(system, { kind: 'ftp', async: 'no' }).error!, 'DSR_SYSTEMS #1')).toEqual([
      'DSR_SYSTEMS #1.name is missing',
      'DSR_SYSTEMS #1.kind must be one of dynamodb, s3',
      'DSR_SYSTEMS #1.async must be true or false',
    ]);
  });
});
