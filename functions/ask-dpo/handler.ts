import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import { requestFacts } from '../shared/request-facts.js';
import { linkExpiry, linkUrl, requestFor, type WaitingStepInput } from '../shared/tasks.js';

/**
 * Workflow step (`.waitForTaskToken`): puts the request before the DPO, with a link to the
 * decision page. The workflow waits for POST /decisions/{token}; when the link's lifetime
 * passes unused, the workflow asks again with a fresh link.
 */
export async function askDpo(input: WaitingStepInput, d: Deps): Promise<void> {
  const request = await requestFor(d, input.requestId);
  const issuedAt = d.now();
  const link = await d.links.issue({ purpose: 'decision', requestId: request.requestId, taskToken: input.taskToken, issuedAt, expiresAt: linkExpiry(input) });
  const locale = d.config.languages[0];
  const t = messages[locale];
  const { timeZone } = d.config.calendar;
  await sendLetter(d.ses, d.config.mail.sender, d.config.mail.dpo, {
    locale,
    subject: t.dpo.decisionSubject(t.rights[request.type]),
    paragraphs: [t.dpo.intro],
    facts: requestFacts(request, locale, timeZone),
    link: { intro: t.dpo.action, url: linkUrl(d, 'decisions', link.token), note: t.dpo.linkExpiry(t.dateTime(link.expiresAt, timeZone)) },
  });
  await d.requests.transition(request, 'awaiting_decision', d.audit, {
    requestId: request.requestId,
    at: issuedAt.toISOString(),
    actor: 'system',
    event: 'dpo_asked_to_decide',
    detail: { linkExpiresAt: link.expiresAt },
  });
}

export const handler = (input: WaitingStepInput) => askDpo(input, deps());
