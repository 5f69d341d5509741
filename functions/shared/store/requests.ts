import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { firstToCommit, firstToWrite, lastRefused, updateWithEntry } from './conditions.js';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConnectorOutcome, OutcomeStatus, RetainedData } from '../../connectors/kit.js';
import { clip } from '../bounds.js';
import type { Locale, Right } from '../rights.js';
import { addressKey } from '../tokens.js';
import type { AuditEntry, AuditTrail } from './audit.js';
import { claimLetter, releaseLetter } from './letters.js';

export const REQUEST_STATUSES = [
  'awaiting_verification',
  'verified',
  'awaiting_decision',
  'approved',
  'exporting',
  'awaiting_release',
  'awaiting_erasure',
  'awaiting_rectification',
  'in_progress',
  'lifted',
  'abandoned',
  'cancelled',
  'answered',
  'rejected',
  'closed_unverified',
  'duplicate',
  'failed',
] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses after which the address may file the same right again. */
export const CLOSED_STATUSES: readonly RequestStatus[] = ['answered', 'rejected', 'closed_unverified', 'duplicate', 'failed', 'lifted', 'abandoned', 'cancelled'];

/** How one operation went in one system: a connector's status, or the workflow's own. */
export type StepStatus = OutcomeStatus | 'skipped' | 'done_by_hand';

/** What the request knows of one data system: whether it holds data, and how each operation went. */
export interface SystemRecord {
  lookup?: 'done' | 'not_found' | 'failed';
  export?: StepStatus;
  erase?: StepStatus;
  /** After an erasure: `done` when nothing is left but what retention keeps, `partial` when data is left. */
  verify?: StepStatus;
  rectify?: StepStatus;
  restrict?: StepStatus;
  lift?: StepStatus;
  fileCount?: number;
  bytes?: number;
  erased?: number;
  anonymised?: number;
  changed?: number;
  remaining?: number;
  /** What an erasure keeps (from the lookup, then from the erasure itself). */
  retained?: RetainedData[];
  note?: string;
  /** The system said more than the workflow keeps (its connector cut a text or left entries out). */
  clipped?: true;
  error?: string;
  /** Why the DPO went on without this system: from requests recorded before `leftOut` (read through `leftOutReason`). */
  skippedReason?: string;
  /** What the DPO did by hand (the note goes when the request is minimised), and when. */
  doneByHand?: { note?: string; at: string };
  /** Why the DPO closed the erasure with this system's data left: from requests recorded before `dataLeftReason` was the request's. */
  dataLeftReason?: string;
}

/** A round the DPO went on without some systems: which, in which operation, and why. */
export interface LeftOut {
  /** The step that recorded it: a retry of the step writes it once. */
  step?: string;
  operation: string;
  systems: string[];
  reason: string;
}

/** The request's rounds left out, with `round` once however often its step ran. */
export const withRoundLeftOut = (request: Pick<DsrRequest, 'leftOut'>, round: LeftOut): LeftOut[] => [...(request.leftOut ?? []).filter((r) => !round.step || r.step !== round.step), round];

/** Why the DPO went on without `system` in its last round of `operation` (`export`, `erase`, `verify`…) that left it out. */
export const leftOutReason = (request: Pick<DsrRequest, 'leftOut' | 'systems'>, system: string, operation: string): string | undefined =>
  request.leftOut?.findLast((round) => round.operation === operation && round.systems.includes(system))?.reason ?? request.systems?.[system]?.skippedReason;

/**
 * A system's record with what its latest outcome said in place of the previous one: the
 * note, whether it was clipped, the error it failed with; what it keeps, when it says.
 */
export function withOutcomeTexts(record: SystemRecord | undefined, o: ConnectorOutcome): SystemRecord {
  const { note: _note, clipped: _clipped, error: _error, ...rest } = record ?? {};
  const error = clip(o.error, 100); // a step's error name, as Step Functions gives it
  return { ...rest, ...(o.retained ? { retained: o.retained } : {}), ...(o.note ? { note: o.note } : {}), ...(o.clipped ? { clipped: true } : {}), ...(error ? { error } : {}) };
}

/** The archive sent to the learner. */
export interface ArchiveRecord {
  key: string;
  bytes: number;
  fileCount: number;
  sha256: string;
  createdAt: string;
}

