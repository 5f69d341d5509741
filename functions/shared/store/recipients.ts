import { createHash } from 'node:crypto';
import { firstToWrite } from './conditions.js';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Recipient } from '../communication.js';
import type { Locale } from '../rights.js';

/** Where one address stands: to write to, being written to (claimed), written to, refused by SES, or bounced. */
export type RecipientStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'bounced';

export interface RecipientItem {
  /** The address's SHA-256: the item's key, so that an address is one item whatever its case. */
  sk: string;
  /** Until its email is sent or refused. */
  email?: string;
  locale: Locale;
  status: RecipientStatus;
  messageId?: string;
  at?: string;
  error?: string;
}

export type RecipientCursor = Record<string, string>;

/** One communication's list of addresses: a breach's communication asked again after a lapse has a list of its own. */
export interface RecipientList {
  breachId: string;
  list: string;
}

const listKey = ({ breachId, list }: RecipientList) => `recipients#${breachId}#${list}`;
const itemKey = (of: RecipientList, sk: string) => ({ pk: listKey(of), sk });
const messageKey = (messageId: string) => ({ pk: `message#${messageId}`, sk: 'message' });
/** How long the addresses and their outcomes are kept: a year, the proof that the people were told. */
const KEEP_SECONDS = 365 * 86400;
export const recipientKey = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('hex');

/**
 * The people a breach's communication writes to (Art. 34), in the breach register's
 * table: one item per address. Each send is claimed first (pending → sending, a
 * conditional write), so an address is written to once whatever the retries, restarts
 * and resumes; an address left `sending` by a crash is not written to again, and is
 * reported as uncertain.
 */
export class RecipientStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Writes the list, every address pending; run once, before anything is sent. Kept a year (TTL), as proof of who was told. */
  async putAll(of: RecipientList, recipients: Recipient[], now: Date): Promise<void> {
    const ttl = Math.floor(now.getTime() / 1000) + KEEP_SECONDS;
    for (let i = 0; i < recipients.length; i += 25) {
      let writes: Array<Record<string, unknown>> = recipients.slice(i, i + 25).map((r) => ({ PutRequest: { Item: { ...itemKey(of, recipientKey(r.email)), email: r.email, locale: r.locale, status: 'pending', ttl } } }));
      for (let attempt = 0; writes.length; attempt++) {
        const result = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: writes as never } }));
        writes = (result.UnprocessedItems?.[this.table] ?? []) as Array<Record<string, unknown>>;
        if (writes.length) await new Promise((r) => setTimeout(r, Math.min(2 ** attempt * 50, 2000)));
      }
    }
  }

  /** The next addresses after `after`, in key order. */
  async page(of: RecipientList, limit: number, after?: RecipientCursor): Promise<{ items: RecipientItem[]; next?: RecipientCursor }> {
    const result = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': listKey(of) }, Limit: limit, ExclusiveStartKey: after, ConsistentRead: true }),
    );
    const items = (result.Items ?? []).map(({ pk: _pk, ...item }) => item as RecipientItem);
    return { items, ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey as RecipientCursor } : {}) };
  }

  /** Claims an address before writing to it: true for the first claim. */
  async claim(of: RecipientList, sk: string, at: Date): Promise<boolean> {
    return firstToWrite(
      this.db.send(
        new UpdateCommand({ TableName: this.table, Key: itemKey(of, sk), UpdateExpression: 'SET #status = :sending, #at = :at', ConditionExpression: '#status = :pending', ExpressionAttributeNames: { '#status': 'status', '#at': 'at' }, ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':at': at.toISOString() } }),
      ),
    );
  }

  /** Gives a claim back when SES could not take the email now (throttled, unreachable): a later batch sends it. */
  async release(of: RecipientList, sk: string): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: itemKey(of, sk), UpdateExpression: 'SET #status = :pending REMOVE #at', ConditionExpression: '#status = :sending', ExpressionAttributeNames: { '#status': 'status', '#at': 'at' }, ExpressionAttributeValues: { ':pending': 'pending', ':sending': 'sending' } }));
  }

  /**
   * Records the email sent, with SES's message id and a pointer from that id back here (for
   * bounces). The address itself goes: the key (its SHA-256) and the outcome are the proof.
   */
  async sent(of: RecipientList, sk: string, messageId: string, at: Date): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...messageKey(messageId), ...of, recipient: sk, ttl: Math.floor(at.getTime() / 1000) + KEEP_SECONDS } }));
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: itemKey(of, sk), UpdateExpression: 'SET #status = :sent, messageId = :id, #at = :at REMOVE email', ExpressionAttributeNames: { '#status': 'status', '#at': 'at' }, ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId, ':at': at.toISOString() } }));
  }

  /** Records that SES refused the address for good (it will not be tried again). */
  async failed(of: RecipientList, sk: string, error: string, at: Date): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: itemKey(of, sk), UpdateExpression: 'SET #status = :failed, #error = :error, #at = :at REMOVE email', ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#at': 'at' }, ExpressionAttributeValues: { ':failed': 'failed', ':error': error.slice(0, 200), ':at': at.toISOString() } }));
  }

  /** Records a bounce reported by SES for a message, once; undefined when the message is not one of ours, or was recorded already. */
  async bounced(messageId: string, at: Date): Promise<{ breachId: string } | undefined> {
    const pointer = (await this.db.send(new GetCommand({ TableName: this.table, Key: messageKey(messageId) }))).Item;
    if (!pointer) return undefined;
    const first = await firstToWrite(
      this.db.send(
        new UpdateCommand({ TableName: this.table, Key: itemKey({ breachId: String(pointer.breachId), list: String(pointer.list) }, String(pointer.recipient)), UpdateExpression: 'SET #status = :bounced, bouncedAt = :at', ConditionExpression: '#status = :sent', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':bounced': 'bounced', ':sent': 'sent', ':at': at.toISOString() } }),
      ),
    );
    return first ? { breachId: String(pointer.breachId) } : undefined; // not first: SNS delivered it twice
  }

  /** How many addresses stand where. */
  async tally(of: RecipientList): Promise<Record<RecipientStatus, number>> {
    const counts: Record<RecipientStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, bounced: 0 };
    let after: RecipientCursor | undefined;
    do {
      const page = await this.page(of, 1000, after);
      for (const item of page.items) counts[item.status]++;
      after = page.next;
    } while (after);
    return counts;
  }
}
