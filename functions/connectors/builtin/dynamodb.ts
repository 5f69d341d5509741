import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDbConnector } from '../declarations.js';
import type { Connector, ConnectorRequest } from '../kit.js';

/** Finds the person's items in a table by its key or an index, and exports them as JSON and CSV. */
export function dynamoDbConnector(declaration: DynamoDbConnector, db: DynamoDBDocumentClient): Connector {
  const { table, match, attributes, identifies } = declaration;

  async function* items(request: ConnectorRequest, limit?: number) {
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
  const project = (item: Record<string, unknown>) => (attributes ? Object.fromEntries(attributes.filter((a) => a in item).map((a) => [a, item[a]])) : item);

  return {
    async lookup(request) {
      for await (const item of items(request, 1)) {
        const found = Object.entries(identifies ?? {}).filter(([, attribute]) => item[attribute] !== undefined);
        return { found: true, identifiers: Object.fromEntries(found.map(([field, attribute]) => [field, String(item[attribute])])) };
      }
      return { found: false };
    },
    async export(request, { staging }) {
      const rows: Array<Record<string, unknown>> = [];
      for await (const item of items(request)) rows.push(project(item));
      if (!rows.length) return { status: 'not_found', files: [] };
      return { status: 'done', files: [await staging.putJson('records.json', rows), await staging.putCsv('records.csv', rows)] };
    },
  };
}
