import { describe, expect, it } from 'vitest';
import { readFields, type ApiEvent } from '../../../functions/shared/web/http.js';
import { repeatedKey } from '../../../functions/shared/web/json-keys.js';

const form = (body: string) => ({ httpMethod: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body }) as unknown as ApiEvent;
const json = (body: string) => ({ httpMethod: 'POST', headers: { 'content-type': 'application/json' }, body }) as unknown as ApiEvent;

describe('readFields', () => {
  it('refuses a form field sent twice, naming it, unless the form repeats it (checkboxes)', () => {
    expect(() => readFields(form('type=access&type=erasure'))).toThrow(expect.objectContaining({ statusCode: 400, field: 'type' }));
    expect(() => readFields(form('decision=approve&reason=a&decision=reject'), { repeatable: ['byHand'] })).toThrow(expect.objectContaining({ statusCode: 400, field: 'decision' }));
    expect(readFields(form('purposes=marketing&purposes=analytics&type=objection'), { repeatable: ['purposes'] }).fields).toEqual({ purposes: ['marketing', 'analytics'], type: 'objection' });
  });

  it('refuses a JSON key given twice, at any depth', () => {
    expect(() => readFields(json('{"type":"access","type":"erasure"}'))).toThrow(expect.objectContaining({ statusCode: 400, field: 'type' }));
    expect(() => readFields(json('{"texts":{"fr":{"subject":"a","subject":"b"}}}'))).toThrow(expect.objectContaining({ field: 'texts.fr.subject' }));
    expect(readFields(json('{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}')).fields).toEqual({ a: { x: 1 }, b: { x: 2 }, c: [{ x: 1 }, { x: 2 }] });
  });

  it('says 413 for a body over the limit, whatever it holds', () => {
    expect(() => readFields(form(`details=${'x'.repeat(17_000)}`))).toThrow(expect.objectContaining({ statusCode: 413 }));
    expect(() => readFields(form(`a=1&a=2&details=${'x'.repeat(200)}`), { maxBytes: 100 })).toThrow(expect.objectContaining({ statusCode: 413 }));
  });
});

describe('repeatedKey', () => {
  it('reads keys as JSON does, escapes and all, and not strings that are values', () => {
    expect(repeatedKey('{"t\\u0079pe":1,"type":2}')).toBe('type');
    expect(repeatedKey('{"a":"b\\",\\"a","b":"a"}')).toBeUndefined();
    expect(repeatedKey('[{"a":1},{"a":1}]')).toBeUndefined();
  });
});
