import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../../../cli/api-types.js';
import { requestTable, sortForList } from '../../../../cli/format/request-list.js';

const summary = (requestId: string, facts: Partial<RequestSummary>): RequestSummary => ({
  requestId,
  right: 'access',
  status: 'awaiting_decision',
  receivedAt: '2026-09-03T07:00:00.000Z',
  dueDate: '2026-10-05',
  overdue: false,
  ...facts,
});

describe('the list of requests', () => {
  it('puts open requests first, soonest due first, then closed ones newest received first', () => {
    const requests = [
      summary('closed-old', { closedAt: '2026-09-20T00:00:00Z', receivedAt: '2026-08-01T00:00:00Z' }),
      summary('open-late', { dueDate: '2026-11-10', workingDaysLeft: 30 }),
      summary('closed-new', { closedAt: '2026-10-20T00:00:00Z', receivedAt: '2026-10-01T00:00:00Z' }),
      summary('open-soon', { dueDate: '2026-10-05', workingDaysLeft: 3 }),
    ];

    expect(sortForList(requests).map((request) => request.requestId)).toEqual(['open-soon', 'open-late', 'closed-new', 'closed-old']);
  });

  it('shows an aligned table marking overdue and extended requests', () => {
    const text = requestTable([
      summary('req-1', { dueDate: '2026-09-30', workingDaysLeft: -3, overdue: true }),
      summary('req-22', { dueDate: '2026-12-03', originalDueDate: '2026-10-05', workingDaysLeft: 40 }),
    ]);

    expect(text.split('\n')).toEqual([
      'ID      RIGHT   STATUS             RECEIVED    DUE                    DAYS LEFT',
      'req-1   access  awaiting_decision  2026-09-03  2026-09-30             -3 overdue',
      'req-22  access  awaiting_decision  2026-09-03  2026-12-03 (extended)  40',
      '',
    ]);
  });

  it('says so when there is nothing to list', () => {
    expect(requestTable([])).toBe('No requests.\n');
  });

  it('escapes control characters coming from the service', () => {
    expect(requestTable([summary('req-1', { status: '\u001b[31mred' })])).toContain('\\u001b[31mred');
  });
});
