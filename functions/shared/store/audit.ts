import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { firstToWrite } from './conditions.js';

/** Who caused a step: the learner (through a link), the DPO, an operator (through the admin API), or the workflow itself. */
export type Actor = 'learner' | 'dpo' | 'operator' | 'system';

export interface AuditEntry {
  requestId: string;
  at: string; // ISO time of the step
  event: string;
  actor: Actor;
  detail?: Record<string, string | number | boolean>;
  /** The workflow step that writes it (shared/step.ts): a retry of the step writes nothing new. */
  step?: string;
}

/**
 * The audit trail: one item per step, never updated or deleted (the functions that write
 * it are granted PutItem only). A workflow step's entry is keyed by the step and its event
 * (`<entered at>#<state>#<event>`), so that a retried step finds it written; any other's
 * by its time plus a random suffix. Both sort by time, and two entries in the same
 * millisecond both land.
 */
export class AuditTrail {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** The Put for `entry`, to write alone or inside a transaction. */
  put({ step, ...entry }: AuditEntry) {
    return {
      TableName: this.table,
      Item: { ...entry, sk: step ? `${step}#${entry.event}` : `${entry.at}#${randomBytes(4).toString('hex')}` },
      ConditionExpression: 'attribute_not_exists(sk)',
    };
  }

  /** Appends `entry`: false when its step's entry was written already (by an earlier attempt). */
  async append(entry: AuditEntry): Promise<boolean> {
    const put = this.db.send(new PutCommand(this.put(entry)));
    if (!entry.step) return put.then(() => true);
    return firstToWrite(put);
  }

  /** Every step of a request, oldest first. */
  async list(requestId: string): Promise<AuditEntry[]> {
    const items: AuditEntry[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'requestId = :id', ExpressionAttributeValues: { ':id': requestId }, ExclusiveStartKey }),
      );
      for (const { sk: _sk, ...entry } of page.Items ?? []) items.push(entry as AuditEntry);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}
