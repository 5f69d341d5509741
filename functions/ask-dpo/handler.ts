import { deps, type Deps } from '../shared/context.js';
import type { Gate } from '../shared/gates.js';
import { lookupFacts, systemLines } from '../shared/gates.js';
import { messages } from '../shared/i18n.js';
import { sendLetter, type Letter } from '../shared/mail.js';
import { requestFacts } from '../shared/request-facts.js';
import type { DsrRequest, RequestStatus } from '../shared/store/requests.js';
import { linkExpiry, linkUrl, requestFor, type WaitingStepInput } from '../shared/tasks.js';

export interface AskDpoInput extends WaitingStepInput {
  gate: Gate;
}

function letterFor(gate: Gate, request: DsrRequest, d: Deps): Omit<Letter, 'link'> & { action: string } {
  const locale = d.config.languages[0];
  const t = messages[locale];
  const titles = Object.fromEntries(d.config.systems.map((s) => [s.name, s.title]));
  const facts = requestFacts(request, locale, d.config.calendar.timeZone);
  switch (gate) {
    case 'decision':
      return { locale, subject: t.dpo.decisionSubject(t.rights[request.type]), paragraphs: [t.dpo.intro], facts: [...facts, ...lookupFacts(request, titles, locale)], action: t.dpo.action };
    case 'attention': {
      const failed = Object.values(request.systems ?? {}).filter((s) => s.export === 'failed').length;
      return { locale, subject: t.attention.subject(failed), paragraphs: [t.attention.intro, systemLines(request, titles, locale, (s) => s === 'failed')], facts, action: t.attention.action };
    }
    case 'release':
      return {
        locale,
        subject: t.release.subject,
        paragraphs: [t.release.intro(request.archive?.fileCount ?? 0, t.size(request.archive?.bytes ?? 0)), systemLines(request, titles, locale)],
        facts,
        action: t.release.action,
      };
  }
}

const STATUS: Record<Gate, RequestStatus | undefined> = { decision: 'awaiting_decision', attention: undefined, release: 'awaiting_release' };
const EVENT: Record<Gate, string> = { decision: 'dpo_asked_to_decide', attention: 'dpo_asked_about_failed_systems', release: 'dpo_asked_to_release' };

/**
 * Workflow step (`.waitForTaskToken`): puts a gate before the DPO: the request to decide,
 * systems that failed to export, or an archive to release; with a link to its page. The
 * workflow waits for the answer; an unused link is replaced by a fresh one.
 */
export async function askDpo(input: AskDpoInput, d: Deps): Promise<void> {
  const gate = input.gate ?? 'decision';
  const request = await requestFor(d, input.requestId);
  const issuedAt = d.now();
  const link = await d.links.issue({ purpose: gate, requestId: request.requestId, taskToken: input.taskToken, issuedAt, expiresAt: linkExpiry(input) });
  const { action, ...letter } = letterFor(gate, request, d);
  const t = messages[letter.locale];
  await sendLetter(d.ses, d.config.mail.sender, d.config.mail.dpo, {
    ...letter,
    link: { intro: action, url: linkUrl(d.config.publicBaseUrl, 'decisions', link.token), note: t.dpo.linkExpiry(t.dateTime(link.expiresAt, d.config.calendar.timeZone)) },
  });
  const entry = { requestId: request.requestId, at: issuedAt.toISOString(), actor: 'system' as const, event: EVENT[gate], detail: { linkExpiresAt: link.expiresAt } };
  const status = STATUS[gate];
  if (status) await d.requests.transition(request, status, d.audit, entry);
  else await d.audit.append(entry);
}

export const handler = (input: AskDpoInput) => askDpo(input, deps());
