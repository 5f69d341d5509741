import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpGateway } from '../../../infra/local/http-gateway.js';

/** The twin's gateway answers as API Gateway does, and keeps a connection usable whatever it refuses. */
const gateway = new HttpGateway([{ method: 'POST', path: '/echo/{word}', function: 'Intake' }], { Intake: async (event) => ({ statusCode: 200, body: `${event.pathParameters!.word}:${event.body?.length ?? 0}` }) }, 'admin-token');
let base = '';
beforeAll(async () => {
  base = await gateway.listen(0);
});
afterAll(() => gateway.close());

/** One keep-alive connection for every call: a reply that left a body unread would reset it. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const call = (method: string, path: string, body = '') =>
  new Promise<{ status: number; text: string; socket: unknown }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent, headers: { 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text, socket: req.socket }));
    });
    req.on('error', reject);
    req.end(body);
  });

describe('the twin\'s gateway', () => {
  it('passes a body whose event fits in 6 MB, the most a Lambda event holds', async () => {
    const body = 6 * 1024 * 1024 - 2048;
    expect(await call('POST', '/echo/ok', 'x'.repeat(body))).toMatchObject({ status: 200, text: `ok:${body}` });
  });

  it('counts the event as Lambda does, the body escaped in its JSON: 4 MB of quotes make 8', async () => {
    const quotes = await call('POST', '/echo/quotes', '"'.repeat(4 * 1024 * 1024));
    expect(quotes).toMatchObject({ status: 413 });
    expect(JSON.parse(quotes.text)).toEqual({ message: 'Request Too Long' });
  });

  it('refuses a larger one with 413 and its message as JSON, and the same connection then serves the next call', async () => {
    const tooLarge = await call('POST', '/echo/big', 'x'.repeat(6 * 1024 * 1024 + 1));
    expect(tooLarge).toMatchObject({ status: 413 });
    expect(JSON.parse(tooLarge.text)).toEqual({ message: 'Request Too Long' });
    const next = await call('POST', '/echo/after', 'abc');
    expect(next).toMatchObject({ status: 200, text: 'after:3' });
    expect(next.socket).toBe(tooLarge.socket);
  });

  it('answers an unknown path or method as a REST API does, with the body left unread', async () => {
    for (const [method, path] of [['GET', '/nowhere'], ['GET', '/echo/x'], ['POST', '/echo']]) {
      const answer = await call(method, path, 'ignored body');
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toEqual({ message: 'Missing Authentication Token' });
    }
    expect(await call('POST', '/echo/still', 'ab')).toMatchObject({ status: 200, text: 'still:2' });
  });

  it('refuses a path it cannot decode with 400, and stays up', async () => {
    expect(await call('POST', '/echo/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(await call('POST', '/echo/%')).toMatchObject({ status: 400 });
    expect(await call('POST', '/echo/fine', '')).toMatchObject({ status: 200 });
  });
});
