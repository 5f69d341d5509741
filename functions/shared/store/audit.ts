import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Who caused a step: the learner (through a link), the DPO, an operator (through the admin API), or the workflow itself. */
export type Actor = 'learner' | 'dpo' | 'operator' | 'system';

export interface AuditEntry {
  requestId: string;
  at: string; // ISO time of the step
  event: string;
  actor: Actor;
  detail?: Record<string, string | number | boolean>;
}

/**
 * The audit trail: one item per step, never updated or deleted (the functions that write
 * it are granted PutItem only). The sort key is the time plus a random suffix, so steps
 * sort by time and two steps in the same millisecond both land.
 */
export class AuditTrail {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** The Put for `entry`, to write alone or inside a transaction. */
  put(entry: AuditEntry) {
    return {
      TableName: this.table,
      Item: { ...entry, sk: `${entry.at}#${randomBytes(4).toString('hex')}` },
      ConditionExpression: 'attribute_not_exists(sk)',
    };
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.db.send(new PutCommand(this.put(entry)));
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
