import { describe, expect, it } from 'vitest';
import { fakeAdminCli } from '../fake-admin-api.js';

const ID = '0b7c6a8e-3f5d-4c1e-9a2b-7d8e9f0a1b2c';

const breach = (breachId: string, facts: object = {}) => ({
  breachId,
  openedAt: '2026-10-01T09:00:00.000Z',
  awareAt: '2026-10-01T08:00:00.000Z',
  summary: 'Laptop with the grade export stolen',
  risk: 'risk',
  state: 'open',
  notifications: [],
  revision: 1,
  deadline: '2026-10-04T08:00:00.000Z',
  hoursLeft: 71,
  overdue: false,
  ...facts,
});

const cli = fakeAdminCli();

describe('dsr breaches open', () => {
  it('sends the facts under the API names and prints the id, then the deadline', async () => {
    // Prepare
    const argv = ['breaches', 'open', '--aware-at', '2026-10-01T10:00:00+02:00', '--summary', '  Laptop stolen  ', '--risk', 'high'];
    argv.push('--occurred-at', '2026-09-30T22:00Z', '--nature', 'confidentiality, availability', '--people-categories', 'learners', '--people-count', '120');
    argv.push('--record-categories', 'names, grades', '--record-count', '0', '--consequences', 'Grades known', '--measures', 'Disk encrypted', '--contact', 'dpo@example.org');

    // Act
    const { code, stdout, stderr, received } = await cli(argv, () => ({ status: 201, body: { breach: breach(ID) } }));

    // Assess
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/admin/breaches' });
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0].body)).toEqual({
      awareAt: '2026-10-01T08:00:00.000Z',
      summary: 'Laptop stolen',
      risk: 'high',
      occurredAt: '2026-09-30T22:00:00.000Z',
      nature: ['confidentiality', 'availability'],
      categoriesOfPeople: 'learners',
      peopleCount: 120,
      recordCategories: 'names, grades',
      recordCount: 0,
      consequences: 'Grades known',
      measures: 'Disk encrypted',
      contact: 'dpo@example.org',
    });
    expect(stdout).toBe(`${ID}\nDeadline: 2026-10-04T08:00:00.000Z (71 hours left)\n`);
  });

  it('sends only the facts given', async () => {
    const { received } = await cli(['breaches', 'open', '--aware-at', '2026-10-01T08:00:00Z', '--summary', 'Mail to the wrong class', '--risk', 'none'], () => ({ status: 201, body: { breach: breach(ID) } }));

    expect(JSON.parse(received[0].body)).toEqual({ awareAt: '2026-10-01T08:00:00.000Z', summary: 'Mail to the wrong class', risk: 'none' });
  });

  it('says when the deadline has already passed', async () => {
    const { stdout } = await cli(['breaches', 'open', '--aware-at', '2026-09-01T08:00:00Z', '--summary', 'Found late', '--risk', 'risk'], () => ({
      status: 201,
      body: { breach: breach(ID, { hoursLeft: -650, overdue: true }) },
    }));

    expect(stdout.split('\n')[1]).toBe('Deadline: 2026-10-04T08:00:00.000Z (650 hours overdue)');
  });

  it('prints the API answer with --json', async () => {
    const answer = { breach: breach(ID) };
    const { stdout } = await cli(['breaches', 'open', '--aware-at', '2026-10-01T08:00:00Z', '--summary', 'x', '--risk', 'risk', '--json'], () => ({ status: 201, body: answer }));

    expect(JSON.parse(stdout)).toEqual(answer);
  });

  it.each([
    [['--aware-at', '2026-10-01T08:00:00'], /--aware-at must be an ISO instant with a time zone \(Z or ±hh:mm\)/],
    [['--aware-at', '2026-10-01'], /--aware-at must be an ISO instant with a time zone/],
    [['--aware-at', 'yesterday'], /--aware-at must be an ISO instant with a time zone/],
    [['--aware-at', '2026-02-30T08:00:00Z'], /--aware-at must be an ISO instant/],
    [['--occurred-at', '2026-10-01 08:00'], /--occurred-at must be an ISO instant with a time zone/],
    [['--risk', 'low'], /--risk must be none, risk or high, not "low"/],
    [['--nature', 'confidentiality,secrecy'], /--nature takes confidentiality, integrity, availability/],
    [['--people-count', '-1'], /--people-count needs a value/],
    [['--people-count', '12.5'], /--people-count must be a whole number, 0 or more/],
    [['--record-count', 'many'], /--record-count must be a whole number, 0 or more, not "many"/],
    [['--summary', '   '], /--summary is required and must not be empty/],
    [['--summary', 'x'.repeat(4001)], /--summary is 4001 characters long; at most 4000/],
    [['--measures', 'x'.repeat(2001)], /--measures is 2001 characters long; at most 2000/],
    [['--contact', ' '], /--contact must not be empty when given/],
  ])('refuses %j with exit 2 before any call', async (change, message) => {
    // Prepare: valid facts, then the one being tested in their place.
    const facts = new Map([
      ['--aware-at', '2026-10-01T08:00:00Z'],
      ['--summary', 'Laptop stolen'],
      ['--risk', 'risk'],
    ]);
    facts.set(change[0], change[1]);

    // Act
    const { code, stdout, stderr, received } = await cli(['breaches', 'open', ...[...facts].flat()], () => ({ status: 201, body: { breach: breach(ID) } }));

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^dsr: [^\n]+\n$/);
    expect(received).toEqual([]);
  });

  it('asks for the three facts it needs', async () => {
    const { code, stderr, received } = await cli(['breaches', 'open', '--summary', 'x', '--risk', 'risk'], () => ({ status: 201, body: {} }));

    expect(code).toBe(2);
    expect(stderr).toMatch(/^dsr: --aware-at is required/);
    expect(received).toEqual([]);
  });
});

