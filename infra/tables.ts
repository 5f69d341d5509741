/**
 * The key schema of every table, shared by the stack and the local twin so that both
 * create the same tables.
 */
export const TABLES = {
  requests: { id: 'Requests', partitionKey: 'pk' },
  linkTokens: { id: 'LinkTokens', partitionKey: 'tokenHash', ttl: 'ttl' },
  audit: { id: 'AuditTrail', partitionKey: 'requestId', sortKey: 'sk' },
} as const;

export type TableName = keyof typeof TABLES;
