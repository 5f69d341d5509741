import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { emailLinkOnce } from '../shared/step-link.js';
import { logged } from '../shared/logger.js';
import { linkExpiry, linkUrl, requestFor, type WaitingStepInput } from '../shared/tasks.js';

/**
 * Workflow step (`.waitForTaskToken`): acknowledges receipt to the learner, with the legal
 * due date and a link to confirm the address. The workflow waits until the link is used
 * (POST /verify/{token}) or its lifetime passes.
 */
export async function sendAcknowledgement(input: WaitingStepInput & StepInput, d: Deps<'ses'>): Promise<void> {
  const request = await requestFor(d, input.requestId);
  const issuedAt = d.now();
  const t = messages[request.locale];
  const { timeZone } = d.config.calendar;
  const step = stepKey(input);
  const link = await emailLinkOnce(d, request, step, { purpose: 'verify', taskToken: input.taskToken, issuedAt, expiresAt: linkExpiry(input) }, ({ token, expiresAt }) =>
    sendLetter(d.ses, d.config.mail, request.email, {
      locale: request.locale,
      subject: t.mail.ackSubject,
      paragraphs: [t.mail.ack(t.rights[request.type], t.dateTime(request.receivedAt, timeZone), t.date(request.dueDate))],
      link: { intro: t.mail.ackAction, url: linkUrl(d.config.publicBaseUrl, 'verify', token), note: t.mail.ackLinkExpiry(t.dateTime(expiresAt, timeZone)) },
      closing: [t.mail.ackIgnore],
    }, { requestId: request.requestId, reader: 'learner' }),
  );
  await d.audit.append({ requestId: request.requestId, at: issuedAt.toISOString(), actor: 'system', event: 'acknowledgement_sent', step, detail: { linkExpiresAt: link.expiresAt } });
}

export const handler = logged((input: WaitingStepInput & StepInput) => sendAcknowledgement(input, deps({ ses: sesClient() })));
