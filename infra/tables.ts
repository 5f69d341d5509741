/**
 * The key schema of every table, shared by the stack and the local twin so that both
 * create the same tables.
 */
export const TABLES = {
  // Three sparse indexes: closed requests by when their personal data is due to be
  // minimised (the attributes go once it is done), and open requests by due date (`state`
  // goes when the request closes), keys only; and every request by when it was received
  // (`kind` is set on requests only), with what the register and the admin listing show.
  requests: {
    id: 'Requests',
    partitionKey: 'pk',
    indexes: {
      minimising: { name: 'byMinimiseAt', partitionKey: 'minimise', sortKey: 'minimiseAt' },
      open: { name: 'openByDueDate', partitionKey: 'state', sortKey: 'dueDate' },
      register: {
        name: 'byReceivedAt',
        partitionKey: 'kind',
        sortKey: 'receivedAt',
        include: ['requestId', 'type', 'status', 'dueDate', 'closedAt', 'outcome', 'extension', 'state', 'email'],
      },
    },
  },
  linkTokens: { id: 'LinkTokens', partitionKey: 'tokenHash', ttl: 'ttl' },
  // The breach register: one item per breach (`breach#<id>`, sk `breach`); its history is in
  // the audit trail under the breach's id. Its communication's addresses (`recipients#<id>`,
  // one item per address) and SES's message ids (`message#<id>`) live here too. Breaches
  // are few: the index by awareness projects all.
  breaches: {
    id: 'Breaches',
    partitionKey: 'pk',
    sortKey: 'sk',
    ttl: 'ttl',
    indexes: { register: { name: 'byAwareAt', partitionKey: 'kind', sortKey: 'awareAt', include: 'all' } },
  },
  audit: { id: 'AuditTrail', partitionKey: 'requestId', sortKey: 'sk' },
} as const;

export type TableName = keyof typeof TABLES;

/** An index: keys only, the attributes listed, or `all`. */
export interface TableIndex {
  name: string;
  partitionKey: string;
  sortKey: string;
  include?: readonly string[] | 'all';
}
