import type { RequestSummary } from '../api-types.js';
import { printable } from './printable.js';
import { table } from './table.js';

const isOpen = (request: RequestSummary): boolean => request.closedAt === undefined;
const time = (iso: string): number => Date.parse(iso) || 0;

/** Open requests first, soonest due first (they are what needs doing); then closed ones, newest received first. */
export function sortForList(requests: readonly RequestSummary[]): RequestSummary[] {
  return [...requests].sort((a, b) => {
    if (isOpen(a) !== isOpen(b)) return isOpen(a) ? -1 : 1;
    if (isOpen(a)) return a.dueDate.localeCompare(b.dueDate) || time(a.receivedAt) - time(b.receivedAt);
    return time(b.receivedAt) - time(a.receivedAt);
  });
}

/** The list as the operator reads it; `requests` are shown in the order given. */
export function requestTable(requests: readonly RequestSummary[]): string {
  if (requests.length === 0) return 'No requests.\n';
  const rows = requests.map((request) => [
    request.requestId,
    request.right,
    request.status,
    receivedDate(request.receivedAt),
    request.originalDueDate ? `${request.dueDate} (extended)` : request.dueDate,
    daysLeft(request),
  ]);
  return table(
    ['ID', 'RIGHT', 'STATUS', 'RECEIVED', 'DUE', 'DAYS LEFT'],
    rows.map((row) => row.map((cell) => printable(String(cell ?? '')))),
  );
}

/** The UTC date of receipt: the full instant is in `show` and in the register. */
function receivedDate(receivedAt: string): string {
  const at = new Date(receivedAt);
  return Number.isNaN(at.getTime()) ? receivedAt : at.toISOString().slice(0, 10);
}

/** Working days left for open requests, `-` for closed ones, marked when overdue. */
function daysLeft({ workingDaysLeft, overdue }: RequestSummary): string {
  if (workingDaysLeft === undefined) return overdue ? 'overdue' : '-';
  return overdue ? `${workingDaysLeft} overdue` : String(workingDaysLeft);
}
