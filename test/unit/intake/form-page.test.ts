import { describe, expect, it } from 'vitest';
import { formPage } from '../../../functions/intake/form-page.js';
import type { Purpose } from '../../../functions/shared/rights.js';

const PURPOSES: Purpose[] = [{ id: 'marketing' }, { id: 'analytics' }];
const render = (problems = {}) => formPage(400, 'en', ['fr', 'en'], PURPOSES, { values: {}, problems }).body;
const ids = (page: string) => new Set([...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe('the request form', () => {
  it('links each problem of the summary to an element of the page, and says one it cannot show without a link', () => {
    // Act
    const page = render({ email: 'invalid', type: 'required', purposes: 'required', details: 'too_long', locale: 'not_offered' });

    // Assess
    const targets = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toEqual(['email', 'type', 'purposes', 'details']);
    for (const target of targets) expect(ids(page)).toContain(target);
    expect(page).toContain('<li>Language: This language is not offered.</li>');
  });

  it('puts the summary in focus when the page comes back, without script', () => {
    const page = render({ type: 'required' });
    expect(page).toMatch(/<div class="summary" role="alert" tabindex="-1" autofocus>/);
    expect(render()).not.toContain('autofocus');
  });

  it('describes a field by its hint and its error only, never by an empty aria-describedby', () => {
    expect(render()).not.toContain('aria-describedby=""');
    expect(render()).toMatch(/<fieldset>\s*<legend>What would you like to do\?/);
    expect(render({ type: 'required' })).toContain('<fieldset aria-describedby="type-error">');
    expect(render({ email: 'invalid' })).toContain('aria-describedby="email-hint email-error"');
  });
});
