import { describe, expect, it } from 'vitest';
import type { BreachView } from '../../../../cli/api-types.js';
import { deadlineText, hoursLeftCell } from '../../../../cli/format/breach-deadline.js';
import { breachTable, sortBreaches } from '../../../../cli/format/breach-list.js';

const breach = (breachId: string, facts: Partial<BreachView>): BreachView => ({
  breachId,
  openedAt: '2026-10-01T09:00:00.000Z',
  awareAt: '2026-10-01T08:00:00.000Z',
  summary: 'Laptop stolen',
  risk: 'risk',
  state: 'open',
  notifications: [],
  revision: 1,
  deadline: '2026-10-04T08:00:00.000Z',
  hoursLeft: 71,
  overdue: false,
  ...facts,
});

describe('the list of breaches', () => {
  it('puts the newest awareness first, whatever the time zone it was written in', () => {
    const breaches = [
      breach('old', { awareAt: '2026-09-01T08:00:00.000Z' }),
      breach('new', { awareAt: '2026-10-02T01:00:00+02:00' }),
      breach('middle', { awareAt: '2026-10-01T23:30:00.000Z' }),
    ];

    expect(sortBreaches(breaches).map((one) => one.breachId)).toEqual(['middle', 'new', 'old']);
  });

  it('gives hours left only while the clock runs, and the hours past the deadline once late', () => {
    expect(hoursLeftCell(breach('a', { hoursLeft: 1 }))).toBe('1');
    expect(hoursLeftCell(breach('a', { hoursLeft: -3, overdue: true }))).toBe('3 overdue');
    expect(hoursLeftCell(breach('a', { state: 'notified', hoursLeft: undefined, overdue: true }))).toBe('-');
    expect(hoursLeftCell(breach('a', { state: 'not_notified', hoursLeft: undefined }))).toBe('-');
  });

  it('words the deadline for people', () => {
    expect(deadlineText(breach('a', { hoursLeft: 1 }))).toBe('2026-10-04T08:00:00.000Z (1 hour left)');
    expect(deadlineText(breach('a', { hoursLeft: -1, overdue: true }))).toBe('2026-10-04T08:00:00.000Z (1 hour overdue)');
    expect(deadlineText(breach('a', { state: 'notified', hoursLeft: undefined }))).toBe('2026-10-04T08:00:00.000Z');
  });

  it('escapes what the service sends, and says when there is nothing', () => {
    expect(breachTable([breach('b-1\u001b[2J', {})])).toContain('b-1\\u001b[2J');
    expect(breachTable([])).toBe('No breaches.\n');
  });
});
