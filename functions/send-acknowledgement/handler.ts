import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import { linkExpiry, linkUrl, requestFor, type WaitingStepInput } from '../shared/tasks.js';

/**
 * Workflow step (`.waitForTaskToken`): acknowledges receipt to the learner, with the legal
 * due date and a link to confirm the address. The workflow waits until the link is used
 * (POST /verify/{token}) or its lifetime passes.
 */
export async function sendAcknowledgement(input: WaitingStepInput, d: Deps<'ses'>): Promise<void> {
  const request = await requestFor(d, input.requestId);
  const issuedAt = d.now();
  const link = await d.links.issue({ purpose: 'verify', requestId: request.requestId, taskToken: input.taskToken, issuedAt, expiresAt: linkExpiry(input) });
  const t = messages[request.locale];
  const { timeZone } = d.config.calendar;
  await sendLetter(d.ses, d.config.mail, request.email, {
    locale: request.locale,
    subject: t.mail.ackSubject,
    paragraphs: [t.mail.ack(t.rights[request.type], t.dateTime(request.receivedAt, timeZone), t.date(request.dueDate))],
    link: { intro: t.mail.ackAction, url: linkUrl(d.config.publicBaseUrl, 'verify', link.token), note: t.mail.ackLinkExpiry(t.dateTime(link.expiresAt, timeZone)) },
    closing: [t.mail.ackIgnore],
  }, { requestId: request.requestId, reader: 'learner' });
  await d.audit.append({ requestId: request.requestId, at: issuedAt.toISOString(), actor: 'system', event: 'acknowledgement_sent', detail: { linkExpiresAt: link.expiresAt } });
}

export const handler = (input: WaitingStepInput) => sendAcknowledgement(input, deps({ ses: sesClient() }));
