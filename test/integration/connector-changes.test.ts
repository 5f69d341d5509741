/**
 * The built-in connectors' change operations against the real local servers (DynamoDB Local,
 * s3rver): erasure by deletion (in 25-item batches) and by anonymisation through an index,
 * retention rules keeping what the law obliges, verification, rectification, restriction and
 * its lifting, S3 prefix erasure, and the declaration checks that refuse what cannot work.
 * Every test makes its own tables and buckets, so files may run in parallel.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, type KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/emulators.js';
import { dynamoDbConnector } from '../../functions/connectors/builtin/dynamodb.js';
import { s3Connector } from '../../functions/connectors/builtin/s3.js';
import { ART15 } from '../support/art15.js';
import { capability, checkConnectors, type DynamoDbConnector, type RetentionRule, type S3Connector } from '../../functions/connectors/declarations.js';
import type { ConnectorContext, ConnectorRequest, Operation, Subject } from '../../functions/connectors/kit.js';

// ---- clients against the suite's local servers -------------------------------------------

const endpoints = inject('endpoints');
const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, ...local });
const db = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({ endpoint: endpoints.s3, forcePathStyle: true, ...local });

const tables: string[] = [];
afterAll(async () => {
  await Promise.allSettled(tables.map((TableName) => dynamo.send(new DeleteTableCommand({ TableName }))));
  db.destroy();
  s3.destroy();
});

// ---- helpers ------------------------------------------------------------------------------

const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** A table with string keys, and optionally one GSI (projecting everything) on a string attribute. */
async function createTable(hash: string, range?: string, gsi?: { name: string; hash: string }): Promise<string> {
  const TableName = unique('connector-changes');
  const keys: KeySchemaElement[] = [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])];
  const attributes = [...new Set([hash, ...(range ? [range] : []), ...(gsi ? [gsi.hash] : [])])];
  await dynamo.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keys,
      AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      ...(gsi ? { GlobalSecondaryIndexes: [{ IndexName: gsi.name, KeySchema: [{ AttributeName: gsi.hash, KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] } : {}),
    }),
  );
  tables.push(TableName);
  return TableName;
}

async function putAll(table: string, items: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    await db.send(new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

const itemsOf = async (table: string, userId: string) =>
  (await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }))).Items ?? [];