export interface DsrRequest {
  requestId: string;
  /** The learner's address; removed when the closed request is minimised (`emailHash` stays). */
  email: string;
  emailHash?: string;
  minimisedAt?: string;
  type: Right;
  locale: Locale;
  details?: string;
  status: RequestStatus;
  receivedAt: string; // ISO instant
  dueDate: string; // YYYY-MM-DD, the controller's calendar
  updatedAt: string;
  duplicateOf?: string;
  /** Identifiers the systems found for the person (e.g. userId); the address stays in `email`. */
  subject?: Record<string, string>;
  systems?: Record<string, SystemRecord>;
  archive?: ArchiveRecord;
  /** Restriction and objection: the purposes the learner named. */
  purposes?: string[];
  /** Rectification: the corrected values the DPO entered, by attribute, or why nothing was changed. */
  rectification?: { changes: Record<string, string>; byHand?: string[]; reason?: string };
  /** How the request was closed: `complete`, or `incomplete` when data was left or systems left out. */
  outcome?: 'complete' | 'incomplete';
  /**
   * The rounds the DPO went on without some systems, each with its reason, written once: the
   * systems' records say `skipped`. (A reason copied onto each of fifty systems would weigh
   * on the item's 400 KB.) An erasure may have several rounds of `erase`, one per wave.
   */
  leftOut?: LeftOut[];
  /** Why the DPO closed the erasure with data left in the systems whose `verify` found some. */
  dataLeftReason?: string;
  closedAt?: string;
  /** Art. 12(3): the deadline extended by one or two further months, why and when; `dueDate` is then the new one. */
  extension?: { months: 1 | 2; reason: string; at: string; originalDueDate: string };
  /** The DPO's gate waiting now, by its link's hash: reminders link to it. */
  currentGate?: { tokenHash: string; gate: string };
  /** Letters sent once, claimed before sending: reminders, escalations, the extension's (`reminder-10-<due date>`, `escalation-3-<due date>`, `extension-letter-<due date>`); the audit trail has when. */
  lettersSent?: Set<string>;
  /** The DPO's reason for lifting a restriction, which the learner is told. */
  liftReason?: string;
  /** Art. 19 recipients told of the change, by name, with when. */
  recipientsTold?: Record<string, string>;
  /** The last bounce SES reported of an email to the learner about this request: their address may not reach them (the audit trail has each). */
  emailBounced?: { at: string; bounceType: string };
  /** SES's bounce and complaint events already recorded (`bounce#<message id>`), so that a repeated delivery writes nothing. */
  mailEvents?: Set<string>;
}

/**
 * The requests table holds two kinds of item under one string key `pk`:
 * `request#<id>` (the request) and `open#<right>#<sha256(address)>` (a marker that the
 * address has that right open, so a repeat starts no second workflow; no address in the key).
 */
const requestKey = (requestId: string) => ({ pk: `request#${requestId}` });
const openKey = (type: Right, email: string) => ({ pk: `open#${type}#${addressKey(email)}` });

export type OpenResult = { opened: true } | { opened: false; openRequestId: string };

/** The index of closed requests by when their personal data is due to be minimised (infra/tables.ts). */
const MINIMISE_INDEX = 'byMinimiseAt';
const DUE = 'due';
/** Open requests by due date (infra/tables.ts): `state` is set while the request is open. */
const OPEN_INDEX = 'openByDueDate';
const OPEN = 'open';
/** Every request by when it was received (infra/tables.ts): `kind` is set on requests only. */
const REGISTER_INDEX = 'byReceivedAt';
const REQUEST = 'request';

/** Which requests a page of the register holds. `overdueOn`: open ones due before that date (YYYY-MM-DD). */
export interface RegisterFilter {
  status?: RequestStatus;
  open?: boolean;
  overdueOn?: string;
}

/** Where the next page of the register starts: DynamoDB's own key, opaque to callers. */
export type RegisterCursor = Record<string, string>;

/** What the register index holds of a request. */
export type RegisterEntry = Pick<DsrRequest, 'requestId' | 'type' | 'status' | 'receivedAt' | 'dueDate' | 'closedAt' | 'outcome' | 'extension'> & { email?: string };

