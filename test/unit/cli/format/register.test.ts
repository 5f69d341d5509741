import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../../../cli/api-types.js';
import { registerCsv, registerRows } from '../../../../cli/format/register.js';

const newer: RequestSummary = {
  requestId: 'req-2',
  right: 'erasure',
  status: 'answered',
  receivedAt: '2026-10-01T08:00:00.000Z',
  dueDate: '2026-11-02',
  closedAt: '2026-10-20T10:00:00.000Z',
  outcome: 'complete',
  overdue: false,
  email: '=cmd|"/c calc"!A1@example.org',
};
const older: RequestSummary = {
  requestId: 'req-1',
  right: 'access',
  status: 'awaiting_decision',
  receivedAt: '2026-09-03T07:00:00.000Z',
  dueDate: '2026-12-03',
  originalDueDate: '2026-10-05',
  workingDaysLeft: 40,
  overdue: false,
  email: 'ada@example.org',
};

describe('the register export', () => {
  it('lists the oldest request first, with the header the auditor expects', () => {
    // Act
    const text = registerCsv(registerRows([newer, older], false), false);

    // Assess
    expect(text.split('\r\n')).toEqual([
      'id,right,status,received,due,original_due,closed,outcome',
      'req-1,access,awaiting_decision,2026-09-03T07:00:00.000Z,2026-12-03,2026-10-05,,',
      'req-2,erasure,answered,2026-10-01T08:00:00.000Z,2026-11-02,,2026-10-20T10:00:00.000Z,complete',
      '',
    ]);
    expect(text).not.toContain('example.org');
  });

  it('adds the email column, guarded against formulas, only with addresses', () => {
    const lines = registerCsv(registerRows([older, newer], true), true).split('\r\n');

    expect(lines[0]).toBe('id,right,status,received,due,original_due,closed,outcome,email');
    expect(lines[1].endsWith(',ada@example.org')).toBe(true);
    expect(lines[2].endsWith(`,"'=cmd|""/c calc""!A1@example.org"`)).toBe(true);
  });

  it('gives JSON rows the same keys, null where a value is absent', () => {
    const [row] = registerRows([older], false);

    expect(row).toEqual({
      id: 'req-1',
      right: 'access',
      status: 'awaiting_decision',
      received: '2026-09-03T07:00:00.000Z',
      due: '2026-12-03',
      original_due: '2026-10-05',
      closed: null,
      outcome: null,
    });
  });
});
