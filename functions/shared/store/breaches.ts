import { updateWithEntry } from './conditions.js';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Breach } from '../breach.js';
import type { AuditEntry, AuditTrail } from './audit.js';
import { claimLetter, releaseLetter } from './letters.js';

const breachKey = (breachId: string) => ({ pk: `breach#${breachId}`, sk: 'breach' });
/** Every breach by when the controller became aware (infra/tables.ts). */
const REGISTER_INDEX = 'byAwareAt';
const BREACH = 'breach';

/** Where the next page of the register starts: DynamoDB's own key, opaque to callers. */
export type BreachCursor = Record<string, string>;

/**
 * The breach register (Art. 33(5)): one item per breach with its facts and where its
 * clock stands. Every change is written with its entry in the audit trail (under the
 * breach's id), in one transaction, and only over the revision it was read at: two
 * writers cannot overwrite each other, and the trail is the breach's timeline.
 */
export class BreachStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Stores a new breach with its first entry. */
  async open(breach: Breach, audit: AuditTrail, entry: AuditEntry): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table, Item: { ...breachKey(breach.breachId), kind: BREACH, ...breach }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: audit.put(entry) },
        ],
      }),
    );
  }

  async get(breachId: string): Promise<Breach | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: breachKey(breachId), ConsistentRead: true }));
    return result.Item ? strip(result.Item) : undefined;
  }

  /** One page of the register, the latest awareness first. */
  async page(page: { limit: number; after?: BreachCursor }): Promise<{ breaches: Breach[]; next?: BreachCursor }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: REGISTER_INDEX,
        KeyConditionExpression: 'kind = :breach',
        ExpressionAttributeValues: { ':breach': BREACH },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.after,
      }),
    );
    return { breaches: (result.Items ?? []).map(strip), ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey as BreachCursor } : {}) };
  }

  /** Every breach whose clock runs (its notification, or that none is due, not yet recorded), the latest awareness first. */
  async stillOpen(): Promise<Breach[]> {
    const open: Breach[] = [];
    let after: BreachCursor | undefined;
    do {
      const page = await this.page({ limit: 100, ...(after ? { after } : {}) });
      open.push(...page.breaches.filter((b) => b.state === 'open'));
      after = page.next;
    } while (after);
    return open;
  }

  /**
   * Writes `changes` over the breach as it was read (its revision), with the timeline's
   * entry, in one transaction. False when another change got there first: read it again.
   */
  async change(breach: Breach, changes: Partial<Omit<Breach, 'breachId' | 'revision'>>, audit: AuditTrail, entry: AuditEntry): Promise<boolean> {
    const names = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined);
    return updateWithEntry(
      this.db,
      {
        TableName: this.table,
        Key: breachKey(breach.breachId),
        UpdateExpression: `SET ${[...names.map((n) => `#${n} = :${n}`), 'revision = :next'].join(', ')}`,
        ConditionExpression: 'revision = :revision',
        ...(names.length ? { ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])) } : {}),
        ExpressionAttributeValues: { ...Object.fromEntries(names.map((n) => [`:${n}`, (changes as Record<string, unknown>)[n]])), ':revision': breach.revision, ':next': breach.revision + 1 },
      },
      audit,
      entry,
    );
  }

  /** Claims a reminder or escalation before it is sent (store/letters.ts). */
  claimLetter(breachId: string, letter: string): Promise<boolean> {
    return claimLetter(this.db, this.table, breachKey(breachId), letter);
  }

  releaseLetter(breachId: string, letter: string): Promise<void> {
    return releaseLetter(this.db, this.table, breachKey(breachId), letter);
  }
}

/** The breach without the store's own attributes (key, index key, letter claims). */
function strip(item: Record<string, unknown>): Breach {
  const { pk: _pk, sk: _sk, kind: _kind, lettersSent: _letters, ...breach } = item;
  return breach as unknown as Breach;
}
