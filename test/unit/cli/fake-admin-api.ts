import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { run } from '../../../cli/run.js';

/** One request as the fake admin API received it. */
export interface Received {
  method: string;
  /** Path and query, exactly as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes exactly, for uploads. */
  bytes: Buffer;
}

/** What the fake answers: a status and a JSON value, or a raw string sent as text. */
export interface Answer {
  status: number;
  body: unknown;
}

export interface FakeAdminApi {
  /** The endpoint to give the CLI, stage path included when asked. */
  endpoint: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for the admin API; `answer` decides each reply from the
 * request. It takes any method on any path, so a presigned upload address can point at it too.
 */
export async function startFakeAdminApi(answer: (request: Received) => Answer, stage = ''): Promise<FakeAdminApi> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: bytes.toString('utf8'), bytes };
      received.push(request);
      const { status, body } = answer(request);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${stage}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with the given environment only (never the test process's). */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env,
    cwd,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

/** The `cli(argv, answer)` of a test file: the CLI with a token against a fresh fake, which is closed after each test. */
export function fakeAdminCli(): (argv: string[], answer: (request: Received) => Answer) => Promise<CliResult & { received: Received[] }> {
  let api: FakeAdminApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  return async (argv, answer) => {
    api = await startFakeAdminApi(answer);
    const result = await runCli(argv, { DSR_ENDPOINT: api.endpoint, DSR_ADMIN_TOKEN: 'tok' });
    return { ...result, received: api.received };
  };
}
