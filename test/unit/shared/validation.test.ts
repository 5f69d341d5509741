import { describe, expect, it } from 'vitest';
import { DETAILS_MAX_LENGTH, isEmailAddress, mailAddress, validateDecision, validateHandWork, validateReason, validateNewRequest, validateRectification, VALUE_MAX_LENGTH } from '../../../functions/shared/validation.js';

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

describe('email addresses', () => {
  it.each([
    ['a NUL', 'ada\u0000@example.org'],
    ['a BEL', 'ad\u0007a@example.org'],
    ['a zero-width space', 'ad\u200ba@example.org'],
    ['a zero-width space in the domain', 'ada@exa\u200bmple.org'],
    ['a soft hyphen in the domain', 'ada@exam\u00adple.org'],
    ['a bidi override', 'ad\u202ea@example.org'],
    ['a bidi isolate after the domain', 'ada@example.org\u2066'],
    ['a lone surrogate', 'ad\ud800a@example.org'],
    ['a leading dot', '.ada@example.org'],
    ['a trailing dot', 'ada.@example.org'],
    ['two dots', 'a..da@example.org'],
    ['a label starting with a hyphen', 'ada@-example.org'],
    ['an empty label', 'ada@example..org'],
    ['a fullwidth local part', '\uff41\uff44\uff41@example.org'],
    ['a fullwidth domain', 'ada@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org'],
    ['no dot in the domain', 'a@localhost'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.org`],
  ])('refuses an address with %s, with the same field error as any bad address', (_what, email) => {
    expect(isEmailAddress(email)).toBe(false);
    expect(validateNewRequest({ email, type: 'access' }, [...offered])).toEqual({ ok: false, problems: { email: 'invalid' } });
  });

  it.each(['ada@example.org', "o'brien@example.org", 'ada+dsr@example.org', 'ada@xn--bcher-kva.example'])('accepts %s as it is', (email) => {
    expect(mailAddress(email)).toBe(email);
    expect(validateNewRequest({ email, type: 'access' }, [...offered])).toMatchObject({ ok: true, value: { email } });
  });

  it('accepts an international domain and keeps the address as it is mailed, the domain in punycode', () => {
    expect(validateNewRequest({ email: 'ada@bücher.example', type: 'access' }, [...offered])).toMatchObject({ ok: true, value: { email: 'ada@xn--bcher-kva.example' } });
    expect(mailAddress('Ada@BÜCHER.Example')).toBe('Ada@xn--bcher-kva.example');
    expect(mailAddress('Ada@Example.ORG')).toBe('Ada@Example.ORG');
    // A decomposed ü is the same domain.
    expect(mailAddress('ada@bu\u0308cher.example')).toBe('ada@xn--bcher-kva.example');
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

describe('purposes', () => {
  it('are required for a restriction or objection, checked against those offered, ignored for other rights', () => {
    const base = { email: 'ada@example.org', locale: 'en' };
    expect(validateNewRequest({ ...base, type: 'objection' }, ['en'])).toEqual({ ok: false, problems: { purposes: 'required' } });
    expect(validateNewRequest({ ...base, type: 'restriction', purposes: ['marketing', 'mind-reading'] }, ['en'])).toEqual({ ok: false, problems: { purposes: 'invalid' } });
    expect(validateNewRequest({ ...base, type: 'restriction', purposes: ['marketing', 'marketing', 'research'] }, ['en'], ['marketing', 'research'])).toMatchObject({ ok: true, value: { purposes: ['marketing', 'research'] } });
    expect(validateNewRequest({ ...base, type: 'access', purposes: 'marketing' }, ['en'])).toMatchObject({ ok: true, value: { type: 'access' } });
    expect((validateNewRequest({ ...base, type: 'access', purposes: 'marketing' }, ['en']) as any).value.purposes).toBeUndefined();
  });
});

describe('the DPO\'s corrected values, notes and lift reason', () => {
  it('apply needs at least one value; empty fields change nothing; values are bounded', () => {
    const attributes = ['firstName', 'lastName'];
    expect(validateRectification({ choice: 'apply', 'value.firstName': ' ', 'value.lastName': '' }, attributes)).toEqual({ ok: false, problems: { values: 'required' } });
    expect(validateRectification({ choice: 'apply', 'value.lastName': 'Hopper-Murray' }, attributes)).toEqual({ ok: true, value: { choice: 'apply', changes: { lastName: 'Hopper-Murray' }, byHand: [], reason: undefined } });
    expect(validateRectification({ choice: 'apply', 'value.lastName': 'x'.repeat(VALUE_MAX_LENGTH + 1) }, attributes)).toEqual({ ok: false, problems: { 'value.lastName': 'too_long' } });
    expect(validateRectification({ choice: 'apply', 'value.lastName': ['a', 'b'] }, attributes)).toEqual({ ok: false, problems: { 'value.lastName': 'invalid' } });
    expect(validateRectification({ choice: 'none' }, attributes)).toEqual({ ok: false, problems: { reason: 'required' } });
    // Only the offered attributes, and plain text: values land in other systems' records.
    expect(validateRectification({ choice: 'apply', 'value.lastName': 'Hopper', 'value.isAdmin': 'true' }, attributes)).toEqual({ ok: false, problems: { 'value.isAdmin': 'invalid' } });
    expect(validateRectification({ choice: 'apply', 'value.firstName': 'Gr\u0000ace' }, attributes)).toEqual({ ok: false, problems: { 'value.firstName': 'invalid' } });
    expect(validateRectification({ choice: 'apply', 'value.firstName': 'Gr\ud800ace' }, attributes)).toEqual({ ok: false, problems: { 'value.firstName': 'invalid' } });
    expect(validateRectification({ choice: 'apply', 'value.lastName': 'Hopper-Murray 🎓' }, attributes)).toMatchObject({ ok: true });
    expect(validateRectification({ choice: 'none', reason: 'Accurate.', 'value.lastName': 'ignored' }, attributes)).toEqual({ ok: true, value: { choice: 'none', changes: {}, byHand: [], reason: 'Accurate.' } });
    // Systems to correct by hand count as something to apply, if they are among those offered.
    expect(validateRectification({ choice: 'apply', byHand: 'lms-grades' }, attributes, ['lms-grades'])).toMatchObject({ ok: true, value: { changes: {}, byHand: ['lms-grades'] } });
    expect(validateRectification({ choice: 'apply', byHand: ['lms-grades', 'billing'] }, attributes, ['lms-grades'])).toEqual({ ok: false, problems: { byHand: 'invalid' } });
  });

  it('notes on work by hand are required for every system listed', () => {
    expect(validateHandWork({ 'note.paper': 'Shredded.' }, ['paper', 'crm'])).toEqual({ ok: false, problems: { 'note.crm': 'required' } });
    expect(validateHandWork({ 'note.paper': 'Shredded.', 'note.billing': 'x' }, ['paper'])).toEqual({ ok: false, problems: { 'note.billing': 'invalid' } });
    expect(validateHandWork({ 'note.paper': 'Shredded.', 'note.crm': 'Deleted by hand.' }, ['paper', 'crm'])).toEqual({ ok: true, value: { notes: { paper: 'Shredded.', crm: 'Deleted by hand.' } } });
  });

  it('a lift needs a reason the learner will read', () => {
    expect(validateReason({ reason: '  ' })).toEqual({ ok: false, problems: { reason: 'required' } });
    expect(validateReason({ reason: 'Checked.' })).toEqual({ ok: true, value: { reason: 'Checked.' } });
  });
});
