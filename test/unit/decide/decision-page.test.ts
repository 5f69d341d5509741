import { describe, expect, it } from 'vitest';
import { decisionPage } from '../../../functions/decide/gate-pages.js';
import type { DsrRequest } from '../../../functions/shared/store/requests.js';

const request: DsrRequest = {
  requestId: 'req-1',
  email: 'ada@example.org',
  type: 'access',
  locale: 'fr',
  status: 'awaiting_decision',
  receivedAt: '2026-11-02T09:00:00.000Z',
  dueDate: '2026-12-02',
  updatedAt: '2026-11-02T09:05:00.000Z',
  systems: { forum: { lookup: 'done' }, shop: { lookup: 'not_found' }, video: { lookup: 'failed' }, lms: { lookup: 'done' } },
};
const titles = { lms: 'Learning platform', forum: 'Forum posts', shop: 'Shop', video: 'Video platform' };

describe('the decision page', () => {
  it('lists, as the email does, the systems that hold data, those that do not and those that could not be asked, and the learner\'s language', () => {
    const en = decisionPage(200, request, titles, 'en', 'Europe/Paris').body;
    expect(en).toContain('<dt>Systems that hold data about this person</dt><dd>Learning platform, Forum posts</dd>');
    expect(en).toContain('<dt>Systems that do not know this person</dt><dd>Shop</dd>');
    expect(en).toContain('<dt>Systems that could not be asked</dt><dd>Video platform</dd>');
    expect(en).toMatch(/<dt>Learner(&#39;|')s language<\/dt><dd>French<\/dd>/);

    const fr = decisionPage(200, { ...request, systems: { lms: { lookup: 'done' } } }, titles, 'fr', 'Europe/Paris').body;
    expect(fr).toContain('<dt>Systèmes qui ne connaissent pas cette personne</dt><dd>aucun</dd>');
    expect(fr).toContain('<dt>Systèmes qui n’ont pas pu être interrogés</dt><dd>aucun</dd>');
  });
});
