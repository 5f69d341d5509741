import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import { linkUrl, requestFor } from '../shared/tasks.js';

export interface DownloadLinkInput {
  requestId: string;
}

/**
 * Workflow step: emails the learner a link to the download page, which works until
 * `dsr:downloadLinkDays` have passed, and records the request as answered.
 */
export async function sendDownloadLink(input: DownloadLinkInput, d: Deps<'ses'>): Promise<{ expiresAt: string }> {
  const request = await requestFor(d, input.requestId);
  const now = d.now();
  const link = await d.links.issue({ purpose: 'download', requestId: request.requestId, issuedAt: now, expiresAt: new Date(now.getTime() + d.config.downloadLinkSeconds * 1000) });
  const t = messages[request.locale];
  const { timeZone } = d.config.calendar;
  await sendLetter(d.ses, d.config.mail, request.email, {
    locale: request.locale,
    subject: t.download.subject,
    paragraphs: [t.download.intro(t.rights[request.type])],
    link: { intro: t.download.action, url: linkUrl(d.config.publicBaseUrl, 'downloads', link.token), note: t.download.expiry(t.dateTime(link.expiresAt, timeZone)) },
  }, { requestId: request.requestId, reader: 'learner' });
  await d.requests.transition(request, 'answered', d.audit, {
    requestId: request.requestId,
    at: now.toISOString(),
    actor: 'system',
    event: 'download_link_sent',
    detail: { linkExpiresAt: link.expiresAt },
  });
  return { expiresAt: link.expiresAt };
}

export const handler = (input: DownloadLinkInput) => sendDownloadLink(input, deps({ ses: sesClient() }));
