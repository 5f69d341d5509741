import { describe, expect, it } from 'vitest';
import type { BreachDetail } from '../../../../cli/api-types.js';
import { breachPage } from '../../../../cli/format/breach-page.js';

const detail: BreachDetail = {
  breach: {
    breachId: 'b-1',
    openedAt: '2026-10-01T09:00:00.000Z',
    awareAt: '2026-10-01T08:00:00.000Z',
    summary: 'Laptop stolen\u001b]0;pwned\u0007',
    nature: ['confidentiality', 'integrity'],
    peopleCount: 0,
    risk: 'risk',
    state: 'not_notified',
    notifications: [],
    noNotification: { reason: 'Disk encrypted', at: '2026-10-01T12:00:00.000Z' },
    revision: 2,
    deadline: '2026-10-04T08:00:00.000Z',
    overdue: false,
  },
  timeline: [{ at: '2026-10-01T12:00:00.000Z', event: 'no_notification', actor: 'operator', detail: { reason: 'Disk encrypted' } }],
};

describe('the page of one breach', () => {
  it('gives the facts as label: value lines, leaving out those not recorded', () => {
    const page = breachPage(detail);

    expect(page).toMatch(/^Breach: +b-1$/m);
    expect(page).toMatch(/^Deadline: +2026-10-04T08:00:00.000Z$/m);
    expect(page).toMatch(/^No notification: +2026-10-01T12:00:00.000Z: Disk encrypted$/m);
    expect(page).toMatch(/^Nature: +confidentiality, integrity$/m);
    expect(page).toMatch(/^People count: +0$/m);
    expect(page).not.toMatch(/^Occurred at:/m);
  });

  it('lists the notifications, then the timeline one entry per line', () => {
    const page = breachPage(detail);

    expect(page).toContain('Notifications:\n  (none)\n\nTimeline:\n');
    expect(page).toMatch(/^ {2}2026-10-01T12:00:00.000Z +operator +no_notification +reason="Disk encrypted"$/m);
  });

  it('escapes the text so it cannot drive the terminal', () => {
    const page = breachPage(detail);

    expect(page).not.toContain('\u001b');
    expect(page).toContain('Laptop stolen\\u001b]0;pwned\\u0007');
  });

  it('leaves out the communication until one is asked for, then says what it waits on and that the addresses are not counted yet', () => {
    const communication = { state: 'awaiting_approval' as const, texts: { fr: { subject: 'Incident', body: 'Un long texte\u001b[2J' } }, requestedAt: '2026-10-02T09:00:00.000Z', execution: 'b-1-c1', list: 'l', source: 'k' };

    const before = breachPage(detail);
    const page = breachPage({ ...detail, breach: { ...detail.breach, communication } });

    expect(before).not.toContain('Communication:');
    expect(page).toMatch(/^ {2}State: +awaiting_approval \(the DPO approves the message from an email; nothing is sent before\)$/m);
    expect(page).toMatch(/^ {2}Languages: +fr$/m);
    expect(page).toMatch(/^ {2}Recipients: +not counted yet$/m);
    expect(page).not.toMatch(/Refused lines|Approved at|Finished at|Resumes/);
    expect(page).not.toContain('Un long texte');
  });
});
