import type { BreachDetail, BreachView } from '../api-types.js';
import { auditLines } from './audit-trail.js';
import { deadlineText } from './breach-deadline.js';
import { printable } from './printable.js';
import { table } from './table.js';

/**
 * `dsr breaches show`: the breach's facts as `label: value` lines, then the notifications to
 * the authority, then the timeline one entry per line. Everything from the service is escaped.
 */
export function breachPage({ breach, timeline }: BreachDetail): string {
  const facts = breachFacts(breach);
  const width = Math.max(...facts.map(([label]) => label.length)) + 1;
  const lines = facts.map(([label, value]) => `${`${label}:`.padEnd(width)} ${printable(value)}`);
  lines.push('', 'Notifications:', ...indent(notificationLines(breach)), '', 'Timeline:', ...indent(auditLines(timeline)));
  return lines.join('\n') + '\n';
}

function breachFacts(breach: BreachView): [string, string][] {
  const facts: [string, string | number | undefined][] = [
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
  return facts.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => [label, String(value)]);
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
