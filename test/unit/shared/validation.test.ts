import { describe, expect, it } from 'vitest';
import { DETAILS_MAX_LENGTH, validateDecision, validateNewRequest } from '../../../functions/shared/validation.js';

const offered = ['fr', 'en'] as const;

describe('validateNewRequest', () => {
  it('accepts a complete request and trims it', () => {
    expect(validateNewRequest({ email: ' ada@example.org ', type: 'erasure', locale: 'en', details: ' my account ' }, [...offered])).toEqual({
      ok: true,
      value: { email: 'ada@example.org', type: 'erasure', locale: 'en', details: 'my account' },
    });
  });

  it('names every field that is wrong', () => {
    const result = validateNewRequest({ email: 'not-an-address', type: 'delete-everything', locale: 'de', details: 'x'.repeat(DETAILS_MAX_LENGTH + 1) }, [...offered]);
    expect(result).toEqual({ ok: false, problems: { email: 'invalid', type: 'invalid', locale: 'not_offered', details: 'too_long' } });
  });

  it('requires an address and a right', () => {
    expect(validateNewRequest({}, [...offered])).toEqual({ ok: false, problems: { email: 'required', type: 'required' } });
  });

  it.each(['a@b', 'a b@example.org', '@example.org', 'a@@example.org', '<a@example.org>', `${'a'.repeat(65)}@example.org`])('refuses the address %s', (email) => {
    expect(validateNewRequest({ email, type: 'access' }, [...offered])).toMatchObject({ ok: false, problems: { email: 'invalid' } });
  });

  it('refuses a language the deployment does not offer', () => {
    expect(validateNewRequest({ email: 'a@example.org', type: 'access', locale: 'en' }, ['fr'])).toMatchObject({ ok: false, problems: { locale: 'not_offered' } });
  });

  it('refuses non-text details from JSON', () => {
    expect(validateNewRequest({ email: 'a@example.org', type: 'access', details: { a: 1 } }, [...offered])).toMatchObject({ ok: false, problems: { details: 'invalid' } });
  });
});

describe('validateDecision', () => {
  it('approves without a reason and drops one given', () => {
    expect(validateDecision({ decision: 'approve', reason: 'fine' })).toEqual({ ok: true, value: { decision: 'approve', reason: undefined } });
  });

  it('requires a reason to reject', () => {
    expect(validateDecision({ decision: 'reject', reason: '  ' })).toEqual({ ok: false, problems: { reason: 'required' } });
    expect(validateDecision({ decision: 'reject', reason: 'Manifestly unfounded' })).toEqual({ ok: true, value: { decision: 'reject', reason: 'Manifestly unfounded' } });
  });

  it('refuses anything but approve or reject', () => {
    expect(validateDecision({ decision: 'maybe' })).toEqual({ ok: false, problems: { decision: 'invalid' } });
    expect(validateDecision({})).toEqual({ ok: false, problems: { decision: 'required' } });
  });
});
