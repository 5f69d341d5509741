import type { SNSEvent } from 'aws-lambda';
import { dynamoClient } from '../shared/clients/dynamo.js';
import { deps, type Deps } from '../shared/context.js';
import { logged, logger } from '../shared/logger.js';
import { MAIL_TAGS, READERS } from '../shared/mail-tags.js';
import { count } from '../shared/metrics.js';
import { RecipientStore } from '../shared/store/recipients.js';

/** What SES publishes for a bounce or a complaint (its event publishing format), as far as it is read here. */
interface SesEvent {
  eventType?: string;
  mail?: { messageId?: string; timestamp?: string; tags?: Record<string, string[] | undefined> };
  bounce?: { bounceType?: string; bounceSubType?: string };
  complaint?: { complaintFeedbackType?: string; complaintSubType?: string | null };
}

/** A word of SES's (a bounce type, a feedback type) as it is kept: letters, digits, `_` and `-`, at most 40; anything else is `fallback`. */
const word = (value: unknown, fallback: string): string => (typeof value === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(value) ? value : fallback);
const ID = /^[A-Za-z0-9_-]{1,256}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * An email about a request (tagged with it when sent, shared/mail.ts) bounced or was marked
 * as spam: recorded on the request once, whatever SNS's repeats. The audit trail gets
 * `email_bounced` (who read it, SES's bounce type and subtype, when it was sent) or
 * `email_complained` (who, the feedback type); a learner's bounce also marks the request
 * `emailBounced`. The address is never kept nor logged. True when this call recorded it.
 */
async function recordOnRequest(requestId: string, messageId: string, message: SesEvent, d: Deps): Promise<boolean> {
  if (!ID.test(requestId)) return false;
  const tagged = message.mail?.tags?.[MAIL_TAGS.reader]?.[0];
  const reader = READERS.find((r) => r === tagged) ?? 'unknown';
  const sentAt: Record<string, string> = message.mail?.timestamp && ISO_INSTANT.test(message.mail.timestamp) ? { sentAt: message.mail.timestamp } : {};
  const at = d.now().toISOString();
  if (message.eventType === 'Bounce') {
    const bounceType = word(message.bounce?.bounceType, 'Undetermined');
    const detail = { reader, bounceType, bounceSubType: word(message.bounce?.bounceSubType, 'General'), ...sentAt };
    const recorded = await d.requests.recordMailEvent(requestId, `bounce#${messageId}`, d.audit, { requestId, at, actor: 'system', event: 'email_bounced', detail }, reader === 'learner' ? { at, bounceType } : undefined);
    if (recorded) count('EmailsBounced');
    return recorded;
  }
  const subType: Record<string, string> = message.complaint?.complaintSubType ? { complaintSubType: word(message.complaint.complaintSubType, 'other') } : {};
  const detail = { reader, feedbackType: word(message.complaint?.complaintFeedbackType, 'unknown'), ...subType, ...sentAt };
  return d.requests.recordMailEvent(requestId, `complaint#${messageId}`, d.audit, { requestId, at, actor: 'system', event: 'email_complained', detail });
}

/**
 * SES's bounce and complaint events, from the configuration sets' SNS topic. An email
 * about a request is recorded on the request (above). A breach communication's permanent
 * bounce marks its address `bounced` and the breach's timeline records it; its transient
 * bounces are SES's to retry. Other emails' events (the digest, a breach's reminders) are
 * only logged, without the address: the alarms count every one.
 */
export async function recordBounces(event: SNSEvent, d: Deps, store = new RecipientStore(dynamoClient(), d.config.tables.breaches)): Promise<{ recorded: number }> {
  let recorded = 0;
  for (const record of event.Records) {
    let message: SesEvent;
    try {
      message = JSON.parse(record.Sns.Message) as SesEvent;
    } catch {
      logger.warn('an SNS message that is not SES JSON was ignored');
      continue;
    }
    const messageId = message.mail?.messageId;
    if ((message.eventType !== 'Bounce' && message.eventType !== 'Complaint') || typeof messageId !== 'string' || messageId.length > 200) continue;
    const requestId = message.mail?.tags?.[MAIL_TAGS.request]?.[0];
    let written = false;
    if (typeof requestId === 'string') {
      written = await recordOnRequest(requestId, messageId, message, d);
    } else if (message.eventType === 'Bounce' && message.bounce?.bounceType === 'Permanent') {
      const at = d.now();
      const ours = await store.bounced(messageId, at);
      if (ours) await d.audit.append({ requestId: ours.breachId, at: at.toISOString(), actor: 'system', event: 'communication_bounced', detail: { kind: word(message.bounce.bounceSubType, 'General') } });
      written = !!ours;
    }
    logger.info('an SES event was received', { eventType: message.eventType, type: word(message.bounce?.bounceType ?? message.complaint?.complaintFeedbackType, 'unknown'), ...(typeof requestId === 'string' && ID.test(requestId) ? { requestId } : {}), recorded: written });
    if (written) recorded++;
  }
  return { recorded };
}

export const handler = logged((event: SNSEvent) => recordBounces(event, deps()));
