import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Letters sent once per item (a request's reminders, a breach's): the letter's key is
 * added to the item's `lettersSent` set before it is sent, conditionally, so that a
 * retried step sends nothing new; a send that fails gives the claim back.
 */
export async function claimLetter(db: DynamoDBDocumentClient, table: string, key: Record<string, string>, letter: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'ADD lettersSent :letters',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lettersSent) OR NOT contains(lettersSent, :letter))',
        ExpressionAttributeValues: { ':letters': new Set([letter]), ':letter': letter },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Writes the audit entry of a letter once, whichever attempt of the step gets there (the
 * attempt that sent it may have failed before writing it): claimed as `<letter>-recorded`.
 */
export async function recordLetterOnce(store: { claimLetter(id: string, letter: string): Promise<boolean>; releaseLetter(id: string, letter: string): Promise<void> }, id: string, letter: string, append: () => Promise<void>): Promise<void> {
  if (!(await store.claimLetter(id, `${letter}-recorded`))) return;
  try {
    await append();
  } catch (error) {
    await store.releaseLetter(id, `${letter}-recorded`);
    throw error;
  }
}

/** Gives a claim back when the letter could not be sent, so that the retry sends it. */
export async function releaseLetter(db: DynamoDBDocumentClient, table: string, key: Record<string, string>, letter: string): Promise<void> {
  await db.send(new UpdateCommand({ TableName: table, Key: key, UpdateExpression: 'DELETE lettersSent :letters', ExpressionAttributeValues: { ':letters': new Set([letter]) } }));
}