describe('dsr breaches list', () => {
  it('follows the cursor and shows a table, newest awareness first, hours left only while open', async () => {
    // Prepare
    const { code, stdout, received } = await cli(['breaches', 'list'], ({ url }) => {
      const cursor = new URL(url, 'http://x').searchParams.get('cursor');
      if (!cursor) return { status: 200, body: { breaches: [breach('b-new', { awareAt: '2026-10-03T08:00:00.000Z', deadline: '2026-10-06T08:00:00.000Z', hoursLeft: 12 })], cursor: 'next+1/=' } };
      if (cursor === 'next+1/=') return { status: 200, body: { breaches: [breach('b-late', { hoursLeft: -5, overdue: true })], cursor: 'last' } };
      return { status: 200, body: { breaches: [breach('b-old', { awareAt: '2026-09-01T08:00:00.000Z', deadline: '2026-09-04T08:00:00.000Z', state: 'notified', hoursLeft: undefined })] } };
    });

    // Assess
    expect(code).toBe(0);
    expect(received.map(({ url }) => url)).toEqual(['/admin/breaches', '/admin/breaches?cursor=next%2B1%2F%3D', '/admin/breaches?cursor=last']);
    expect(stdout.split('\n')).toEqual([
      expect.stringMatching(/^ID +AWARE AT +RISK +STATE +DEADLINE +HOURS LEFT$/),
      expect.stringMatching(/^b-new +2026-10-03T08:00:00.000Z +risk +open +2026-10-06T08:00:00.000Z +12$/),
      expect.stringMatching(/^b-late +2026-10-01T08:00:00.000Z +risk +open +2026-10-04T08:00:00.000Z +5 overdue$/),
      expect.stringMatching(/^b-old +2026-09-01T08:00:00.000Z +risk +notified +2026-09-04T08:00:00.000Z +-$/),
      '',
    ]);
  });

  it('prints only the JSON array with --json', async () => {
    const breaches = [breach(ID)];
    const { stdout } = await cli(['breaches', 'list', '--json'], () => ({ status: 200, body: { breaches } }));

    expect(JSON.parse(stdout)).toEqual(breaches);
  });
});

describe('dsr breaches show', () => {
  it('shows the facts, the notifications and the timeline', async () => {
    const detail = {
      breach: breach(ID, { state: 'notified', hoursLeft: undefined, notifications: [{ phase: 'initial', at: '2026-10-02T08:00:00.000Z', reference: 'CNIL-42', recordedAt: '2026-10-02T08:05:00.000Z' }] }),
      timeline: [{ at: '2026-10-02T08:05:00.000Z', event: 'notified', actor: 'operator', detail: { phase: 'initial', reference: 'CNIL-42' } }],
    };

    const { code, stdout, received } = await cli(['breaches', 'show', ID], () => ({ status: 200, body: detail }));

    expect(code).toBe(0);
    expect(received[0]).toMatchObject({ method: 'GET', url: `/admin/breaches/${ID}` });
    expect(stdout).toMatch(new RegExp(`^Breach: +${ID}$`, 'm'));
    expect(stdout).toMatch(/^ {2}initial +2026-10-02T08:00:00.000Z +CNIL-42 +2026-10-02T08:05:00.000Z$/m);
    expect(stdout).toMatch(/^ {2}2026-10-02T08:05:00.000Z +operator +notified +phase=initial reference=CNIL-42$/m);
  });
});

