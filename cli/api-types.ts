/** The admin API's answers (the contract the CLI reads); the summary is the server's own type. */

export type { RequestSummary } from '../functions/admin-queries/summaries.js';
import type { RequestSummary } from '../functions/admin-queries/summaries.js';

export interface RequestDetail extends RequestSummary {
  locale: string;
  details?: string;
  purposes?: string[];
  extension?: { months: number; reason: string; at: string; originalDueDate: string };
  /** The DPO gate the request waits on now. */
  gate?: string;
  systems?: Record<string, Record<string, unknown>>;
}

export interface AuditEntry {
  at: string;
  event: string;
  actor: string;
  detail?: Record<string, string | number | boolean>;
}

export interface RequestPage {
  requests: RequestSummary[];
  cursor?: string;
}

export interface RequestView {
  request: RequestDetail;
  audit: AuditEntry[];
}

export interface Extended {
  requestId: string;
  dueDate: string;
  originalDueDate: string;
  learnerTold: boolean;
}

export interface Retried {
  requestId: string;
  retried: string;
}

export interface Cancelled {
  requestId: string;
  status: 'cancelled';
  learnerTold: boolean;
}

/** Which requests to list; every field maps to a query parameter of `GET /admin/requests`. */
export interface RequestFilter {
  status?: string;
  open?: boolean;
  overdue?: boolean;
  addresses?: boolean;
}
