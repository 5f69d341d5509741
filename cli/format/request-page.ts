import type { RequestDetail, RequestView } from '../api-types.js';
import { auditLines, pairs } from './audit-trail.js';
import { printable } from './printable.js';
import { table } from './table.js';

/**
 * `dsr requests show`: the request's facts as `label: value` lines, then what each system
 * did, then the audit trail one entry per line. Everything from the service is escaped.
 */
export function requestPage({ request, audit }: RequestView): string {
  const facts = requestFacts(request);
  const width = Math.max(...facts.map(([label]) => label.length)) + 1;
  const lines = facts.map(([label, value]) => `${`${label}:`.padEnd(width)} ${printable(value)}`);
  lines.push('', 'Systems:', ...indent(systemLines(request.systems)), '', 'Audit trail:', ...indent(auditLines(audit)));
  return lines.join('\n') + '\n';
}

function requestFacts(request: RequestDetail): [string, string][] {
  const facts: [string, string][] = [
    ['Request', request.requestId],
    ['Right', request.right],
    ['Status', request.gate ? `${request.status} (waiting on the DPO: ${request.gate})` : request.status],
    ['Received', request.receivedAt],
    ['Due', dueLine(request)],
  ];
  if (request.extension) {
    const { months, at, originalDueDate, reason } = request.extension;
    facts.push(['Extended', `by ${months} month${months > 1 ? 's' : ''} on ${at}, from ${originalDueDate}: ${reason}`]);
  } else if (request.originalDueDate) {
    facts.push(['Extended', `from ${request.originalDueDate}`]);
  }
  if (request.closedAt) facts.push(['Closed', request.outcome ? `${request.closedAt} (${request.outcome})` : request.closedAt]);
  if (request.email) facts.push(['Email', request.email]);
  if (request.emailBounced) facts.push(['Email bounced', `${request.emailBounced.bounceType} bounce on ${request.emailBounced.at}: the learner may not have our letters`]);
  facts.push(['Language', request.locale]);
  if (request.purposes?.length) facts.push(['Purposes', request.purposes.join(', ')]);
  if (request.details) facts.push(['Details', request.details]);
  for (const round of request.leftOut ?? []) facts.push([`Left out (${round.operation}: ${round.systems.join(', ')})`, round.reason]);
  if (request.dataLeftReason) facts.push(['Data left', request.dataLeftReason]);
  return facts.map(([label, value]) => [label, String(value ?? '')]);
}

function dueLine({ dueDate, workingDaysLeft, overdue }: RequestDetail): string {
  if (workingDaysLeft === undefined) return overdue ? `${dueDate} (overdue)` : dueDate;
  if (overdue) return `${dueDate} (overdue by ${-workingDaysLeft} working day${workingDaysLeft === -1 ? '' : 's'})`;
  return `${dueDate} (${workingDaysLeft} working day${workingDaysLeft === 1 ? '' : 's'} left)`;
}

function systemLines(systems: RequestDetail['systems']): string[] {
  const names = Object.keys(systems ?? {});
  if (!systems || names.length === 0) return ['(none yet)'];
  return table(
    ['SYSTEM', 'OPERATIONS'],
    names.map((name) => [printable(name), pairs(systems[name] ?? {})]),
  )
    .trimEnd()
    .split('\n');
}

const indent = (lines: string[]): string[] => lines.map((line) => `  ${line}`);
