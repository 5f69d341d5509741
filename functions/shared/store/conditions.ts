import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditTrail } from './audit.js';

/** A conditional write's outcome: true when it was written, false when its condition failed (another got there first). */
export async function firstToWrite(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Whether a transaction was refused because its first item's condition failed (another got there first). */
export const refusedByCondition = (error: unknown): boolean => error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';

/** Whether a transaction was refused because its last item's condition failed (a step's audit entry, written already). */
export const lastRefused = (error: unknown): boolean => error instanceof TransactionCanceledException && error.CancellationReasons?.at(-1)?.Code === 'ConditionalCheckFailed';

/** A transaction's outcome: true when it was written, false when its first item's condition failed. */
export async function firstToCommit(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (refusedByCondition(error)) return false;
    throw error;
  }
}

type Update = NonNullable<NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]['Update']>;

/** A conditional update and its audit entry, in one transaction: false when the update's condition failed (nothing is written). */
export const updateWithEntry = (db: DynamoDBDocumentClient, update: Update, audit: AuditTrail, entry: AuditEntry): Promise<boolean> =>
  firstToCommit(db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, { Put: audit.put(entry) }] })));
