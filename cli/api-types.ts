/** The admin API's answers (the contract the CLI reads); the summary is the server's own type. */

export type { RequestSummary } from '../functions/admin-queries/summaries.js';
import type { RequestSummary } from '../functions/admin-queries/summaries.js';
export type { Breach, BreachNature, BreachRisk, BreachState, NotificationPhase } from '../functions/shared/breach.js';
import type { Breach, BreachFacts, NotificationPhase } from '../functions/shared/breach.js';
export type { Communication, CommunicationState, CommunicationText } from '../functions/shared/communication.js';
import type { CommunicationText } from '../functions/shared/communication.js';

export interface RequestDetail extends RequestSummary {
  locale: string;
  details?: string;
  purposes?: string[];
  extension?: { months: number; reason: string; at: string; originalDueDate: string };
  /** The DPO gate the request waits on now. */
  gate?: string;
  /** The last bounce of an email to the learner (the audit trail has each `email_bounced`). */
  emailBounced?: { at: string; bounceType: string };
  /** The rounds the DPO went on without some systems: which, in which operation, and why. */
  leftOut?: Array<{ operation: string; systems: string[]; reason: string }>;
  /** Why the DPO closed the erasure with data left. */
  dataLeftReason?: string;
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


/** A breach as the admin API shows it: the register's facts and where its 72-hour clock stands. */
export type BreachView = Breach & {
  /** ISO instant: awareAt + 72 hours (Art. 33(1)). */
  deadline: string;
  /** Whole hours to the deadline, only while the state is `open`; negative once late. */
  hoursLeft?: number;
  overdue: boolean;
};

/** The body of `POST /admin/breaches`: the facts of a breach, as the server types them. */
export type NewBreach = BreachFacts;

/** The body of `POST /admin/breaches/{id}/notify`. */
export interface NewNotification {
  phase: NotificationPhase;
  reference: string;
  at?: string;
  delayReason?: string;
}

/** What every breach write answers. */
export interface BreachAnswer {
  breach: BreachView;
}

export interface BreachPage {
  breaches: BreachView[];
  cursor?: string;
}

export interface BreachDetail {
  breach: BreachView;
  timeline: AuditEntry[];
}

/** The notification to the authority, drafted by the service from the breach's facts. */
export interface BreachDraft {
  breachId: string;
  language: string;
  text: string;
  items: { id: string; label: string; value: string }[];
}

/** The answer of `POST /admin/breaches/{id}/recipients`: where to PUT the CSV of addresses, until `expiresAt`. */
export interface RecipientsUpload {
  key: string;
  /** A presigned S3 address: its query string is a signature, never shown. */
  url: string;
  contentType: string;
  expiresAt: string;
}

/** The message to the people concerned, one entry per language: `{ fr: { subject, body }, en: … }`. */
export type CommunicationTexts = Record<string, CommunicationText>;