describe('dsr breaches notify', () => {
  it('sends the phase, the reference, the instant and the delay reason', async () => {
    const argv = ['breaches', 'notify', ID, '--phase', 'initial', '--reference', 'CNIL-42', '--at', '2026-10-05T09:30+02:00', '--delay-reason', ' Forensics took four days '];

    const { code, stdout, received } = await cli(argv, () => ({ status: 200, body: { breach: breach(ID, { state: 'notified' }) } }));

    expect(code).toBe(0);
    expect(received[0]).toMatchObject({ method: 'POST', url: `/admin/breaches/${ID}/notify` });
    expect(JSON.parse(received[0].body)).toEqual({ phase: 'initial', reference: 'CNIL-42', at: '2026-10-05T07:30:00.000Z', delayReason: 'Forensics took four days' });
    expect(stdout).toBe(`Breach ${ID}: initial notification recorded (reference CNIL-42); state notified.\n`);
  });

  it('is bad usage, naming the field, when the service asks for a delay reason', async () => {
    const { code, stdout, stderr } = await cli(['breaches', 'notify', ID, '--phase', 'initial', '--reference', 'CNIL-42'], () => ({
      status: 400,
      body: { message: 'The notification comes after 72 hours: say why.', field: 'delayReason' },
    }));

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('dsr: the service rejected the input: The notification comes after 72 hours: say why. (field: delayReason)\n');
  });

  it('exits 1 when the service refuses a follow-up before the initial notification', async () => {
    const { code, stderr } = await cli(['breaches', 'notify', ID, '--phase', 'follow-up', '--reference', 'CNIL-42'], () => ({
      status: 409,
      body: { message: 'No initial notification yet.' },
    }));

    expect(code).toBe(1);
    expect(stderr).toBe('dsr: refused (HTTP 409): No initial notification yet.\n');
  });

  it('refuses a time without a zone before any call', async () => {
    const { code, stderr, received } = await cli(['breaches', 'notify', ID, '--phase', 'initial', '--reference', 'R', '--at', '2026-10-05T09:30'], () => ({ status: 200, body: {} }));

    expect(code).toBe(2);
    expect(stderr).toMatch(/^dsr: --at must be an ISO instant with a time zone/);
    expect(received).toEqual([]);
  });
});

describe('dsr breaches no-notification', () => {
  it('sends the reason and says what was recorded', async () => {
    const { code, stdout, received } = await cli(['breaches', 'no-notification', ID, '--reason', 'Encrypted disk, key not lost'], () => ({
      status: 200,
      body: { breach: breach(ID, { state: 'not_notified', noNotification: { reason: 'Encrypted disk, key not lost', at: '2026-10-01T10:00:00.000Z' } }) },
    }));

    expect(code).toBe(0);
    expect(received[0]).toMatchObject({ method: 'POST', url: `/admin/breaches/${ID}/no-notification` });
    expect(JSON.parse(received[0].body)).toEqual({ reason: 'Encrypted disk, key not lost' });
    expect(stdout).toBe(`Breach ${ID}: recorded that no notification is due; state not_notified.\n`);
  });

  it('exits 1 when the breach was already notified', async () => {
    const { code, stderr } = await cli(['breaches', 'no-notification', ID, '--reason', 'x'], () => ({ status: 409, body: { message: 'Already notified.' } }));

    expect(code).toBe(1);
    expect(stderr).toBe('dsr: refused (HTTP 409): Already notified.\n');
  });
});

describe('dsr breaches draft', () => {
  const draft = { breachId: ID, language: 'fr', text: 'Notification de violation\n\nNature : confidentialité\n\tDate : 2026-10-01\n', items: [{ id: 'nature', label: 'Nature', value: 'confidentialité' }] };

  it('prints the text exactly as the service drafted it', async () => {
    const { code, stdout, received } = await cli(['breaches', 'draft', ID], () => ({ status: 200, body: draft }));

    expect(code).toBe(0);
    expect(received[0]).toMatchObject({ method: 'GET', url: `/admin/breaches/${ID}/draft` });
    expect(stdout).toBe(draft.text);
  });

  it('prints the API answer with --json', async () => {
    const { stdout } = await cli(['breaches', 'draft', ID, '--json'], () => ({ status: 200, body: draft }));

    expect(JSON.parse(stdout)).toEqual(draft);
  });

  it('exits 1 on an unknown breach', async () => {
    const { code, stderr } = await cli(['breaches', 'draft', ID], () => ({ status: 404, body: { message: 'No such breach.' } }));

    expect(code).toBe(1);
    expect(stderr).toBe('dsr: not found (HTTP 404): No such breach.\n');
  });
});
