import type { RequestSummary } from '../api-types.js';
import { csv } from './csv.js';

/** One line of the register of requests (Art. 5(2) accountability): what an auditor asks for. */
export interface RegisterRow {
  id: string;
  right: string;
  status: string;
  received: string;
  due: string;
  original_due: string | null;
  closed: string | null;
  outcome: string | null;
  email?: string | null;
}

const COLUMNS = ['id', 'right', 'status', 'received', 'due', 'original_due', 'closed', 'outcome'] as const;

/** The register's rows, oldest received first; `email` only when the addresses were asked for. */
export function registerRows(requests: readonly RequestSummary[], withAddresses: boolean): RegisterRow[] {
  return [...requests]
    .sort((a, b) => (Date.parse(a.receivedAt) || 0) - (Date.parse(b.receivedAt) || 0))
    .map((request) => ({
      id: request.requestId,
      right: request.right,
      status: request.status,
      received: request.receivedAt,
      due: request.dueDate,
      original_due: request.originalDueDate ?? null,
      closed: request.closedAt ?? null,
      outcome: request.outcome ?? null,
      ...(withAddresses ? { email: request.email ?? null } : {}),
    }));
}

/**
 * The register as CSV, header first, safe to open in a spreadsheet.
 *
 * @example registerCsv(registerRows(requests, false), false) // "id,right,status,...\r\n..."
 */
export function registerCsv(rows: readonly RegisterRow[], withAddresses: boolean): string {
  const columns: readonly (keyof RegisterRow)[] = withAddresses ? [...COLUMNS, 'email'] : COLUMNS;
  return csv([columns, ...rows.map((row) => columns.map((column) => row[column]))]);
}
