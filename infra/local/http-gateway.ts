import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Route } from '../functions.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/**
 * API Gateway takes 10 MB, but the Lambda behind it an event of at most 6 MB (6,291,456
 * bytes) as JSON: the body escaped, with the headers and the rest. That is the real bound
 * on AWS; a body alone can be no larger.
 */
const MAX_EVENT_BYTES = 6 * 1024 * 1024;
/** Past the bound, the rest of a body is still read (and dropped) up to API Gateway's own 10 MB, so the connection stays usable. */
const DRAINED_BYTES = 10 * 1024 * 1024;

/** Answers as API Gateway answers what it refuses itself: a status and `{ message }`. */
function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ message }));
}

/** The request's body, or undefined when it is over the bound (read to its end all the same, so the client gets the answer). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_EVENT_BYTES) chunks.push(chunk as Buffer);
    else if (size > DRAINED_BYTES) break; // leaving the loop ends the connection: far past what API Gateway would take
  }
  return size > MAX_EVENT_BYTES ? undefined : Buffer.concat(chunks);
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * What API Gateway does for the twin: matches a route, turns the HTTP request into the
 * REST API proxy event the handlers get on AWS, and their result back into a response.
 * Admin routes stand behind a bearer token here as they stand behind IAM there, refused
 * with API Gateway's own answers.
 */
export class HttpGateway {
  private readonly routes: CompiledRoute[];
  private server?: Server;

  constructor(
    routes: Route[],
    private readonly handlers: Record<string, ApiHandler>,
    /** The admin routes' bearer token. */
    private readonly adminToken: string,
  ) {
    this.routes = routes.map(compile);
  }

  /** API Gateway's refusal of an unauthorised admin call, or undefined when the token is right. */
  private refusal(authorization: string | undefined): string | undefined {
    if (!authorization) return 'Missing Authentication Token';
    const token = /^Bearer (.+)$/.exec(authorization)?.[1] ?? '';
    // Compared as hashes: same length whatever was sent, and in constant time.
    return timingSafeEqual(sha256(token), sha256(this.adminToken)) ? undefined : 'The security token included in the request is invalid.';
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, resolve);
    });
    return `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://twin');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    // API Gateway checks IAM before it routes: any path under /admin without a good token gets its 403.
    const refused = path === '/admin' || path.startsWith('/admin/') ? this.refusal(req.headers.authorization) : undefined;
    if (refused) return refuse(res, 403, refused);
    const route = this.routes.find((r) => r.method === req.method && r.pattern.test(path));
    // A REST API answers a path or method it does not know as an unauthenticated call.
    if (!route) return refuse(res, 403, 'Missing Authentication Token');
    const body = await readBody(req);
    if (!body) return refuse(res, 413, 'Request Too Long');
    const values = route.pattern.exec(path)!.slice(1);
    let parameters: string[];
    try {
      parameters = values.map((value) => decodeURIComponent(value));
    } catch {
      // A broken percent-escape (`/verify/%`): refused, as API Gateway refuses a path it cannot decode.
      return refuse(res, 400, 'Bad request: the path is not a valid URL.');
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
    const query = Object.fromEntries(url.searchParams);
    const event = {
      resource: route.path,
      path,
      httpMethod: req.method!,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), // as API Gateway fills it: each header again, as a list
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: null,
      pathParameters: route.names.length ? Object.fromEntries(route.names.map((n, i) => [n, parameters[i]])) : null,
      stageVariables: null,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: { requestId: randomUUID(), stage: 'local', httpMethod: req.method!, resourcePath: route.path, identity: { sourceIp: req.socket.remoteAddress ?? '' } },
    } as unknown as APIGatewayProxyEvent;
    if (Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES) return refuse(res, 413, 'Request Too Long');
    try {
      const result = await this.handlers[route.function](event);
      res.writeHead(result.statusCode, result.headers as Record<string, string>);
      res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    } catch (error) {
      // As API Gateway does for a crashed Lambda: a bare 502, no detail.
      console.error('[twin] handler crashed:', (error as Error).name);
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end('{"message":"Internal server error"}');
    }
  }
}
