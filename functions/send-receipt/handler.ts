import { deleteStagingArea } from '../shared/request-files.js';
import { CHANGE_OF } from '../shared/workflow-input.js';
import { dateInZone, formatDate } from '../shared/civil-date.js';
import { s3Client } from '../shared/clients/s3.js';
import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages, type Messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import { learnerTitle, systemDeclarations } from '../shared/declarations.js';
import { purposesText } from '../shared/purposes.js';
import { isLocale } from '../shared/rights.js';
import { leftOutReason, type DsrRequest, type SystemRecord } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { oncePerStep } from '../shared/store/letters.js';
import { logged } from '../shared/logger.js';
import { count } from '../shared/metrics.js';
import { requestFor } from '../shared/tasks.js';

export interface ReceiptInput extends StepInput {
  requestId: string;
}

/** What was done in one system, in the learner's words; undefined when there is nothing to say. */
function systemLine(request: DsrRequest, name: string, s: SystemRecord, t: Messages, purposes: string): string | undefined {
  const operation = CHANGE_OF[request.type]!;
  const status = s[operation];
  const kept = (s.retained ?? []).map((r) => t.receipt.kept(r.category, r.legalBasis, r.until ? t.date(r.until) : undefined));
  const parts: string[] = [];
  if (status === 'skipped') parts.push(t.receipt.leftOut(leftOutReason(request, name, operation) ?? ''));
  else if (status === 'done_by_hand') parts.push(t.receipt.doneByHand);
  else if (status === 'not_found') parts.push(t.receipt.nothingFound);
  else if (status === 'not_applicable') return undefined;
  else if (operation === 'erase') {
    if (s.anonymised) parts.push(t.receipt.anonymised(s.anonymised));
    if (s.erased) parts.push(t.receipt.erased(s.erased));
    else if (!s.anonymised && !kept.length) parts.push(t.receipt.erasedUncounted);
  } else if (operation === 'rectify') parts.push(s.changed ? t.receipt.corrected(s.changed) : t.receipt.nothingToDo);
  else if (operation === 'restrict') parts.push(t.receipt.restricted(purposes));
  if (operation === 'erase') parts.push(...kept);
  if (s.verify === 'skipped') parts.push(t.receipt.notChecked(leftOutReason(request, name, 'verify') ?? ''));
  // The DPO closed the erasure with data left where a verification still found some.
  const dataLeft = s.dataLeftReason ?? (s.verify === 'partial' ? request.dataLeftReason : undefined);
  if (dataLeft) parts.push(t.receipt.dataLeft(dataLeft));
  return parts.join('; ');
}

/**
 * Workflow step: tells the learner, in their language, what was done in every system
 * (erased, anonymised, kept and why until when, corrected, restricted, done by hand, left
 * out) and to whom it was passed on (Art. 19); closes the request as answered, complete or
 * not, and clears its staging area. The status is written before the email, and the email
 * sent once whatever the step's retries.
 */
export async function sendReceipt(input: ReceiptInput, d: Deps<'ses'>, s3 = s3Client()): Promise<{ outcome: 'complete' | 'incomplete' }> {
  const request = await requestFor(d, input.requestId);
  const outcome = request.outcome ?? 'complete';
  const step = stepKey(input);
  const locale = isLocale(request.locale) ? request.locale : d.config.languages[0];
  const t = messages[locale];
  const now = d.now();
  const right = t.rights[request.type];
  const date = t.date(formatDate(dateInZone(now, d.config.calendar.timeZone)));
  const purposes = purposesText(request.purposes, d.config.purposes, locale);
  const noChange = request.type === 'rectification' && request.rectification && !Object.keys(request.rectification.changes).length && !request.rectification.byHand?.length;
  const declarations = systemDeclarations();
  const facts = noChange
    ? []
    : d.config.systems.flatMap((system): Array<[string, string]> => {
        const record = request.systems?.[system.name];
        const line = record && systemLine(request, system.name, record, t, purposes);
        return line ? [[learnerTitle(system, locale, declarations), line]] : [];
      });
  const told = Object.keys(request.recipientsTold ?? {});
  await d.requests.save(request.requestId, { outcome });
  if (request.status !== 'answered') count('RequestsAnswered'); // a retry finds it answered already
  await d.requests.transition(request, 'answered', d.audit, { requestId: request.requestId, at: now.toISOString(), actor: 'system', event: 'receipt_sent', step, detail: { outcome } });
  await oncePerStep(d.requests, request.requestId, step, () => sendLetter(d.ses, d.config.mail, request.email, {
    locale,
    subject: t.receipt.subject(right),
    paragraphs: [noChange ? t.receipt.noChange(request.rectification?.reason ?? '') : outcome === 'complete' ? t.receipt.intro(right, date) : t.receipt.introIncomplete(right, date)],
    facts,
    closing: [...(told.length ? [t.receipt.recipients(told.join(', '))] : []), t.receipt.remedy],
  }, { requestId: request.requestId, reader: 'learner' }));
  await deleteStagingArea(s3, d.config.archiveBucket, request.requestId);
  return { outcome };
}

export const handler = logged((input: ReceiptInput) => sendReceipt(input, deps({ ses: sesClient() })));
