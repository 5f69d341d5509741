import type { Gate } from '../gates.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LinkError } from '../errors.js';
import { hashToken, looksLikeToken, newLinkToken } from '../tokens.js';

/**
 * What a link lets its holder do: the learner confirms (`verify`) or downloads
 * (`download`, usable until expiry); the DPO answers a gate (shared/gates.ts) or approves
 * a breach's communication (`communication`; its `requestId` is then the breach's id) or records a breach
 * (`breach`; its `requestId` is the id the breach will have); an
 * external system calls back (`callback`).
 */
export type LinkPurpose = 'verify' | 'download' | 'callback' | 'communication' | 'breach' | Gate;

export interface LinkRecord {
  tokenHash: string;
  purpose: LinkPurpose;
  requestId: string;
  taskToken?: string; // the Step Functions task the link resumes; never leaves the store
  system?: string; // for a callback: the data system expected to call
  operation?: string; // for a callback: the operation it answers; for the DPO's round gates: the operation concerned
  issuedAt: string;
  expiresAt: string;
  usedAt?: string;
}

/** The key of the item naming the link a step emailed. */
const stepLinkKey = (requestId: string, step: string) => `step#${requestId}#${step}`;

/** Days a spent or expired link is kept (for the audit of who used what) before TTL removes it. */
const KEEP_AFTER_EXPIRY_SECONDS = 90 * 24 * 3600;

/**
 * Links that resume a waiting workflow step. The email carries a random token; the table
 * holds only its SHA-256 beside the task token, so the table alone opens nothing. A link
 * acts once (conditional write) and not after its expiry (checked here, in code, because
 * DynamoDB's TTL deletes late).
 */
export class LinkTokenStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Stores a new link and returns the token to put in the email. */
  async issue(link: { purpose: LinkPurpose; requestId: string; taskToken?: string; system?: string; operation?: string; issuedAt: Date; expiresAt: Date }): Promise<{ token: string; expiresAt: string }> {
    const { token, hash } = newLinkToken();
    const expires = link.expiresAt;
    const record: LinkRecord & { ttl: number } = {
      tokenHash: hash,
      purpose: link.purpose,
      requestId: link.requestId,
      ...(link.taskToken ? { taskToken: link.taskToken } : {}),
      ...(link.system ? { system: link.system } : {}),
      ...(link.operation ? { operation: link.operation } : {}),
      issuedAt: link.issuedAt.toISOString(),
      expiresAt: expires.toISOString(),
      ttl: Math.floor(expires.getTime() / 1000) + KEEP_AFTER_EXPIRY_SECONDS,
    };
    await this.db.send(new PutCommand({ TableName: this.table, Item: record, ConditionExpression: 'attribute_not_exists(tokenHash)' }));
    return { token, expiresAt: record.expiresAt };
  }

  /**
   * Remembers the link a waiting step emailed (shared/step-link.ts), in an item of its own
   * that no token can reach (its key is no hash), for the step's retries.
   */
  async rememberStepLink(requestId: string, step: string, tokenHash: string, expiresAt: string): Promise<void> {
    const ttl = Math.floor(Date.parse(expiresAt) / 1000) + KEEP_AFTER_EXPIRY_SECONDS;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { tokenHash: stepLinkKey(requestId, step), linkHash: tokenHash, expiresAt, ttl } }));
  }

  /** The link a waiting step emailed, if one did. */
  async stepLink(requestId: string, step: string): Promise<{ tokenHash: string; expiresAt: string } | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: { tokenHash: stepLinkKey(requestId, step) }, ConsistentRead: true }));
    return result.Item ? { tokenHash: String(result.Item.linkHash), expiresAt: String(result.Item.expiresAt) } : undefined;
  }

  /** Points a link at the task a retried step now waits as (each attempt has a token of its own). */
  async repoint(tokenHash: string, taskToken: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({ TableName: this.table, Key: { tokenHash }, UpdateExpression: 'SET taskToken = :token', ConditionExpression: 'attribute_exists(tokenHash)', ExpressionAttributeValues: { ':token': taskToken } }),
    );
  }

  /** The link behind `token` if it can still act; a LinkError saying why not otherwise. Changes nothing. */
  async inspect(token: string, purpose: LinkPurpose | LinkPurpose[], now: Date): Promise<LinkRecord> {
    if (!looksLikeToken(token)) throw new LinkError('unknown');
    return this.inspectHash(hashToken(token), purpose, now);
  }

  /** As `inspect`, by the token's hash: for the product's own use of a link it holds (the admin API answering a gate). */
  async inspectHash(tokenHash: string, purpose: LinkPurpose | LinkPurpose[], now: Date): Promise<LinkRecord> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: { tokenHash }, ConsistentRead: true }));
    const record = result.Item as LinkRecord | undefined;
    if (!record || ![purpose].flat().includes(record.purpose)) throw new LinkError('unknown');
    if (record.usedAt) throw new LinkError('used', { requestId: record.requestId });
    if (Date.parse(record.expiresAt) <= now.getTime()) throw new LinkError('expired', { requestId: record.requestId });
    return record;
  }

  /** Marks the link used, once: of two concurrent uses exactly one succeeds. */
  async consume(token: string, purpose: LinkPurpose | LinkPurpose[], now: Date): Promise<LinkRecord> {
    if (!looksLikeToken(token)) throw new LinkError('unknown');
    return this.consumeHash(hashToken(token), purpose, now);
  }

  /** As `consume`, by the token's hash. */
  async consumeHash(tokenHash: string, purpose: LinkPurpose | LinkPurpose[], now: Date): Promise<LinkRecord> {
    const record = await this.inspectHash(tokenHash, purpose, now);
    const usedAt = now.toISOString();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { tokenHash: record.tokenHash },
          UpdateExpression: 'SET usedAt = :usedAt',
          ConditionExpression: 'attribute_exists(tokenHash) AND attribute_not_exists(usedAt) AND expiresAt > :usedAt',
          ExpressionAttributeValues: { ':usedAt': usedAt },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new LinkError('used', { cause: error, requestId: record.requestId });
      throw error;
    }
    return { ...record, usedAt };
  }

  /** Whether the link whose hash is `tokenHash` can still act: its step waits on it. */
  async isWaiting(tokenHash: string, now: Date): Promise<boolean> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: { tokenHash }, ConsistentRead: true }));
    const record = result.Item as LinkRecord | undefined;
    return !!record && !record.usedAt && Date.parse(record.expiresAt) > now.getTime();
  }

  /**
   * A fresh link for the same waiting step as the link whose hash is `tokenHash`, if that
   * one can still act (for reminders: the first used resumes the step, the other then says
   * it has expired). Undefined when the step is no longer waiting on it.
   */
  async sibling(tokenHash: string, now: Date): Promise<{ token: string; purpose: LinkPurpose; expiresAt: string } | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: { tokenHash }, ConsistentRead: true }));
    const record = result.Item as LinkRecord | undefined;
    if (!record || record.usedAt || Date.parse(record.expiresAt) <= now.getTime()) return undefined;
    const { token, expiresAt } = await this.issue({ ...record, issuedAt: now, expiresAt: new Date(record.expiresAt) });
    return { token, purpose: record.purpose, expiresAt };
  }

  /** Gives a consumed link back when the step it resumes could not be reached (a transient failure). */
  async release(record: LinkRecord): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { tokenHash: record.tokenHash },
        UpdateExpression: 'REMOVE usedAt',
        ConditionExpression: 'usedAt = :usedAt',
        ExpressionAttributeValues: { ':usedAt': record.usedAt },
      }),
    );
  }
}
