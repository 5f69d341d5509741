import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature, signedHeaders } from '../../../functions/connectors/signing.js';
import { DEMO_VIEWING_HISTORY } from './lms-data.js';

/**
 * A stand-in for an external system of the platform (a video service) that answers the
 * HTTP connector's protocol: signed lookups at once, exports later through the signed
 * callback, with one file inline and one at an address of its own.
 */
export class DemoVideoPlatform {
  private server?: Server;
  private origin = '';
  /** Every callback it made, for those who want to see the protocol at work. */
  readonly callbacks: Array<{ url: string; status: number }> = [];

  constructor(
    private readonly secret: string,
    private readonly now: () => Date,
    private readonly answerAfterMs = 500,
  ) {}

  get url(): string {
    return `${this.origin}/dsr`;
  }

  async listen(host = '127.0.0.1'): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const reply = (status: number, value?: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(value === undefined ? '' : JSON.stringify(value));
        };
        if (req.method === 'GET' && req.url?.startsWith('/files/')) {
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`Notes taken in the video player (${decodeURIComponent(req.url.slice(7))})\n- 12:03 merge step\n- 31:40 stability\n`);
          return;
        }
        if (req.method !== 'POST' || req.url !== '/dsr') return reply(404, { error: 'not found' });
        const problem = checkSignature(this.secret, { timestamp: String(req.headers['x-dsr-timestamp'] ?? ''), signature: String(req.headers['x-dsr-signature'] ?? '') }, body, this.now());
        if (problem) return reply(401, { error: `signature ${problem}` });
        const call = JSON.parse(body) as { operation: string; subject: { email: string }; callbackUrl?: string };
        const history = DEMO_VIEWING_HISTORY[call.subject.email.toLowerCase()];
        if (call.operation === 'lookup') return reply(200, { found: !!history });
        if (!history) return reply(200, { status: 'not_found', files: [] });
        reply(202, { accepted: true });
        setTimeout(() => void this.callBack(call.callbackUrl!, history), this.answerAfterMs).unref();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    this.origin = `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  private async callBack(url: string, history: unknown): Promise<void> {
    const body = JSON.stringify({
      status: 'done',
      files: [
        { name: 'viewing-history.json', contentType: 'application/json', content: Buffer.from(JSON.stringify(history, null, 2)).toString('base64') },
        { name: 'player-notes.txt', contentType: 'text/plain; charset=utf-8', url: `${this.origin}/files/notes-${Date.now()}` },
      ],
    });
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(this.secret, body, this.now()) }, body });
      this.callbacks.push({ url, status: res.status });
    } catch {
      this.callbacks.push({ url, status: 0 });
    }
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
