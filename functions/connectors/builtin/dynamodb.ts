import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, paginateQuery, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDbConnector } from '../declarations.js';
import { ConnectorError, TransientError, type ChangeResult, type Connector, type ConnectorRequest } from '../kit.js';
import { RetainedTally, ruleKeeping } from '../retention.js';

type Item = Record<string, unknown>;

/** Most items DynamoDB's BatchWriteItem takes at once. */
const BATCH = 25;
const UNPROCESSED_ATTEMPTS = 5;

/**
 * A DynamoDB table of the platform: finds the person's items by its key or an index,
 * exports them as JSON and CSV, and erases (deletes or anonymises), rectifies and flags
 * them. Every change is idempotent: a retried step finds the same items and leaves them
 * as the first attempt did.
 */
export function dynamoDbConnector(declaration: DynamoDbConnector, db: DynamoDBDocumentClient): Connector {
  const { table, match, attributes, identifies, retention } = declaration;
  const erasure = declaration.erase ?? { mode: 'delete' as const };

  async function* items(request: ConnectorRequest, limit?: number): AsyncGenerator<Item> {
    const value = request.subject[match.subjectField];
    if (!value) return;
    const pages = paginateQuery(
      { client: db, pageSize: limit },
      {
        TableName: table,
        IndexName: match.index,
        KeyConditionExpression: '#k = :v',
        ExpressionAttributeNames: { '#k': match.attribute },
        ExpressionAttributeValues: { ':v': value },
        ...(limit ? { Limit: limit } : {}),
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) yield item;
      if (limit) return;
    }
  }
  const project = (item: Item) => (attributes ? Object.fromEntries(attributes.filter((a) => a in item).map((a) => [a, item[a]])) : item);

  // The table's key, to address items found through an index: read once per process.
  let keyNames: Promise<string[]> | undefined;
  const keyOf = async (item: Item) => {
    keyNames ??= db.send(new DescribeTableCommand({ TableName: table })).then(
      (t) => (t.Table?.KeySchema ?? []).map((k) => k.AttributeName!),
      (error) => {
        keyNames = undefined; // not cached: the retry asks again
        throw error;
      },
    );
    return Object.fromEntries((await keyNames).map((k) => [k, item[k]]));
  };
  const update = async (item: Item, expression: string, names: Record<string, string>, values?: Record<string, unknown>) => {
    const key = await keyOf(item);
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: expression,
        // Never recreate an item deleted in between.
        ConditionExpression: `attribute_exists(#key0)`,
        ExpressionAttributeNames: { ...names, '#key0': Object.keys(key)[0] },
        ...(values ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  };
  const deleteAll = async (keys: Item[]) => {
    let requests = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 1; requests.length; attempt++) {
      if (attempt > UNPROCESSED_ATTEMPTS) throw new TransientError(`${declaration.name}: DynamoDB left deletions unprocessed`);
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  };
  /** Whether an anonymised item still holds one of the attributes anonymising removes. */
  const stillNamesThePerson = (item: Item) => erasure.mode === 'delete' || erasure.attributes.some((a) => a in item);

  return {
    async lookup(request) {
      const tally = new RetainedTally(request.at);
      let first: Item | undefined;
      // With retention rules the DPO's gate needs what they keep, so every item is read.
      for await (const item of items(request, retention?.length ? undefined : 1)) {
        first ??= item;
        const rule = ruleKeeping(retention, item);
        if (rule) tally.add(rule, item);
      }
      if (!first) return { found: false };
      const found = Object.entries(identifies ?? {}).filter(([, attribute]) => first![attribute] !== undefined);
      return { found: true, identifiers: Object.fromEntries(found.map(([field, attribute]) => [field, String(first![attribute])])), ...(tally.size ? { retained: tally.list() } : {}) };
    },

    async export(request, { staging }) {
      const rows: Item[] = [];
      for await (const item of items(request)) rows.push(project(item));
      if (!rows.length) return { status: 'not_found', files: [] };
      return { status: 'done', files: [await staging.putJson('records.json', rows), await staging.putCsv('records.csv', rows)] };
    },

    async erase(request) {
      const tally = new RetainedTally(request.at);
      let erased = 0;
      let anonymised = 0;
      let batch: Item[] = [];
      for await (const item of items(request)) {
        const rule = ruleKeeping(retention, item);
        if (rule) {
          tally.add(rule, item);
        } else if (erasure.mode === 'delete') {
          batch.push(await keyOf(item));
          if (batch.length === BATCH) {
            await deleteAll(batch);
            erased += batch.length;
            batch = [];
          }
        } else if (stillNamesThePerson(item)) {
          const names = Object.fromEntries(erasure.attributes.map((a, i) => [`#a${i}`, a]));
          await update(item, `REMOVE ${Object.keys(names).join(', ')}`, names);
          anonymised++;
        }
      }
      if (batch.length) await deleteAll(batch);
      erased += batch.length;
      const retained = tally.list();
      const status = retained.length ? 'retained' : erased + anonymised ? 'done' : 'not_found';
      return { status, erased, ...(erasure.mode === 'anonymise' ? { anonymised } : {}), ...(retained.length ? { retained } : {}) };
    },

    async verify(request) {
      const tally = new RetainedTally(request.at);
      let remaining = 0;
      for await (const item of items(request)) {
        const rule = ruleKeeping(retention, item);
        if (rule) tally.add(rule, item);
        else if (stillNamesThePerson(item)) remaining++;
      }
      return { remaining, ...(tally.size ? { retained: tally.list() } : {}) };
    },

    async rectify(request): Promise<ChangeResult> {
      const allowed = declaration.rectify?.attributes ?? [];
      const changes = Object.entries(request.changes ?? {}).filter(([a]) => allowed.includes(a));
      if (!changes.length) return { status: 'done', changed: 0 };
      const names = Object.fromEntries(changes.map(([a], i) => [`#a${i}`, a]));
      const values = Object.fromEntries(changes.map(([, v], i) => [`:v${i}`, v]));
      let changed = 0;
      for await (const item of items(request)) {
        await update(item, `SET ${changes.map((_c, i) => `#a${i} = :v${i}`).join(', ')}`, names, values).catch(rethrowKeyUpdate);
        changed++;
      }
      return { status: changed ? 'done' : 'not_found', changed };
    },

    async restrict(request) {
      const flag = restrictionAttribute();
      const { right, purposes } = request.restriction!;
      let changed = 0;
      for await (const item of items(request)) {
        const flags = restrictionsOf(item[flag]);
        for (const purpose of purposes) flags[purpose] = { ...flags[purpose], [request.requestId]: { right, since: request.at } };
        await update(item, 'SET #flag = :flag', { '#flag': flag }, { ':flag': flags });
        changed++;
      }
      return { status: changed ? 'done' : 'not_found', changed };
    },

    async lift(request) {
      const flag = restrictionAttribute();
      let changed = 0;
      let found = 0;
      for await (const item of items(request)) {
        found++;
        const flags = restrictionsOf(item[flag]);
        let mine = false;
        for (const [purpose, owners] of Object.entries(flags)) {
          if (!(request.requestId in owners)) continue;
          mine = true;
          delete owners[request.requestId];
          if (!Object.keys(owners).length) delete flags[purpose]; // no other request restricts it
        }
        if (!mine) continue;
        if (Object.keys(flags).length) await update(item, 'SET #flag = :flag', { '#flag': flag }, { ':flag': flags });
        else await update(item, 'REMOVE #flag', { '#flag': flag });
        changed++;
      }
      return { status: found ? 'done' : 'not_found', changed };
    },

    ...(declaration.directory ? { resolve: (userIds: string[]) => resolve(declaration.directory!, userIds) } : {}),
  };

  /** Each id's item (by the table's key or the directory's index), its address and language. */
  async function resolve(directory: NonNullable<DynamoDbConnector['directory']>, userIds: string[]) {
    const found = await Promise.all(
      userIds.map(async (userId) => {
        const page = await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: directory.index,
            KeyConditionExpression: '#k = :v',
            ExpressionAttributeNames: { '#k': directory.attribute },
            ExpressionAttributeValues: { ':v': userId },
            Limit: 1,
          }),
        );
        const item = page.Items?.[0];
        const email = item?.[directory.email];
        const language = directory.language ? item?.[directory.language] : undefined;
        return typeof email === 'string' ? [{ userId, email, ...(typeof language === 'string' ? { language } : {}) }] : [];
      }),
    );
    return found.flat();
  }

  function restrictionAttribute(): string {
    if (!declaration.restrict) throw new ConnectorError(`${declaration.name} declares no restrict.attribute`);
    return declaration.restrict.attribute;
  }
}

/**
 * The restrictions an item holds: purpose → the requests that restrict it, each with its
 * right and since when. A purpose stays restricted while any request holds it, so lifting
 * one request's restriction leaves another's (or a standing objection) in force.
 */
type Restrictions = Record<string, Record<string, { right: string; since: string }>>;
const restrictionsOf = (value: unknown): Restrictions => (value && typeof value === 'object' ? structuredClone(value as Restrictions) : {});

/** Setting a key attribute is refused by DynamoDB: a declaration mistake, not worth retrying. */
function rethrowKeyUpdate(error: unknown): never {
  if ((error as Error).name === 'ValidationException') throw new ConnectorError(`cannot rectify: ${(error as Error).message}`, { cause: error });
  throw error;
}
