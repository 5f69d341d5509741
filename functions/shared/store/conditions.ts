import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

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
