import type { SystemRef } from '../shared/config.js';
import { erasurePlan, lookupFacts, systemLines, type RoundOperation } from '../shared/gates.js';
import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { factsList } from '../shared/request-facts.js';
import type { DsrRequest } from '../shared/store/requests.js';
import { itemField, NOTE_MAX_LENGTH, REASON_MAX_LENGTH, VALUE_MAX_LENGTH, type FieldProblems } from '../shared/validation.js';
import { describedBy, fieldError } from '../shared/web/form-errors.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, type ApiResult } from '../shared/web/http.js';
import { choiceForm } from './choice-form.js';

/** The DPO's pages, one per gate: decide on a request, deal with failed systems, release an archive. */
export interface PageState {
  values?: Record<string, unknown>;
  problems?: FieldProblems;
}

/** The decision page: the request, approve or reject, and a reason (required to reject). */
export function decisionPage(statusCode: number, request: DsrRequest, titles: Record<string, string>, locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const form = choiceForm({
    locale,
    field: 'decision',
    choices: [
      ['approve', t.dpo.approve],
      ['reject', t.dpo.reject],
    ],
    reasonLabel: t.dpo.reason,
    reasonHint: t.dpo.reasonHint,
    ...state,
  });
  // As the email does: which systems hold data, which do not, which could not be asked.
  return htmlResponse(statusCode, locale, t.dpo.pageTitle, html`<h1>${t.dpo.pageTitle}</h1>
${factsList(request, locale, timeZone, [], lookupFacts(request, titles, locale))}
${form}`);
}

/** The page for systems that failed: which, why, and retry or go on (with a reason). */
export function failedSystemsPage(statusCode: number, request: DsrRequest, titles: Record<string, string>, locale: Locale, timeZone: string, operation: RoundOperation, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const form = choiceForm({
    locale,
    field: 'choice',
    choices: [
      ['retry', t.attention.retry],
      ['proceed', t.attention.proceed],
    ],
    reasonLabel: t.attention.reason,
    reasonHint: t.attention.reasonHint,
    ...state,
  });
  return htmlResponse(statusCode, locale, t.attention.pageTitle, html`<h1>${t.attention.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.attention.intro(t.operations[operation])}</p>
<pre>${systemLines(request, titles, locale, operation, (s) => s[operation] === 'failed')}</pre>
${form}`);
}

/** The release page: what the archive holds, and one button. */
export function releasePage(request: DsrRequest, titles: Record<string, string>, locale: Locale, timeZone: string): ApiResult {
  const t = messages[locale];
  return htmlResponse(200, locale, t.release.pageTitle, html`<h1>${t.release.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.release.intro(request.archive?.fileCount ?? 0, t.size(request.archive?.bytes ?? 0))}</p>
<pre>${systemLines(request, titles, locale)}</pre>
<form method="post"><button type="submit">${t.release.button}</button></form>`);
}

/** Problems with fields the page does not show (only a crafted post sends those), named at the top. */
const strayProblems = (locale: Locale, problems: FieldProblems, shown: string[]) =>
  Object.keys(problems)
    .filter((name) => !shown.includes(name))
    .map((name) => html`<p class="error">${messages[locale].labelled(name, messages[locale].problems[problems[name]])}</p>`);

/** The erasure gate: per system, what goes and what retention keeps; one button. */
export function erasurePage(request: DsrRequest, systems: SystemRef[], locale: Locale, timeZone: string): ApiResult {
  const t = messages[locale];
  return htmlResponse(200, locale, t.erasure.pageTitle, html`<h1>${t.erasure.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.erasure.intro}</p>
<dl class="plan">${erasurePlan(request, systems, locale).map(([title, plan]) => html`<dt>${title}</dt><dd class="lines">${plan}</dd>`)}</dl>
<form method="post"><button type="submit">${t.erasure.button}</button></form>`);
}

/** The rectification gate: what the learner asked, a field per correctable attribute, and the systems each reaches. */
export function rectificationPage(statusCode: number, request: DsrRequest, systems: SystemRef[], locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const values = state.values ?? {};
  const problems = state.problems ?? {};
  const attributes = rectifiableAttributes(systems);
  const byHand = systems.filter((s) => s.does.rectify === 'manual').map((s) => s.title);
  const mayNeedHand = rectifiableByHand(request, systems);
  const ticked = [values.byHand ?? []].flat();

  // The attribute fields go inside the choice form, before its fieldset.
  const fields = html`<p class="hint">${t.rectification.valuesIntro}</p>
${problems.values ? html`<p class="error" id="values-error">${t.rectification.noValue}</p>` : ''}
${[...attributes].map(([attribute, titles]) => {
    const name = itemField('value', attribute);
    const value = typeof values[name] === 'string' ? (values[name] as string) : '';
    return html`<label for="${name}">${attribute}<span class="hint" id="${name}-hint">${t.rectification.appliesTo(titles.join(', '))}</span></label>
${fieldError(locale, problems, name)}
<input type="text" id="${name}" name="${name}" maxlength="${VALUE_MAX_LENGTH}" value="${value}"${describedBy(problems, name, `${name}-hint`)}${problems[name] ? html` class="invalid" aria-invalid="true"` : ''}>`;
  })}
${mayNeedHand.length ? html`<fieldset aria-describedby="byHand-hint">
<legend>${t.rectification.alsoByHand}<span class="hint" id="byHand-hint">${t.rectification.alsoByHandHint}</span></legend>
${fieldError(locale, problems, 'byHand')}
${mayNeedHand.map((s) => html`<label class="choice"><input type="checkbox" name="byHand" value="${s.name}"${ticked.includes(s.name) ? html` checked` : ''}> <span>${s.title}</span></label>`)}
</fieldset>` : ''}`;
  const form = choiceForm({
    locale,
    field: 'choice',
    choices: [
      ['apply', t.rectification.apply],
      ['none', t.rectification.none],
    ],
    reasonLabel: t.rectification.reason,
    reasonHint: t.rectification.reasonHint,
    values,
    problems,
    lead: fields,
  });
  const shown = ['choice', 'reason', 'values', 'byHand', ...[...attributes.keys()].map((a) => itemField('value', a))];
  return htmlResponse(statusCode, locale, t.rectification.pageTitle, html`<h1>${t.rectification.pageTitle}</h1>
${strayProblems(locale, problems, shown)}
${factsList(request, locale, timeZone)}
<h2>${t.rectification.asked}</h2>
<p class="lines">${request.details ?? t.dpo.fields.none}</p>
${byHand.length ? html`<p>${t.rectification.byHand(byHand.join(', '))}</p>` : ''}
${form}`);
}

