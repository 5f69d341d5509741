import type { SNSEvent } from 'aws-lambda';
import { dynamoClient } from '../shared/clients/dynamo.js';
import { deps, type Deps } from '../shared/context.js';
import { logger } from '../shared/logger.js';
import { RecipientStore } from '../shared/store/recipients.js';

/** What SES publishes for a bounce (its event publishing format), as far as it is read here. */
interface SesEvent {
  eventType?: string;
  mail?: { messageId?: string };
  bounce?: { bounceType?: string; bounceSubType?: string };
}

/**
 * SES's bounces of a breach communication's emails (through its configuration set and an
 * SNS topic): a permanent bounce marks the address `bounced` beside the email sent, and
 * the breach's timeline records it. Transient bounces are SES's to retry; messages that are
 * not a communication's (a request's letters) are ignored.
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
    if (message.eventType !== 'Bounce' || message.bounce?.bounceType !== 'Permanent' || typeof messageId !== 'string' || messageId.length > 200) continue;
    const at = d.now();
    const ours = await store.bounced(messageId, at);
    if (!ours) continue;
    await d.audit.append({ requestId: ours.breachId, at: at.toISOString(), actor: 'system', event: 'communication_bounced', detail: { kind: String(message.bounce.bounceSubType ?? 'General').slice(0, 40) } });
    recorded++;
  }
  return { recorded };
}

export const handler = (event: SNSEvent) => recordBounces(event, deps());
