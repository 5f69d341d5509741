import { firstToWrite } from './conditions.js';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Letters sent once per item (a request's reminders, a breach's): the letter's key is
 * added to the item's `lettersSent` set before it is sent, conditionally, so that a
 * retried step sends nothing new; a send that fails gives the claim back.
 */
export async function claimLetter(db: DynamoDBDocumentClient, table: string, key: Record<string, string>, letter: string): Promise<boolean> {
  return firstToWrite(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'ADD lettersSent :letters',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lettersSent) OR NOT contains(lettersSent, :letter))',
        ExpressionAttributeValues: { ':letters': new Set([letter]), ':letter': letter },
      }),
    ),
  );
}

/** A store whose items claim letters (RequestStore, BreachStore). */
export interface LetterClaims {
  claimLetter(id: string, letter: string): Promise<boolean>;
  releaseLetter(id: string, letter: string): Promise<void>;
}

/**
 * Does `act` (sends a letter, writes its audit entry) once for `letter` on item `id`,
 * whichever attempt of a step gets there: claimed first, the claim given back if `act`
 * fails. True when this call did it.
 */
export async function once(store: LetterClaims, id: string, letter: string, act: () => Promise<unknown>): Promise<boolean> {
  if (!(await store.claimLetter(id, letter))) return false;
  try {
    await act();
  } catch (error) {
    await store.releaseLetter(id, letter);
    throw error;
  }
  return true;
}

/** The claim of a workflow step's email (shared/step.ts). */
export const stepClaim = (step: string) => `mail#${step}`;

/**
 * As `once`, for the email of a workflow step named by `step` (shared/step.ts): a retry of
 * the step sends nothing new. Without a step (a call from outside the workflow, which is
 * not retried) it simply sends.
 */
export async function oncePerStep(store: LetterClaims, id: string, step: string | undefined, act: () => Promise<unknown>): Promise<boolean> {
  if (step) return once(store, id, stepClaim(step), act);
  await act();
  return true;
}

/** Gives a claim back when the letter could not be sent, so that the retry sends it. */
export async function releaseLetter(db: DynamoDBDocumentClient, table: string, key: Record<string, string>, letter: string): Promise<void> {
  await db.send(new UpdateCommand({ TableName: table, Key: key, UpdateExpression: 'DELETE lettersSent :letters', ExpressionAttributeValues: { ':letters': new Set([letter]) } }));
}
