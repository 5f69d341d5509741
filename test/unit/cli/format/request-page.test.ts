import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../../../cli/api-types.js';
import { requestPage } from '../../../../cli/format/request-page.js';

const view: RequestView = {
  request: {
    requestId: 'req-1',
    right: 'erasure',
    status: 'awaiting_erasure',
    receivedAt: '2026-09-03T07:00:00.000Z',
    dueDate: '2026-12-03',
    originalDueDate: '2026-10-05',
    workingDaysLeft: 40,
    overdue: false,
    email: 'ada@example.org',
    locale: 'fr',
    details: 'Please erase everything\u001b]0;pwned\u0007',
    gate: 'erasure',
    extension: { months: 2, reason: 'many systems', at: '2026-09-20T09:00:00.000Z', originalDueDate: '2026-10-05' },
    systems: { lms: { lookup: 'done', erase: 'done' }, shop: { lookup: 'done', erase: 'retained' } },
  },
  audit: [
    { at: '2026-09-03T07:00:00.000Z', event: 'received', actor: 'learner', detail: { right: 'erasure' } },
    { at: '2026-09-20T09:00:00.000Z', event: 'extended', actor: 'operator', detail: { months: 2, reason: 'many systems' } },
  ],
};

describe('the page of one request', () => {
  it('gives the facts as label: value lines', () => {
    const page = requestPage(view);

    expect(page).toMatch(/^Request: +req-1$/m);
    expect(page).toMatch(/^Status: +awaiting_erasure \(waiting on the DPO: erasure\)$/m);
    expect(page).toMatch(/^Due: +2026-12-03 \(40 working days left\)$/m);
    expect(page).toMatch(/^Extended: +by 2 months on 2026-09-20T09:00:00.000Z, from 2026-10-05: many systems$/m);
  });

  it('lists what each system did and the audit trail with its details as key=value', () => {
    const page = requestPage(view);

    expect(page).toMatch(/^ {2}shop +lookup=done erase=retained$/m);
    expect(page).toMatch(/^ {2}2026-09-20T09:00:00.000Z +operator +extended +months=2 reason="many systems"$/m);
  });

  it("escapes the learner's text so it cannot drive the terminal", () => {
    const page = requestPage(view);

    expect(page).not.toContain('\u001b');
    expect(page).toContain('Please erase everything\\u001b]0;pwned\\u0007');
  });

  it('says when an email to the learner bounced, beside the address', () => {
    // Prepare
    const bounced: RequestView = { ...view, request: { ...view.request, emailBounced: { at: '2026-09-04T08:00:00.000Z', bounceType: 'Permanent' } } };

    // Act
    const page = requestPage(bounced);

    // Assess
    expect(page).toMatch(/^Email bounced: +Permanent bounce on 2026-09-04T08:00:00.000Z: the learner may not have our letters$/m);
    expect(requestPage(view)).not.toMatch(/bounced/);
  });

  it('says why the DPO went on without systems, by round, and why data was left', () => {
    const leftOut: RequestView = { ...view, request: { ...view.request, leftOut: [{ operation: 'export', systems: ['forum', 'wiki'], reason: 'The forum is being replaced.' }], dataLeftReason: 'Backups age out in 30 days.' } };

    const page = requestPage(leftOut);

    expect(page).toMatch(/^Left out \(export: forum, wiki\): +The forum is being replaced\.$/m);
    expect(page).toMatch(/^Data left: +Backups age out in 30 days\.$/m);
  });
});
