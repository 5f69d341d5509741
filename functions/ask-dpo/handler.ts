import { endOfDueDate } from '../shared/legal-clock.js';
import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { RequestAbandoned } from '../shared/errors.js';
import { erasurePlan, lookupFacts, systemLines, type Gate, type RoundOperation } from '../shared/gates.js';
import { messages } from '../shared/i18n.js';
import { sendLetter, type Letter } from '../shared/mail.js';
import { purposesText } from '../shared/purposes.js';
import { requestFacts } from '../shared/request-facts.js';
import type { DsrRequest, RequestStatus } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { emailLinkOnce } from '../shared/step-link.js';
import { logged } from '../shared/logger.js';
import { linkExpiry, linkUrl, requestFor, type WaitingStepInput } from '../shared/tasks.js';

/** A gate no step waits on (`lift`) has no task token: its link lives `dsr:liftLinkDays`. */
export interface AskDpoInput extends Partial<WaitingStepInput>, StepInput {
  requestId: string;
  gate: Gate;
  /** attention and manual: the operation of the round concerned. */
  operation?: RoundOperation;
}

function letterFor(input: AskDpoInput, request: DsrRequest, d: Deps): Omit<Letter, 'link'> & { action: string } {
  const locale = d.config.languages[0];
  const t = messages[locale];
  const titles = Object.fromEntries(d.config.systems.map((s) => [s.name, s.title]));
  const facts = requestFacts(request, locale, d.config.calendar.timeZone, d.config.purposes);
  const operation = input.operation ?? 'export';
  switch (input.gate) {
    case 'decision':
      return { locale, subject: t.dpo.decisionSubject(t.rights[request.type]), paragraphs: [t.dpo.intro], facts: [...facts, ...lookupFacts(request, titles, locale)], action: t.dpo.action };
    case 'attention': {
      const failed = Object.values(request.systems ?? {}).filter((s) => s[operation] === 'failed').length;
      const op = t.operations[operation];
      return { locale, subject: t.attention.subject(failed, op), paragraphs: [t.attention.intro(op), systemLines(request, titles, locale, operation, (s) => s[operation] === 'failed')], facts, action: t.attention.action };
    }
    case 'release':
      return {
        locale,
        subject: t.release.subject,
        paragraphs: [t.release.intro(request.archive?.fileCount ?? 0, t.size(request.archive?.bytes ?? 0)), systemLines(request, titles, locale)],
        facts,
        action: t.release.action,
      };
    case 'erasure':
      return { locale, subject: t.erasure.subject, paragraphs: [t.erasure.intro], facts: [...facts, ...erasurePlan(request, d.config.systems, locale)], action: t.erasure.action };
    case 'rectification':
      return { locale, subject: t.rectification.subject, paragraphs: [t.rectification.intro], facts, action: t.rectification.action };
    case 'manual': {
      const todo = Object.values(request.systems ?? {}).filter((s) => s[operation] === 'manual').length;
      return { locale, subject: t.handWork.subject(todo), paragraphs: [t.handWork.intro(t.operations[operation]), systemLines(request, titles, locale, operation, (s) => s[operation] === 'manual')], facts, action: t.handWork.action };
    }
    case 'lift': {
      return { locale, subject: t.lift.subject, paragraphs: [t.lift.intro(purposesText(request.purposes, d.config.purposes, locale))], facts, action: t.lift.action(Math.round(d.config.liftNoticeSeconds / 86400)) };
    }
    case 'extension':
      throw new Error('the extension link comes with the deadline reminders, not from a gate step');
    case 'leftover': {
      const left = Object.values(request.systems ?? {}).filter((s) => s.verify === 'partial').length;
      return { locale, subject: t.leftover.subject(left), paragraphs: [t.leftover.intro, systemLines(request, titles, locale, 'verify', (s) => s.verify === 'partial')], facts, action: t.leftover.action };
    }
  }
}

const STATUS: Partial<Record<Gate, RequestStatus>> = { decision: 'awaiting_decision', release: 'awaiting_release', erasure: 'awaiting_erasure', rectification: 'awaiting_rectification' };
const EVENT: Record<Gate, string> = {
  decision: 'dpo_asked_to_decide',
  attention: 'dpo_asked_about_failed_systems',
  release: 'dpo_asked_to_release',
  erasure: 'dpo_asked_to_confirm_erasure',
  rectification: 'dpo_asked_for_corrected_values',
  manual: 'dpo_asked_to_work_by_hand',
  leftover: 'dpo_asked_about_data_left',
  lift: 'dpo_offered_to_lift_restriction',
  extension: 'dpo_offered_extension',
};

/**
 * Workflow step (`.waitForTaskToken`): puts a gate before the DPO, with a link to its page.
 * The workflow waits for the answer; an unused link is replaced by a fresh one.
 */
export async function askDpo(input: AskDpoInput, d: Deps<'ses'>): Promise<void> {
  const gate = input.gate ?? 'decision';
  const request = await requestFor(d, input.requestId);
  // No gate waits for ever: long after the due date the request is closed as abandoned (docs/architecture.md).
  if (input.taskToken && pastAbandonment(request, d)) throw new RequestAbandoned(`request ${request.requestId} is ${d.config.abandonAfterSeconds / 86400} days past its due date`);
  const issuedAt = d.now();
  const expiresAt = input.taskToken ? linkExpiry(input as WaitingStepInput) : new Date(issuedAt.getTime() + d.config.liftLinkSeconds * 1000);
  const { action, ...letter } = letterFor({ ...input, gate }, request, d);
  const t = messages[letter.locale];
  // Asked once per visit of the gate's step: a retry re-points the emailed link, a gate asked again after its link expired is a new visit.
  const step = stepKey(input);
  const link = await emailLinkOnce(d, request, step, { purpose: gate, taskToken: input.taskToken, operation: input.operation, issuedAt, expiresAt }, ({ token, expiresAt }) =>
    sendLetter(d.ses, d.config.mail, d.config.mail.dpo, {
      ...letter,
      link: { intro: action, url: linkUrl(d.config.publicBaseUrl, 'decisions', token), note: t.dpo.linkExpiry(t.dateTime(expiresAt, d.config.calendar.timeZone)) },
    }, { requestId: request.requestId, reader: 'dpo' }),
  );
  // Reminders of the deadline link to the gate waiting now (not the lift link, on which nothing waits).
  if (input.taskToken) await d.requests.save(request.requestId, { currentGate: { tokenHash: link.tokenHash, gate } });
  const entry = { requestId: request.requestId, at: issuedAt.toISOString(), actor: 'system' as const, event: EVENT[gate], step, detail: { linkExpiresAt: link.expiresAt, ...(input.operation ? { operation: input.operation } : {}) } };
  const status = STATUS[gate];
  if (status && status !== request.status) await d.requests.transition(request, status, d.audit, entry);
  else await d.audit.append(entry);
}

/** Whether the request's due date (the end of that day, in the controller's zone) is `dsr:abandonAfterDays` behind. */
function pastAbandonment(request: DsrRequest, d: Deps): boolean {
  const endOfDue = endOfDueDate(request.dueDate, d.config.calendar.timeZone);
  return d.now().getTime() >= endOfDue.getTime() + d.config.abandonAfterSeconds * 1000;
}

export const handler = logged((input: AskDpoInput) => askDpo(input, deps({ ses: sesClient() })));
