import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature, signedHeaders } from '../../functions/connectors/signing.js';

export interface SystemCall {
  operation: 'lookup' | 'export' | 'erase' | 'verify' | 'rectify' | 'restrict' | 'lift' | 'notice' | 'resolve';
  right?: string;
  subject: { email: string; userId?: string };
  /** resolve: the user ids a breach's communication asks about. */
  userIds?: string[];
  callbackUrl?: string;
  /** The same on a retried step, new when the DPO asks again. */
  idempotencyKey?: string;
}

/** What the system answers a call with: a status and JSON body. */
export type Answer = { status: number; body?: unknown };

/**
 * An external system under the test's control, speaking the HTTP connector's protocol:
 * it checks the signature of every call and answers as `answer` says.
 */
export class TestHttpSystem {
  readonly calls: SystemCall[] = [];
  private server?: Server;
  url = '';

  constructor(
    readonly secret: string,
    public answer: (call: SystemCall, index: number) => Answer,
  ) {}

  async listen(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const problem = checkSignature(this.secret, { timestamp: String(req.headers['x-dsr-timestamp']), signature: String(req.headers['x-dsr-signature']) }, body, new Date());
        if (problem) {
          res.writeHead(401).end();
          return;
        }
        const call = JSON.parse(body) as SystemCall;
        this.calls.push(call);
        const { status, body: out } = this.answer(call, this.calls.length - 1);
        res.writeHead(status, { 'content-type': 'application/json' }).end(out === undefined ? '' : JSON.stringify(out));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/dsr`;
    return this;
  }

  /** Calls back as the system would: signed with the shared secret unless `forge` says otherwise. */
  async callBack(url: string, answer: unknown, forge: { secret?: string; at?: Date } = {}): Promise<Response> {
    const body = JSON.stringify(answer);
    const headers = signedHeaders(forge.secret ?? this.secret, body, forge.at ?? new Date());
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** An export answer with one inline file. */
export const inlineExport = (name: string, text: string) => ({ status: 'done', files: [{ name, contentType: 'text/plain', content: Buffer.from(text).toString('base64') }] });
