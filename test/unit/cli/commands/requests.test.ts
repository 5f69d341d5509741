import { describe, expect, it } from 'vitest';
import { fakeAdminCli } from '../fake-admin-api.js';

const summary = (requestId: string, facts: object = {}) => ({
  requestId,
  right: 'access',
  status: 'awaiting_decision',
  receivedAt: '2026-09-03T07:00:00.000Z',
  dueDate: '2026-10-05',
  workingDaysLeft: 5,
  overdue: false,
  ...facts,
});

const cli = fakeAdminCli();

describe('dsr requests', () => {
  it('lists open requests by default', async () => {
    const { code, stdout, received } = await cli(['requests', 'list'], () => ({ status: 200, body: { requests: [summary('req-1')] } }));

    expect(code).toBe(0);
    expect(received[0].url).toBe('/admin/requests?open=true');
    expect(stdout).toMatch(/^ID +RIGHT +STATUS +RECEIVED +DUE +DAYS LEFT\nreq-1 +access +awaiting_decision +2026-09-03 +2026-10-05 +5\n$/);
  });

  it('asks for a status, open or closed, with --status, and for late ones with --overdue', async () => {
    const { received } = await cli(['requests', 'list', '--status', 'answered', '--overdue'], () => ({ status: 200, body: { requests: [] } }));

    expect(received[0].url).toBe('/admin/requests?status=answered&overdue=true');
  });

  it('asks for every request with --all', async () => {
    const { received, stdout } = await cli(['requests', 'list', '--all'], () => ({ status: 200, body: { requests: [] } }));

    expect(received[0].url).toBe('/admin/requests');
    expect(stdout).toBe('No requests.\n');
  });

  it('prints only the JSON array with --json', async () => {
    const requests = [summary('req-1')];
    const { stdout } = await cli(['requests', 'list', '--json'], () => ({ status: 200, body: { requests } }));

    expect(JSON.parse(stdout)).toEqual(requests);
  });

  it('shows a request and its audit trail', async () => {
    const view = {
      request: { ...summary('req-1'), locale: 'en', systems: { lms: { lookup: 'done' } } },
      audit: [{ at: '2026-09-03T07:00:00.000Z', event: 'received', actor: 'learner', detail: { right: 'access' } }],
    };
    const { stdout, received } = await cli(['requests', 'show', 'req-1'], () => ({ status: 200, body: view }));

    expect(received[0]).toMatchObject({ method: 'GET', url: '/admin/requests/req-1' });
    expect(stdout).toMatch(/^Request: +req-1$/m);
    expect(stdout).toMatch(/^ {2}lms +lookup=done$/m);
    expect(stdout).toMatch(/^ {2}2026-09-03T07:00:00.000Z +learner +received +right=access$/m);
  });

  it('sends months and reason to extend, and says what happened', async () => {
    const { stdout, received } = await cli(['requests', 'extend', 'req-1', '--months', '2', '--reason', '  Many systems to search  '], () => ({
      status: 200,
      body: { requestId: 'req-1', dueDate: '2027-02-24', originalDueDate: '2026-12-28' },
    }));

    expect(received[0]).toMatchObject({ method: 'POST', url: '/admin/requests/req-1/extend' });
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0].body)).toEqual({ months: 2, reason: 'Many systems to search' });
    expect(stdout).toBe('Request req-1 extended by 2 months: due 2027-02-24 (was 2026-12-28).\n');
  });

  it('retries with an empty JSON body', async () => {
    const { stdout, received } = await cli(['requests', 'retry', 'req-1'], () => ({ status: 200, body: { requestId: 'req-1', retried: 'attention' } }));

    expect(received[0]).toMatchObject({ method: 'POST', url: '/admin/requests/req-1/retry', body: '{}' });
    expect(stdout).toBe('Request req-1: trying the failed systems again (gate: attention).\n');
  });

  it('cancels with the reason and says whether the learner was told', async () => {
    const { stdout, received } = await cli(['requests', 'cancel', 'req-1', '--reason', 'Filed twice'], () => ({
      status: 200,
      body: { requestId: 'req-1', status: 'cancelled', learnerTold: false },
    }));

    expect(JSON.parse(received[0].body)).toEqual({ reason: 'Filed twice' });
    expect(stdout).toMatch(/^Request req-1 cancelled\. The learner was not told \(.+\)/);
  });

  it('prints the API answer as is with --json', async () => {
    const answer = { requestId: 'req-1', status: 'cancelled', learnerTold: true };
    const { stdout } = await cli(['requests', 'cancel', 'req-1', '--reason', 'Filed twice', '--json'], () => ({ status: 200, body: answer }));

    expect(JSON.parse(stdout)).toEqual(answer);
  });
});
