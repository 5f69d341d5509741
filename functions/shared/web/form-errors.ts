import { messages } from '../i18n.js';
import type { Locale } from '../rights.js';
import type { FieldProblems } from '../validation.js';
import { html, type SafeHtml } from './html.js';

/** A field's problem, beside it: `<name>-error`, which the field names in its aria-describedby. */
export function fieldError(locale: Locale, problems: FieldProblems, name: string): SafeHtml | '' {
  return problems[name] ? html`<span class="error" id="${name}-error">${messages[locale].problems[problems[name]]}</span>` : '';
}

/** ` aria-describedby="…"` naming the hint and the error a field has, or nothing: never an empty attribute. */
export function describedBy(problems: FieldProblems, name: string, hint?: string): SafeHtml | '' {
  const ids = [hint, problems[name] ? `${name}-error` : undefined].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

/**
 * The summary of a form's problems, above the form: each problem links to its field (the
 * element with the field's id: its input, or a group's first choice), or is said without a
 * link when the page shows no such field. It takes focus when the page comes back
 * (`autofocus`, so no script is needed) and is announced.
 */
export function errorSummary(locale: Locale, problems: FieldProblems, names: Record<string, string>, shown: readonly string[], intro?: string): SafeHtml | '' {
  const t = messages[locale];
  const fields = Object.keys(problems);
  if (!fields.length && !intro) return '';
  const item = (name: string) => {
    const text = t.labelled(names[name] ?? name, t.problems[problems[name]]);
    return shown.includes(name) ? html`<li><a href="#${name}">${text}</a></li>` : html`<li>${text}</li>`;
  };
  return html`<div class="summary" role="alert" tabindex="-1" autofocus><p>${intro ?? t.form.errorSummary}</p>${fields.length ? html`<ul>${fields.map(item)}</ul>` : ''}</div>`;
}