/** Systems that hold the learner but correct nothing themselves: the DPO may tick them to correct by hand. */
export function rectifiableByHand(request: DsrRequest, systems: SystemRef[]): SystemRef[] {
  return systems.filter((s) => s.does.rectify === 'not_applicable' && request.systems?.[s.name]?.lookup !== 'not_found');
}

/** Every attribute the DPO may correct, with the systems it is changed in. */
export function rectifiableAttributes(systems: SystemRef[]): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const s of systems) if (s.does.rectify === 'auto') for (const a of s.rectifiable ?? []) attributes.set(a, [...(attributes.get(a) ?? []), s.title]);
  return attributes;
}

/** Work to do by hand: one note per system, confirmed together. */
export function handWorkPage(statusCode: number, request: DsrRequest, systems: SystemRef[], operation: RoundOperation, locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const values = state.values ?? {};
  const problems = state.problems ?? {};
  const todo = systems.filter((s) => request.systems?.[s.name]?.[operation] === 'manual');
  return htmlResponse(statusCode, locale, t.handWork.pageTitle, html`<h1>${t.handWork.pageTitle}</h1>
${strayProblems(locale, problems, todo.map((s) => itemField('note', s.name)))}
${factsList(request, locale, timeZone)}
<p>${t.handWork.intro(t.operations[operation])}</p>
<form method="post">
${todo.map((s) => {
    const name = itemField('note', s.name);
    const value = typeof values[name] === 'string' ? (values[name] as string) : '';
    return html`<label for="${name}">${t.handWork.note(s.title)}<span class="hint" id="${name}-hint">${t.handWork.noteHint}</span></label>
${fieldError(locale, problems, name)}
<textarea id="${name}" name="${name}" maxlength="${NOTE_MAX_LENGTH}" required${describedBy(problems, name, `${name}-hint`)}${problems[name] ? html` class="invalid" aria-invalid="true"` : ''}>${value}</textarea>`;
  })}
<button type="submit">${t.handWork.button}</button>
</form>`);
}

/** Data left after an erasure: which systems, and erase again or close as incomplete (with a reason). */
export function leftoverPage(statusCode: number, request: DsrRequest, titles: Record<string, string>, locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const form = choiceForm({
    locale,
    field: 'choice',
    choices: [
      ['retry', t.leftover.retry],
      ['close', t.leftover.close],
    ],
    reasonLabel: t.leftover.reason,
    reasonHint: t.leftover.reasonHint,
    ...state,
  });
  return htmlResponse(statusCode, locale, t.leftover.pageTitle, html`<h1>${t.leftover.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.leftover.intro}</p>
<pre>${systemLines(request, titles, locale, 'verify', (s) => s.verify === 'partial')}</pre>
${form}`);
}

/** Lifting a restriction: what is restricted, that the learner is told first, and the reason they will read. */
export function liftPage(statusCode: number, request: DsrRequest, purposes: string, noticeDays: number, locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const problems = state.problems ?? {};
  const reason = typeof state.values?.reason === 'string' ? state.values.reason : '';
  return htmlResponse(statusCode, locale, t.lift.pageTitle, html`<h1>${t.lift.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.lift.intro(purposes)}</p>
<p>${t.lift.explain(noticeDays)}</p>
<form method="post">
<label for="reason">${t.lift.reason}<span class="hint" id="reason-hint">${t.lift.reasonHint}</span></label>
${fieldError(locale, problems, 'reason')}
<textarea id="reason" name="reason" required maxlength="${REASON_MAX_LENGTH}"${describedBy(problems, 'reason', 'reason-hint')}${problems.reason ? html` class="invalid" aria-invalid="true"` : ''}>${reason}</textarea>
<button type="submit">${t.lift.button}</button>
</form>`);
}

/** Extending the deadline: the current due date, one or two further months (each with its date), and a reason. */
export function extensionPage(statusCode: number, request: DsrRequest, dues: { one: string; two: string }, locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const form = choiceForm({
    locale,
    field: 'months',
    choices: [
      ['1', t.extension.one(t.date(dues.one))],
      ['2', t.extension.two(t.date(dues.two))],
    ],
    reasonLabel: t.extension.reason,
    reasonHint: t.extension.reasonHint,
    ...state,
  });
  return htmlResponse(statusCode, locale, t.extension.pageTitle, html`<h1>${t.extension.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.extension.explain(t.date(request.dueDate))}</p>
${form}`);
}
