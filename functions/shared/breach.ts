import type { Communication } from './communication.js';

/**
 * A personal-data breach, as the register keeps it (Art. 33(5)): the facts the controller
 * records, where its 72-hour clock stands (Art. 33(1)), and the notifications to the
 * supervisory authority (Art. 33(4): an initial one, then follow-ups).
 */

/** The controller's assessment of the risk to the people: none (no notification due), a risk (notify the authority), a high risk (tell the people too, Art. 34). */
export const BREACH_RISKS = ['none', 'risk', 'high'] as const;
export type BreachRisk = (typeof BREACH_RISKS)[number];

/** What the breach touched (the usual triad of the EDPB's guidelines). */
export const BREACH_NATURES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachNature = (typeof BREACH_NATURES)[number];

/** Where the clock stands: running, stopped by the initial notification, or by the DPO's decision that none is due. */
export type BreachState = 'open' | 'notified' | 'not_notified';

export const NOTIFICATION_PHASES = ['initial', 'follow-up'] as const;
export type NotificationPhase = (typeof NOTIFICATION_PHASES)[number];

export interface BreachFacts {
  /** When the controller became aware (ISO instant): the 72 hours run from here. */
  awareAt: string;
  /** What happened: the nature of the breach, its circumstances. */
  summary: string;
  /** When it happened or began, if known (ISO instant). */
  occurredAt?: string;
  nature?: BreachNature[];
  /** Categories of people concerned, e.g. "learners, teachers". */
  categoriesOfPeople?: string;
  /** Approximate number of people concerned. */
  peopleCount?: number;
  /** Categories of personal data records concerned, e.g. "names, grades, addresses". */
  recordCategories?: string;
  /** Approximate number of records concerned. */
  recordCount?: number;
  /** Likely consequences for the people. */
  consequences?: string;
  /** Measures taken or proposed, including those to mitigate the effects. */
  measures?: string;
  /** The contact point for more information: the DPO by default. */
  contact?: string;
  risk: BreachRisk;
}

export interface BreachNotification {
  phase: NotificationPhase;
  /** When the authority was notified (ISO instant). */
  at: string;
  /** The authority's reference for the notification. */
  reference: string;
  /** Why the initial notification came after 72 hours (required then, Art. 33(1)). */
  delayReason?: string;
  /** When it was recorded, and by whom. */
  recordedAt: string;
}

export interface Breach extends BreachFacts {
  breachId: string;
  openedAt: string;
  state: BreachState;
  notifications: BreachNotification[];
  /** The DPO's decision that no notification is due (risk unlikely, Art. 33(1)), with the reason. */
  noNotification?: { reason: string; at: string };
  /** The name of its clock's execution (statemachines/breach.asl.json). */
  clock?: string;
  /** The communication to the people concerned (Art. 34), once asked for. */
  communication?: Communication;
  /** Changes so far: every write is conditional on it, so that two writers cannot overwrite each other. */
  revision: number;
}

/** 72 hours after awareness: when the notification is due (Art. 33(1)). */
export const NOTIFICATION_HOURS = 72;

export function notificationDeadline(awareAt: string): Date {
  return new Date(Date.parse(awareAt) + NOTIFICATION_HOURS * 3_600_000);
}

/** Whole hours left to the deadline, rounded down; negative once it has passed. */
export function hoursLeft(awareAt: string, now: Date): number {
  return Math.floor((notificationDeadline(awareAt).getTime() - now.getTime()) / 3_600_000);
}

/** A breach as the admin API shows it: with its deadline, and while its clock runs, the hours left. */
export type BreachView = Breach & { deadline: string; hoursLeft?: number; overdue: boolean };

export function viewOf(breach: Breach, now: Date): BreachView {
  const open = breach.state === 'open';
  const left = hoursLeft(breach.awareAt, now);
  return { ...breach, deadline: notificationDeadline(breach.awareAt).toISOString(), ...(open ? { hoursLeft: left } : {}), overdue: open && now > notificationDeadline(breach.awareAt) };
}