async function createBucket(keys: string[]): Promise<string> {
  const bucket = unique('connector-changes');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: `content of ${Key}` }));
  return bucket;
}
const keysIn = async (bucket: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort();

const AT = '2026-09-03T07:00:00.000Z';
const person = (): Subject => ({ email: `${unique('learner')}@example.org`, userId: unique('u') });

function request(operation: Operation, subject: Subject, extra: Partial<ConnectorRequest> = {}): ConnectorRequest {
  return { requestId: randomUUID(), operation, subject, staging: { bucket: 'unused', prefix: 'unused/' }, at: AT, ...extra };
}

/** Change operations write nothing to staging. */
const context: ConnectorContext = {
  staging: {
    putStream: () => Promise.reject(new Error('no staging in change operations')),
    putJson: () => Promise.reject(new Error('no staging in change operations')),
    putCsv: () => Promise.reject(new Error('no staging in change operations')),
  },
};

/** Retries `check` for a moment: DynamoDB Local's GSIs may lag the table. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const byUser = (table: string, extra: Partial<DynamoDbConnector> = {}): DynamoDbConnector => ({
  type: 'dynamodb',
  name: 'progress',
  title: 'Course progress',
  table,
  match: { attribute: 'userId', subjectField: 'userId' },
  ...extra,
});

// ---- DynamoDB -----------------------------------------------------------------------------

describe('dynamoDbConnector', () => {
  it('deletes every item of the person in 25-item batches, leaves others, and is idempotent', async () => {
    const table = await createTable('userId', 'itemId');
    const alice = person();
    const bob = person();
    await putAll(table, [
      ...Array.from({ length: 60 }, (_, i) => ({ userId: alice.userId, itemId: `lesson-${String(i).padStart(2, '0')}`, score: i })),
      ...Array.from({ length: 3 }, (_, i) => ({ userId: bob.userId, itemId: `lesson-${i}`, score: i })),
    ]);
    const connector = dynamoDbConnector(byUser(table), db);

    expect(await connector.erase!(request('erase', alice), context)).toEqual({ status: 'done', erased: 60 });
    expect(await itemsOf(table, alice.userId!)).toEqual([]);
    expect(await itemsOf(table, bob.userId!)).toHaveLength(3);

    expect(await connector.erase!(request('erase', alice), context)).toEqual({ status: 'not_found', erased: 0 });
    expect(await connector.verify!(request('verify', alice), context)).toEqual({ remaining: 0 });
  });

  it('anonymises through a GSI: items stay, without the named attributes, others untouched', async () => {
    const table = await createTable('postId', undefined, { name: 'byAuthor', hash: 'authorId' });
    const alice = person();
    const bob = person();
    const post = (postId: string, who: Subject, name: string) => ({ postId, authorId: who.userId, authorName: name, threadId: 't-1', body: `post ${postId}`, likes: 3 });
    const alicePosts = ['p-1', 'p-2', 'p-3'].map((id) => post(id, alice, 'Alice A.'));
    const bobPost = post('p-9', bob, 'Bob B.');
    await putAll(table, [...alicePosts, bobPost]);
    const connector = dynamoDbConnector(
      byUser(table, { name: 'forum', match: { attribute: 'authorId', subjectField: 'userId', index: 'byAuthor' }, erase: { mode: 'anonymise', attributes: ['authorId', 'authorName'] } }),
      db,
    );
    await eventually(async () => expect(await connector.verify!(request('verify', alice), context)).toEqual({ remaining: 3 }));

    expect(await connector.erase!(request('erase', alice), context)).toEqual({ status: 'done', erased: 0, anonymised: 3 });

    for (const { postId, authorId, authorName, ...kept } of alicePosts) {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: { postId } }));
      expect(Item).toEqual({ postId, ...kept });
    }
    expect((await db.send(new GetCommand({ TableName: table, Key: { postId: 'p-9' } }))).Item).toEqual(bobPost);
    await eventually(async () => expect(await connector.verify!(request('verify', alice), context)).toEqual({ remaining: 0 }));
  });

  it('keeps what a retention rule with where and from keeps, and reports it until the latest date', async () => {
    const table = await createTable('userId', 'recordId');
    const alice = person();
    const invoices: RetentionRule = { category: 'Invoices', legalBasis: 'Commercial code, Art. L123-22', keepFor: { years: 10 }, from: 'issuedAt', where: { attribute: 'kind', equals: 'invoice' } };
    await putAll(table, [
      { userId: alice.userId, recordId: 'inv-1', kind: 'invoice', issuedAt: '2024-02-29T10:00:00Z', amount: 49 },
      { userId: alice.userId, recordId: 'inv-2', kind: 'invoice', issuedAt: '2025-11-02T16:30:00Z', amount: 99 },
      { userId: alice.userId, recordId: 'cart-1', kind: 'cart', issuedAt: '2026-01-01T00:00:00Z' },
      { userId: alice.userId, recordId: 'cart-2', kind: 'cart' },
      { userId: alice.userId, recordId: 'pref-1', kind: 'preference' },
    ]);
    const connector = dynamoDbConnector(byUser(table, { name: 'billing', identifies: { userId: 'userId' }, retention: [invoices] }), db);
    const retained = [{ category: 'Invoices', legalBasis: 'Commercial code, Art. L123-22', until: '2035-11-02', count: 2 }];

    expect(await connector.lookup(request('lookup', alice), context)).toEqual({ found: true, identifiers: { userId: alice.userId }, retained });
    expect(await connector.erase!(request('erase', alice), context)).toEqual({ status: 'retained', erased: 3, retained });
    expect((await itemsOf(table, alice.userId!)).map((i) => i.recordId).sort()).toEqual(['inv-1', 'inv-2']);
    expect(await connector.verify!(request('verify', alice), context)).toEqual({ remaining: 0, retained });
  });

  it('verifies that data is left when the person’s items are still there', async () => {
    const table = await createTable('userId', 'itemId');
    const alice = person();
    await putAll(table, Array.from({ length: 4 }, (_, i) => ({ userId: alice.userId, itemId: `i-${i}` })));
    const connector = dynamoDbConnector(byUser(table), db);

    expect(await connector.verify!(request('verify', alice), context)).toEqual({ remaining: 4 });
  });

  it('rectifies only the declared attributes, on every item of the person', async () => {
    const table = await createTable('userId', 'recordId');
    const alice = person();
    const bob = person();
    await putAll(table, [
      { userId: alice.userId, recordId: 'r-1', displayName: 'Alice Old', course: 'maths' },
      { userId: alice.userId, recordId: 'r-2', displayName: 'Alice Old', course: 'physics' },
      { userId: bob.userId, recordId: 'r-1', displayName: 'Bob', course: 'maths' },
    ]);
    const connector = dynamoDbConnector(byUser(table, { name: 'profiles', rectify: { attributes: ['displayName'] } }), db);

    const result = await connector.rectify!(request('rectify', alice, { changes: { displayName: 'Alice New', course: 'hacked' } }), context);

    expect(result).toEqual({ status: 'done', changed: 2 });
    expect(await itemsOf(table, alice.userId!)).toEqual([
      { userId: alice.userId, recordId: 'r-1', displayName: 'Alice New', course: 'maths' },
      { userId: alice.userId, recordId: 'r-2', displayName: 'Alice New', course: 'physics' },
    ]);
    expect(await itemsOf(table, bob.userId!)).toEqual([{ userId: bob.userId, recordId: 'r-1', displayName: 'Bob', course: 'maths' }]);
  });

  it('flags restricted purposes per request, merges restrictions, and lifts only the request’s own', async () => {
    const table = await createTable('userId', 'recordId');
    const alice = person();
    const bob = person();
    await putAll(table, [
      { userId: alice.userId, recordId: 'r-1' },
      { userId: alice.userId, recordId: 'r-2' },
      { userId: bob.userId, recordId: 'r-1' },
    ]);
    const connector = dynamoDbConnector(byUser(table, { name: 'profiles', restrict: { attribute: 'restrictions' } }), db);
    const flags = async () => (await itemsOf(table, alice.userId!)).map((i) => i.restrictions);
    const objection = request('restrict', alice, { restriction: { right: 'objection', purposes: ['marketing', 'analytics'] } });
    const restriction = request('restrict', alice, { at: '2026-09-10T08:00:00.000Z', restriction: { right: 'restriction', purposes: ['profiling'] } });
    const objected = { [objection.requestId]: { right: 'objection', since: AT } };
    const restricted = { [restriction.requestId]: { right: 'restriction', since: restriction.at } };

    expect(await connector.restrict!(objection, context)).toEqual({ status: 'done', changed: 2 });
    expect(await flags()).toEqual(Array(2).fill({ marketing: objected, analytics: objected }));

    expect(await connector.restrict!(restriction, context)).toEqual({ status: 'done', changed: 2 });
    expect(await flags()).toEqual(Array(2).fill({ marketing: objected, analytics: objected, profiling: restricted }));

    expect(await connector.lift!({ ...objection, operation: 'lift' }, context)).toEqual({ status: 'done', changed: 2 });
    expect(await flags()).toEqual(Array(2).fill({ profiling: restricted }));
    expect(await connector.lift!({ ...objection, operation: 'lift' }, context)).toEqual({ status: 'done', changed: 0 });

    expect(await connector.lift!({ ...restriction, operation: 'lift' }, context)).toEqual({ status: 'done', changed: 2 });
    expect(await itemsOf(table, alice.userId!)).toEqual([
      { userId: alice.userId, recordId: 'r-1' },
      { userId: alice.userId, recordId: 'r-2' },
    ]);
    expect(await itemsOf(table, bob.userId!)).toEqual([{ userId: bob.userId, recordId: 'r-1' }]);
  });

  it('keeps a purpose restricted while another request holds it: lifting a restriction leaves a standing objection', async () => {
    const table = await createTable('userId', 'recordId');
    const alice = person();
    await putAll(table, [{ userId: alice.userId, recordId: 'r-1' }]);
    const connector = dynamoDbConnector(byUser(table, { name: 'profiles', restrict: { attribute: 'restrictions' } }), db);
    const objection = request('restrict', alice, { restriction: { right: 'objection', purposes: ['marketing'] } });
    const restriction = request('restrict', alice, { restriction: { right: 'restriction', purposes: ['marketing'] } });
    await connector.restrict!(objection, context);
    await connector.restrict!(restriction, context);

    expect(await connector.lift!({ ...restriction, operation: 'lift' }, context)).toEqual({ status: 'done', changed: 1 });
    expect((await itemsOf(table, alice.userId!))[0].restrictions).toEqual({ marketing: { [objection.requestId]: { right: 'objection', since: AT } } });
  });
});

// ---- S3 -----------------------------------------------------------------------------------

describe('s3Connector', () => {
  const submissions = (bucket: string, extra: Partial<S3Connector> = {}): S3Connector => ({ type: 's3', name: 'submissions', title: 'Submitted work', bucket, prefix: 'submissions/{userId}/', ...extra });

  it('erases every object under the person’s prefix, nested ones included, and nothing else', async () => {
    const alice = person();
    const mine = ['a.txt', 'b.pdf', 'essays/1.txt', 'essays/2024/final.docx', 'photos/me.jpg'].map((k) => `submissions/${alice.userId}/${k}`);
    const others = ['submissions/u-bob/a.txt', `submissions/${alice.userId}x/look-alike.txt`, 'readme.txt'];
    const bucket = await createBucket([...mine, ...others]);
    const connector = s3Connector(submissions(bucket), s3);

    expect(await connector.erase!(request('erase', alice), context)).toEqual({ status: 'done', erased: 5 });
    expect(await keysIn(bucket)).toEqual([...others].sort());
    expect(await connector.verify!(request('verify', alice), context)).toEqual({ remaining: 0 });
    expect(await connector.erase!(request('erase', alice), context)).toEqual({ status: 'not_found', erased: 0 });
  });

  it('keeps the whole prefix under a retention rule and says so', async () => {
    const alice = person();
    const mine = ['exam-1.pdf', 'exam-2.pdf', 'graded/exam-3.pdf'].map((k) => `submissions/${alice.userId}/${k}`);
    const bucket = await createBucket(mine);
    const rule: RetentionRule = { category: 'Graded exams', legalBasis: 'Education code, Art. D613-4', keepFor: { years: 1 } };
    const connector = s3Connector(submissions(bucket, { retention: [rule] }), s3);
    const retained = [{ category: 'Graded exams', legalBasis: 'Education code, Art. D613-4', until: '2027-09-03', count: 3 }];

    expect(await connector.erase!(request('erase', alice), context)).toEqual({ status: 'retained', erased: 0, retained });
    expect(await keysIn(bucket)).toEqual([...mine].sort());
    expect(await connector.verify!(request('verify', alice), context)).toEqual({ remaining: 0, retained });
  });
});

// ---- declarations -------------------------------------------------------------------------

describe('checkConnectors and capability', () => {
  const table: DynamoDbConnector = byUser('t', { name: 'forum', match: { attribute: 'authorId', subjectField: 'userId' }, art15: ART15 });
  const bucket: S3Connector = { type: 's3', name: 'files', title: 'Files', bucket: 'b', prefix: 'files/{userId}/', art15: ART15 };
  const rule = { category: 'Invoices', legalBasis: 'Commercial code', keepFor: { years: 10 } };

  it('accepts the valid declarations the refusals start from', () => {
    expect(checkConnectors([table, bucket]).problems).toEqual([]);
  });

  it.each([
    ['anonymise without attributes', { ...table, erase: { mode: 'anonymise' } }, /erase\.attributes must list/],
    ['anonymise of a table keyed by the person', { ...table, erase: { mode: 'anonymise', attributes: ['authorId', 'authorName'] } }, /must remove the attribute the person is found by \(match\.attribute\), through an index/],
    ['anonymise that leaves what finds the person', { ...table, match: { attribute: 'authorId', subjectField: 'userId', index: 'byAuthor' }, erase: { mode: 'anonymise', attributes: ['authorName'] } }, /must remove the attribute the person is found by/],
    ['an unknown manual operation', { ...table, manual: ['export'] }, /manual must list only/],
    ['a retention rule without legalBasis', { ...table, retention: [{ ...rule, legalBasis: undefined }] }, /legalBasis is required/],
    ['a retention rule without keepFor', { ...table, retention: [{ ...rule, keepFor: undefined }] }, /keepFor needs/],
    ['where on an s3 declaration', { ...bucket, retention: [{ ...rule, where: { attribute: 'kind', equals: 'invoice' } }] }, /where .* is for a dynamodb table/],
    ['rectify on an s3 declaration', { ...bucket, rectify: { attributes: ['name'] } }, /cannot be rectified/],
  ])('refuses %s, naming the connector', (_what, declaration, message) => {
    const { connectors, problems } = checkConnectors([declaration]);

    expect(connectors).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(message)]);
    expect(problems[0]).toMatch(new RegExp(`^connector ${declaration.name}:`));
  });

  it('answers manual for a declared manual operation, not_applicable for rectify without rectify, auto for erase', () => {
    expect(capability({ ...table, manual: ['rectify'], rectify: { attributes: ['authorName'] } }, 'rectify')).toBe('manual');
    expect(capability({ ...table, manual: ['restrict'], restrict: { attribute: 'flags' } }, 'lift')).toBe('manual');
    expect(capability(table, 'rectify')).toBe('not_applicable');
    expect(capability(table, 'erase')).toBe('auto');
    expect(capability(bucket, 'erase')).toBe('auto');
  });
});
