import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { sendLetter, type Letter } from '../shared/mail.js';
import { purposesText } from '../shared/purposes.js';
import type { DsrRequest } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { oncePerStep } from '../shared/store/letters.js';
import { logged } from '../shared/logger.js';
import { requestFor } from '../shared/tasks.js';

export type LearnerNotice = 'unverified' | 'rejected' | 'lift_announced' | 'lifted' | 'abandoned' | 'repeat';

export interface NotifyInput extends StepInput {
  requestId: string;
  notice: LearnerNotice;
  reason?: string;
}

/** `openDueDate`: for a repeat, the due date of the request already open. */
function letterFor(request: DsrRequest, input: NotifyInput, d: Deps, openDueDate?: string): Letter {
  const t = messages[request.locale];
  const right = t.rights[request.type];
  const purposes = purposesText(request.purposes, d.config.purposes, request.locale);
  switch (input.notice) {
    case 'lift_announced': {
      // Told before the lifting (Art. 18(3)): the step right after this one waits the notice period.
      const on = new Date(d.now().getTime() + d.config.liftNoticeSeconds * 1000);
      return { locale: request.locale, subject: t.lift.announcedSubject, paragraphs: [t.lift.announced(purposes, t.dateTime(on.toISOString(), d.config.calendar.timeZone))], facts: [[t.lift.announcedReason, request.liftReason ?? '']], closing: [t.receipt.remedy] };
    }
    case 'abandoned':
      return { locale: request.locale, subject: t.mail.abandonedSubject, paragraphs: [t.mail.abandoned(right, t.date(request.dueDate))], closing: [t.mail.rejectedRemedy] };
    case 'lifted':
      return { locale: request.locale, subject: t.lift.liftedSubject, paragraphs: [t.lift.lifted(purposes)] };
    case 'repeat':
      return { locale: request.locale, subject: t.mail.duplicateSubject, paragraphs: [t.mail.duplicate(right, t.date(openDueDate ?? request.dueDate))] };
    case 'unverified':
      return { locale: request.locale, subject: t.mail.unverifiedSubject, paragraphs: [t.mail.unverified(right)] };
    case 'rejected':
      return {
        locale: request.locale,
        subject: t.mail.rejectedSubject,
        paragraphs: [t.mail.rejected(right)],
        facts: [[t.mail.rejectedReason, input.reason ?? '']],
        closing: [t.mail.rejectedRemedy],
      };
  }
}

/** Workflow step: tells the learner, in their language, how their request ended (or that a repeat changed nothing). */
export async function notifyLearner(input: NotifyInput, d: Deps<'ses'>): Promise<void> {
  const request = await requestFor(d, input.requestId);
  const open = input.notice === 'repeat' && request.duplicateOf ? await d.requests.get(request.duplicateOf) : undefined;
  const step = stepKey(input);
  await oncePerStep(d.requests, request.requestId, step, () => sendLetter(d.ses, d.config.mail, request.email, letterFor(request, input, d, open?.dueDate), { requestId: request.requestId, reader: 'learner' }));
  await d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'system', event: 'learner_notified', step, detail: { notice: input.notice } });
}

export const handler = logged((input: NotifyInput) => notifyLearner(input, deps({ ses: sesClient() })));