export class RequestStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
    /** How long a closed request keeps the learner's address and details before they are minimised. */
    private readonly minimiseAfterSeconds = 90 * 86400,
  ) {}

  /** When a request closed at `at` is minimised, as the attributes that put it in the index. */
  private minimiseFrom(at: string) {
    return { minimise: DUE, minimiseAt: new Date(Date.parse(at) + this.minimiseAfterSeconds * 1000).toISOString() };
  }

  /**
   * Stores a new request with its audit entry, in one transaction, unless the address
   * already has this right open: then nothing is written and the open request's id is returned.
   */
  async open(request: DsrRequest, audit: AuditTrail, entry: AuditEntry): Promise<OpenResult> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...requestKey(request.requestId), ...request, kind: REQUEST, state: OPEN }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.table,
                Item: { ...openKey(request.type, request.email), openRequestId: request.requestId, since: request.receivedAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: audit.put(entry) },
          ],
        }),
      );
      return { opened: true };
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons ?? [] : [];
      if (reasons[1]?.Code !== 'ConditionalCheckFailed') throw error;
      const marker = await this.db.send(new GetCommand({ TableName: this.table, Key: openKey(request.type, request.email), ConsistentRead: true }));
      if (!marker.Item) throw error; // closed in between: let the caller retry
      return { opened: false, openRequestId: String(marker.Item.openRequestId) };
    }
  }

  /** The request this address has this right open with, if any: its marker, read consistently. */
  async openRequestFor(type: Right, email: string): Promise<string | undefined> {
    const marker = await this.db.send(new GetCommand({ TableName: this.table, Key: openKey(type, email), ConsistentRead: true }));
    return marker.Item ? String(marker.Item.openRequestId) : undefined;
  }

  /**
   * Records a repeat (`duplicateOf` the open request) with its entry on the open request's
   * trail, in one transaction of three writes as `open` is (the marker is checked, not
   * written): a repeat costs what a new request costs. False when the marker no longer
   * names the open request (closed meanwhile): nothing is written.
   */
  async recordRepeat(repeat: DsrRequest & { duplicateOf: string }, audit: AuditTrail, entry: AuditEntry): Promise<boolean> {
    const item = { ...requestKey(repeat.requestId), ...repeat, kind: REQUEST, closedAt: repeat.receivedAt, ...this.minimiseFrom(repeat.receivedAt) };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            { ConditionCheck: { TableName: this.table, Key: openKey(repeat.type, repeat.email), ConditionExpression: 'openRequestId = :open', ExpressionAttributeValues: { ':open': repeat.duplicateOf } } },
            { Put: audit.put(entry) },
          ],
        }),
      );
      return true;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons ?? [] : [];
      if (reasons[1]?.Code !== 'ConditionalCheckFailed') throw error;
      return false;
    }
  }

  /** Ids of every open request, the soonest due first. */
  async openByDueDate(): Promise<string[]> {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ TableName: this.table, IndexName: OPEN_INDEX, KeyConditionExpression: '#state = :open', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':open': OPEN }, ExclusiveStartKey }));
      for (const item of page.Items ?? []) ids.push(String(item.pk).replace(/^request#/, ''));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return ids;
  }

  /** One page of the register, the latest received first; `next` is where the following page starts. */
  async register(filter: RegisterFilter, page: { limit: number; after?: RegisterCursor }): Promise<{ entries: RegisterEntry[]; next?: RegisterCursor }> {
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':request': REQUEST };
    const names: Record<string, string> = {};
    if (filter.status) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filter.status;
    }
    if (filter.open || filter.overdueOn) {
      conditions.push('attribute_exists(#state)');
      names['#state'] = 'state';
    }
    if (filter.overdueOn) {
      conditions.push('dueDate < :today');
      values[':today'] = filter.overdueOn;
    }
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: REGISTER_INDEX,
        KeyConditionExpression: 'kind = :request',
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.after,
        ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      }),
    );
    const entries = (result.Items ?? []).map(({ pk: _pk, kind: _kind, state: _state, ...entry }) => entry as RegisterEntry);
    return { entries, ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey as RegisterCursor } : {}) };
  }

  /** Claims the digest of a day, so that it goes out once whatever the retries: true for the first claim. */
  async claimDigest(day: string, at: Date): Promise<boolean> {
    return firstToWrite(this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `digest#${day}`, sentAt: at.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' })));
  }

  /** Gives a day's digest back when it could not be sent. */
  async releaseDigest(day: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `digest#${day}` } }));
  }

  /** Ids of closed requests whose personal data is due to be minimised at `now`, oldest first. */
  async dueForMinimising(now: Date, limit: number): Promise<string[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: MINIMISE_INDEX,
        KeyConditionExpression: 'minimise = :due AND minimiseAt <= :now',
        ExpressionAttributeValues: { ':due': DUE, ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => String(item.pk).replace(/^request#/, ''));
  }

  /**
   * Removes what names the learner (address, details, identifiers, corrected values, the
   * DPO's notes and reasons) and keeps the proof: a hash of the address, the times, the
   * outcome, what each system did.
   * Answers false when there was nothing left to minimise.
   */
  async minimise(requestId: string, at: Date): Promise<boolean> {
    const request = await this.get(requestId);
    if (!request?.email) {
      // Already minimised: only take it out of the index.
      if (request) await this.db.send(new UpdateCommand({ TableName: this.table, Key: requestKey(requestId), UpdateExpression: 'REMOVE minimise, minimiseAt' }));
      return false;
    }
    // What each system did stays; the free text beside it (notes, reasons) may name the learner and goes.
    const systems = Object.fromEntries(
      Object.entries(request.systems ?? {}).map(([name, { note: _n, error: _e, skippedReason: _s, dataLeftReason: _d, doneByHand, ...kept }]) => [name, { ...kept, ...(doneByHand ? { doneByHand: { at: doneByHand.at } } : {}) }]),
    );
    // False when it was minimised in between.
    return firstToWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: requestKey(requestId),
          UpdateExpression: `SET emailHash = :hash, minimisedAt = :at, systems = :systems REMOVE email, details, subject, rectification, liftReason, leftOut, dataLeftReason, minimise, minimiseAt${request.extension ? ', extension.reason' : ''}`,
          ConditionExpression: 'email = :email',
          ExpressionAttributeValues: { ':hash': addressKey(request.email), ':at': at.toISOString(), ':email': request.email, ':systems': systems },
        }),
      ),
    );
  }

  async get(requestId: string): Promise<DsrRequest | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: requestKey(requestId), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const { pk: _pk, ...request } = result.Item;
    return request as DsrRequest;
  }

  /**
   * Moves a request to `status` and appends the step to the audit trail, in one
   * transaction, only from the status `request` was read with: a step that read it before
   * an operator cancelled it cannot move it on after. A closing status also lifts the open
   * marker, so the address can file that right again.
   */
  async transition(request: DsrRequest, status: RequestStatus, audit: AuditTrail, entry: AuditEntry, options: { whileOpen?: boolean } = {}): Promise<void> {
    const closes = CLOSED_STATUSES.includes(status);
    // Only the first closing lifts the open marker: by then it may be a newer request's.
    const liftsMarker = closes && !CLOSED_STATUSES.includes(request.status);
    // A restriction in force keeps the learner's address until it is lifted: they must be told first (Art. 18(3)).
    const queuesMinimising = closes && !(request.type === 'restriction' && status === 'answered');
    const write = this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: requestKey(request.requestId),
              // A closing status also dates the closing and queues the minimising of the learner's data.
              UpdateExpression: `SET #status = :status, updatedAt = :at${closes ? ', closedAt = if_not_exists(closedAt, :at)' : ''}${queuesMinimising ? ', minimise = :due, minimiseAt = :minimiseAt' : ''}${closes ? ' REMOVE #state' : ''}`,
              ConditionExpression: `#status = :from${options.whileOpen ? ' AND #state = :open' : ''}`,
              ExpressionAttributeNames: { '#status': 'status', ...(closes || options.whileOpen ? { '#state': 'state' } : {}) },
              ExpressionAttributeValues: {
                ':status': status,
                ':from': request.status,
                ':at': entry.at,
                ...(queuesMinimising ? { ':due': DUE, ':minimiseAt': this.minimiseFrom(entry.at).minimiseAt } : {}),
                ...(options.whileOpen ? { ':open': OPEN } : {}),
              },
            },
          },
          ...(liftsMarker
            ? [
                {
                  Delete: {
                    TableName: this.table,
                    Key: openKey(request.type, request.email),
                    ConditionExpression: 'attribute_not_exists(pk) OR openRequestId = :id',
                    ExpressionAttributeValues: { ':id': request.requestId },
                  },
                },
              ]
            : []),
          { Put: audit.put(entry) },
        ],
      }),
    );
    // A retried step's transition was made by an earlier attempt: its entry is there.
    await write.catch((error) => {
      if (!(entry.step && lastRefused(error))) throw error;
    });
  }

  /** Closes an open request as cancelled by an operator: false when it was no longer open, or moved on meanwhile. */
  async cancel(request: DsrRequest, audit: AuditTrail, entry: AuditEntry): Promise<boolean> {
    return firstToCommit(this.transition(request, 'cancelled', audit, entry, { whileOpen: true }));
  }

  /** Saves facts the workflow learned about the request (identifiers, systems, archive). */
  async save(requestId: string, fields: Pick<Partial<DsrRequest>, 'subject' | 'systems' | 'archive' | 'rectification' | 'outcome' | 'closedAt' | 'recipientsTold' | 'liftReason' | 'currentGate' | 'leftOut' | 'dataLeftReason'>): Promise<void> {
    const names = Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== undefined);
    if (!names.length) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: requestKey(requestId),
        UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: Object.fromEntries(names.map((n) => [`:${n}`, (fields as Record<string, unknown>)[n]])),
      }),
    );
  }

  /** Claims a letter before it is sent (store/letters.ts): true for the first claim of `key`. */
  claimLetter(requestId: string, key: string): Promise<boolean> {
    return claimLetter(this.db, this.table, requestKey(requestId), key);
  }

  releaseLetter(requestId: string, key: string): Promise<void> {
    return releaseLetter(this.db, this.table, requestKey(requestId), key);
  }

  /**
   * Extends the deadline, once, and only while the request is open (the original due date
   * is checked by the caller), with its audit entry, in one transaction. False when it was
   * extended or closed meanwhile.
   */
  async extend(requestId: string, dueDate: string, extension: NonNullable<DsrRequest['extension']>, audit: AuditTrail, entry: AuditEntry): Promise<boolean> {
    return updateWithEntry(
      this.db,
      {
        TableName: this.table,
        Key: requestKey(requestId),
        UpdateExpression: 'SET dueDate = :due, extension = :extension',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(extension) AND #state = :open',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':due': dueDate, ':extension': extension, ':open': OPEN },
      },
      audit,
      entry,
    );
  }

  /**
   * Records a bounce or complaint SES reported of an email about the request, with its
   * audit entry, in one transaction, once per `event` whatever SNS's repeats; a bounce of
   * the learner's email also marks the request (`emailBounced`). False when it was
   * recorded already, or no such request exists.
   */
  async recordMailEvent(requestId: string, event: string, audit: AuditTrail, entry: AuditEntry, emailBounced?: NonNullable<DsrRequest['emailBounced']>): Promise<boolean> {
    return updateWithEntry(
      this.db,
      {
        TableName: this.table,
        Key: requestKey(requestId),
        UpdateExpression: `${emailBounced ? 'SET emailBounced = :bounced ' : ''}ADD mailEvents :events`,
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(mailEvents) OR NOT contains(mailEvents, :event))',
        ExpressionAttributeValues: { ':events': new Set([event]), ':event': event, ...(emailBounced ? { ':bounced': emailBounced } : {}) },
      },
      audit,
      entry,
    );
  }

  /** Undoes `open` (or `recordRepeat`) when the workflow could not be started, so nothing is left half-written. */
  async discard(request: DsrRequest): Promise<void> {
    // A repeat holds no marker: the open request's stays.
    if (request.duplicateOf) return void (await this.db.send(new DeleteCommand({ TableName: this.table, Key: requestKey(request.requestId) })));
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table, Key: requestKey(request.requestId) } },
          {
            Delete: {
              TableName: this.table,
              Key: openKey(request.type, request.email),
              ConditionExpression: 'attribute_not_exists(pk) OR openRequestId = :id',
              ExpressionAttributeValues: { ':id': request.requestId },
            },
          },
        ],
      }),
    );
  }
}
