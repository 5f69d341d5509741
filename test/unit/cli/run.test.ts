import { describe, expect, it } from 'vitest';
import { runCli } from './fake-admin-api.js';

// Nothing here reaches a server: every case fails (or helps) before the CLI would call one.
const env = { DSR_ENDPOINT: 'http://127.0.0.1:9', DSR_ADMIN_TOKEN: 'unused' };

describe('dsr usage', () => {
  it.each([
    [['requests', 'lst'], /unknown command "dsr requests lst"/],
    [['reqs'], /unknown command "reqs"/],
    [['requests'], /"dsr requests" needs a command: list, show/],
    [[], /no command given/],
    [['requests', 'show'], /missing ID/],
    [['requests', 'show', 'a', 'b'], /unexpected argument "b"/],
    [['requests', 'show', '../etc'], /is not a request id/],
    [['requests', 'list', '--frob'], /unknown option --frob/],
    [['requests', 'list', '--months', '1'], /--months does not apply to "dsr requests list"/],
    [['requests', 'list', '--status', 'answered', '--all'], /--status and --all do not go together/],
    [['requests', 'list', '--status', 'DROP TABLE'], /--status must be a status/],
    [['requests', 'extend', 'req-1', '--reason', 'complex'], /--months is required/],
    [['requests', 'extend', 'req-1', '--months', '3', '--reason', 'complex'], /--months must be 1 or 2, not "3"/],
    [['requests', 'extend', 'req-1', '--months', '1.0', '--reason', 'complex'], /--months must be 1 or 2/],
    [['requests', 'extend', 'req-1', '--months', '1', '--months', '2', '--reason', 'x'], /--months is given twice/],
    [['requests', 'extend', 'req-1', '--months', '1'], /--reason is required/],
    [['requests', 'cancel', 'req-1', '--reason', '   '], /--reason is required and must not be empty/],
    [['requests', 'cancel', 'req-1', '--reason', 'x'.repeat(2001)], /--reason is 2001 characters long; at most 2000/],
    [['requests', 'cancel', 'req-1', '--reason'], /--reason needs a value/],
    [['requests', 'cancel', 'req-1', '--reason', '--json'], /--reason needs a value/],
    [['register', 'export', '--format', 'xlsx'], /--format must be csv or json, not "xlsx"/],
    [['register', 'export', '--limit', '-5'], /unknown option --limit/],
    [['breaches'], /"dsr breaches" needs a command: open, form-link, list, show, notify, no-notification, draft, communicate, export/],
    [['breaches', 'show', '../etc'], /is not a breach id/],
    [['breaches', 'list', '--risk', 'high'], /--risk does not apply to "dsr breaches list"/],
    [['breaches', 'notify', 'b-1', '--reference', 'R'], /--phase is required: initial or follow-up/],
    [['breaches', 'notify', 'b-1', '--phase', 'final', '--reference', 'R'], /--phase must be initial or follow-up, not "final"/],
    [['breaches', 'notify', 'b-1', '--phase', 'initial'], /--reference is required/],
    [['breaches', 'notify', 'b-1', '--phase', 'initial', '--reference', 'R', '--delay-reason', 'x'.repeat(2001)], /--delay-reason is 2001 characters long; at most 2000/],
    [['breaches', 'no-notification', 'b-1'], /--reason is required/],
    [['breaches', 'communicate', 'b-1', '--resume', '--recipients', 'people.csv'], /--resume goes alone, without --recipients/],
    [['breaches', 'communicate', 'b-1'], /give --recipients FILE.csv and --message FILE.json, or --resume/],
    [['breaches', 'communicate', 'b-1', '--resume', '--reason', 'x'], /--reason does not apply to "dsr breaches communicate"/],
    [['breaches', 'export', '--with-addresses'], /--with-addresses does not apply to "dsr breaches export"/],
    [['requests', 'list', '--endpoint', 'not a url'], /the endpoint is not a URL/],
    [['requests', 'list', '--endpoint', 'ftp://example.org'], /must be an http or https URL/],
  ])('refuses %j with exit 2 and one clear line', async (argv, message) => {
    // Act
    const { code, stdout, stderr } = await runCli(argv, env);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^dsr: [^\n]+\n$/);
  });

  it('documents the commands and the exit codes in --help, with exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help'], env);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('dsr requests extend ID --months 1|2 --reason TEXT [--json]');
    expect(stdout).toContain('dsr register export [--format csv|json] [--with-addresses] [--output FILE]');
    expect(stdout).toContain('dsr breaches open --aware-at ISO --summary TEXT --risk none|risk|high');
    expect(stdout).toContain('dsr breaches notify ID --phase initial|follow-up --reference REF [--at ISO] [--delay-reason TEXT] [--json]');
    expect(stdout).toContain('dsr breaches export [--format csv|json] [--output FILE]');
    expect(stdout).toContain('dsr breaches communicate ID (--recipients FILE.csv --message FILE.json | --resume) [--json]');
    expect(stdout).toMatch(/Exit codes:\n {2}0 +success\n {2}1 .*\n[\s\S]* {2}2 +bad usage/);
  });

  it('helps with one command, even when the rest of the line is incomplete', async () => {
    for (const argv of [['requests', 'extend', '--help'], ['help', 'requests', 'extend'], ['requests', 'extend', '--months', '-h']]) {
      const { code, stdout } = await runCli(argv, env);

      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: dsr requests extend ID --months 1\|2 --reason TEXT/);
    }
  });

  it('lists every fact of a breach in its own help', async () => {
    const { code, stdout } = await runCli(['breaches', 'open', '--help'], env);

    expect(code).toBe(0);
    for (const option of ['--aware-at', '--summary', '--risk', '--occurred-at', '--nature', '--people-categories', '--people-count', '--record-categories', '--record-count', '--consequences', '--measures', '--contact']) {
      expect(stdout).toMatch(new RegExp(`^ {2}${option} `, 'm'));
    }
  });

  it('refuses to send the token in clear to a remote host', async () => {
    const { code, stderr } = await runCli(['requests', 'list', '--endpoint', 'http://admin.example.org'], { DSR_ADMIN_TOKEN: 's3cret-token' });

    expect(code).toBe(2);
    expect(stderr).toMatch(/refusing to send the admin token over plain HTTP/);
    expect(stderr).not.toContain('s3cret-token');
  });

  it('asks for a region when there is no token and the host does not name one', async () => {
    const { code, stderr } = await runCli(['requests', 'list', '--endpoint', 'https://admin.example.org'], {});

    expect(code).toBe(2);
    expect(stderr).toMatch(/no AWS region to sign with.*set AWS_REGION/);
  });
});
