import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretValue } from '../connectors/secrets.js';
import { signedHeaders } from '../connectors/signing.js';
import { secretsClient } from '../shared/clients/secrets.js';
import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import type { Recipient } from '../shared/config.js';
import { requestFacts } from '../shared/request-facts.js';
import type { DsrRequest } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { once, oncePerStep } from '../shared/store/letters.js';
import { logged } from '../shared/logger.js';
import { requestFor } from '../shared/tasks.js';

/** Rights whose change must be passed on to those the data was disclosed to (Art. 19: Arts. 16, 17(1), 18). */
const PASSED_ON = new Set(['erasure', 'rectification', 'restriction']);

/** What the recipient must do, as a JSON body: who, which right, and the corrected values or purposes. */
function notice(request: DsrRequest) {
  return {
    requestId: request.requestId,
    right: request.type,
    subject: { ...(request.subject ?? {}), email: request.email },
    ...(request.type === 'rectification' ? { changes: request.rectification?.changes ?? {} } : {}),
    ...(request.type === 'restriction' ? { purposes: request.purposes ?? [] } : {}),
  };
}

async function tell(recipient: Recipient, request: DsrRequest, d: Deps<'ses'>, secrets: SecretsManagerClient): Promise<void> {
  const body = notice(request);
  if (recipient.email) {
    const locale = d.config.languages[0];
    const t = messages[locale];
    const facts: Array<[string, string]> = [
      [t.dpo.fields.type, t.rights[request.type]],
      [t.dpo.fields.email, request.email],
      ...Object.entries(body.changes ?? {}),
      ...(body.purposes?.length ? [[t.fieldNames.purposes, body.purposes.join(', ')] as [string, string]] : []),
    ];
    await sendLetter(d.ses, d.config.mail, recipient.email, { locale, subject: t.recipients.subject(t.rights[request.type]), paragraphs: [t.recipients.intro(recipient.name)], facts, closing: [t.recipients.closing] }, { requestId: request.requestId, reader: 'recipient' });
    return;
  }
  const text = JSON.stringify({ ...body, operation: 'notice' });
  const secret = await secretValue(secrets, recipient.secretName!);
  const res = await fetch(recipient.url!, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(secret, text) }, body: text, redirect: 'error', signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`answered ${res.status}`);
}

/** One recipient's call, bounded: a slow partner must not hold the learner's receipt. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * Workflow step: tells every declared recipient (`dsr:recipients`) of an erasure,
 * rectification or restriction, by email or signed HTTP call. Each recipient is claimed on
 * the request before it is told (`recipient#<name>`) and recorded as told after, so a
 * retried step tells only those not told yet, even when it failed in between. A recipient
 * that cannot be reached does not hold up the learner's answer: the DPO is asked to tell
 * it by hand, and the receipt names only those told.
 */
export async function tellRecipients(input: { requestId: string } & StepInput, d: Deps<'ses'>, secrets = secretsClient()): Promise<{ told: number; notReached: number }> {
  const request = await requestFor(d, input.requestId);
  const nothingChanged = request.type === 'rectification' && !Object.keys(request.rectification?.changes ?? {}).length && !request.rectification?.byHand?.length;
  if (!PASSED_ON.has(request.type) || nothingChanged) return { told: 0, notReached: 0 };
  const told = { ...(request.recipientsTold ?? {}) };
  const notReached: string[] = [];
  for (const recipient of d.config.recipients) {
    if (told[recipient.name]) continue;
    try {
      // Told once per request (Art. 19): an attempt that told it and failed before recording it is not repeated.
      await once(d.requests, request.requestId, `recipient#${recipient.name}`, () => tell(recipient, request, d, secrets));
    } catch (error) {
      notReached.push(recipient.name);
      await d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'system', event: 'recipient_not_reached', step: stepKey(input, recipient.name), detail: { recipient: recipient.name, error: (error as Error).name } });
      continue;
    }
    told[recipient.name] = d.now().toISOString();
    await d.requests.save(request.requestId, { recipientsTold: told });
    await d.audit.append({ requestId: request.requestId, at: told[recipient.name], actor: 'system', event: 'recipient_told', step: stepKey(input, recipient.name), detail: { recipient: recipient.name } });
  }
  if (notReached.length) {
    const t = messages[d.config.languages[0]];
    const letter = { locale: d.config.languages[0], subject: t.recipients.notReachedSubject, paragraphs: [t.recipients.notReached(notReached.join(', '))], facts: requestFacts(request, d.config.languages[0], d.config.calendar.timeZone) };
    await oncePerStep(d.requests, request.requestId, stepKey(input), () => sendLetter(d.ses, d.config.mail, d.config.mail.dpo, letter, { requestId: request.requestId, reader: 'dpo' }));
  }
  return { told: Object.keys(told).length, notReached: notReached.length };
}

export const handler = logged((input: { requestId: string } & StepInput) => tellRecipients(input, deps({ ses: sesClient() })));
