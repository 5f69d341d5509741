import type { BreachDetail, BreachView, Communication, CommunicationState } from '../api-types.js';
import { auditLines } from './audit-trail.js';
import { deadlineText } from './breach-deadline.js';
import { printable } from './printable.js';
import { table } from './table.js';

/**
 * `dsr breaches show`: the breach's facts as `label: value` lines, then the notifications to
 * the authority, the communication to the people once asked for, then the timeline one entry
 * per line. Everything from the service is escaped.
 */
export function breachPage({ breach, timeline }: BreachDetail): string {
  const lines = factLines(breachFacts(breach));
  lines.push('', 'Notifications:', ...indent(notificationLines(breach)));
  if (breach.communication) lines.push('', 'Communication:', ...indent(communicationLines(breach.communication)));
  lines.push('', 'Timeline:', ...indent(auditLines(timeline)));
  return lines.join('\n') + '\n';
}

type Fact = [string, string | number | undefined];

/** `Label: value` lines, values aligned, the facts not recorded left out. */
function factLines(facts: Fact[]): string[] {
  const present = facts.filter(([, value]) => value !== undefined && value !== '');
  const width = Math.max(...present.map(([label]) => label.length)) + 1;
  return present.map(([label, value]) => `${`${label}:`.padEnd(width)} ${printable(String(value))}`);
}

function breachFacts(breach: BreachView): Fact[] {
  return [
    ['Breach', breach.breachId],
    ['Aware at', breach.awareAt],
    ['Occurred at', breach.occurredAt],
    ['Opened at', breach.openedAt],
    ['Risk', breach.risk],
    ['State', breach.state],
    ['Deadline', deadlineText(breach)],
    ['No notification', breach.noNotification && `${breach.noNotification.at}: ${breach.noNotification.reason}`],
    ['Summary', breach.summary],
    ['Nature', breach.nature?.join(', ')],
    ['People', breach.categoriesOfPeople],
    ['People count', breach.peopleCount],
    ['Records', breach.recordCategories],
    ['Record count', breach.recordCount],
    ['Consequences', breach.consequences],
    ['Measures', breach.measures],
    ['Contact', breach.contact],
  ];
}

const STATE_NOTES: Partial<Record<CommunicationState, string>> = {
  preparing: 'reading the addresses',
  awaiting_approval: 'the DPO approves the message from an email; nothing is sent before',
  expired: 'not approved in time; nothing was sent, ask again',
};

/** Where the communication stands; the message's texts can be long, so only their languages. */
function communicationLines(communication: Communication): string[] {
  const { state } = communication;
  const note = Object.hasOwn(STATE_NOTES, state) ? STATE_NOTES[state] : undefined;
  return factLines([
    ['State', note ? `${state} (${note})` : state],
    ['Languages', Object.keys(communication.texts ?? {}).join(', ')],
    ['Recipients', communication.recipients ?? 'not counted yet'],
    ['Refused lines', communication.refusedLines],
    ['User ids listed', communication.userIds],
    ['User ids found nowhere', communication.unresolved],
    ['Requested at', communication.requestedAt],
    ['Approved at', communication.approvedAt],
    ['Finished at', communication.finishedAt],
    ['Resumes', communication.resumes],
  ]);
}

function notificationLines({ notifications }: BreachView): string[] {
  if (!notifications?.length) return ['(none)'];
  return table(
    ['PHASE', 'AT', 'REFERENCE', 'RECORDED AT', 'DELAY REASON'],
    notifications.map((notification) => [notification.phase, notification.at, notification.reference, notification.recordedAt, notification.delayReason ?? ''].map((cell) => printable(String(cell ?? '')))),
  )
    .trimEnd()
    .split('\n');
}

const indent = (lines: string[]): string[] => lines.map((line) => `  ${line}`);
