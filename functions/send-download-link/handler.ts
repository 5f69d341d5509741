import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { emailLinkOnce } from '../shared/step-link.js';
import { logged } from '../shared/logger.js';
import { count } from '../shared/metrics.js';
import { linkUrl, requestFor } from '../shared/tasks.js';

export interface DownloadLinkInput extends StepInput {
  requestId: string;
}

/**
 * Workflow step: records the request as answered and emails the learner a link to the
 * download page, which works until `dsr:downloadLinkDays` have passed. The status is
 * written first: whoever sees the email sees the request answered.
 */
export async function sendDownloadLink(input: DownloadLinkInput, d: Deps<'ses'>): Promise<{ expiresAt: string }> {
  const request = await requestFor(d, input.requestId);
  const now = d.now();
  // From the step's start, so that each attempt of a retried step gives the same expiry.
  const from = input.stepEnteredAt ? new Date(input.stepEnteredAt) : now;
  const expiresAt = new Date(from.getTime() + d.config.downloadLinkSeconds * 1000);
  const step = stepKey(input);
  if (request.status !== 'answered') count('RequestsAnswered'); // a retry finds it answered already
  await d.requests.transition(request, 'answered', d.audit, {
    requestId: request.requestId,
    at: now.toISOString(),
    actor: 'system',
    event: 'download_link_sent',
    step,
    detail: { linkExpiresAt: expiresAt.toISOString() },
  });
  const t = messages[request.locale];
  const { timeZone } = d.config.calendar;
  await emailLinkOnce(d, request, step, { purpose: 'download', issuedAt: now, expiresAt }, (link) =>
    sendLetter(d.ses, d.config.mail, request.email, {
      locale: request.locale,
      subject: t.download.subject,
      paragraphs: [t.download.intro(t.rights[request.type])],
      link: { intro: t.download.action, url: linkUrl(d.config.publicBaseUrl, 'downloads', link.token), note: t.download.expiry(t.dateTime(link.expiresAt, timeZone)) },
    }, { requestId: request.requestId, reader: 'learner' }),
  );
  return { expiresAt: expiresAt.toISOString() };
}

export const handler = logged((input: DownloadLinkInput) => sendDownloadLink(input, deps({ ses: sesClient() })));
