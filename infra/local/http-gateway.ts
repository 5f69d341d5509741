import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Route } from '../functions.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** API Gateway takes 10 MB, but the Lambda behind it an event of at most 6 MB: the body's real bound on AWS. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

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
    if (refused) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: refused }));
      return;
    }
    const matches = this.routes.filter((r) => r.pattern.test(path));
    const route = matches.find((r) => r.method === req.method);
    if (!route) {
      const status = matches.length ? 405 : 404;
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(status === 405 ? 'Method not allowed\n' : 'Not found\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Request body too large\n');
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const values = route.pattern.exec(path)!.slice(1);
    let parameters: string[];
    try {
      parameters = values.map((value) => decodeURIComponent(value));
    } catch {
      // A broken percent-escape (`/verify/%`): refused, as API Gateway refuses a path it cannot decode.
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end('{"message":"Bad request: the path is not a valid URL."}');
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
    const query = Object.fromEntries(url.searchParams);
    const event = {
      resource: route.path,
      path,
      httpMethod: req.method!,
      headers,
      multiValueHeaders: {},
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: null,
      pathParameters: route.names.length ? Object.fromEntries(route.names.map((n, i) => [n, parameters[i]])) : null,
      stageVariables: null,
      body: chunks.length ? Buffer.concat(chunks).toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: { requestId: randomUUID(), stage: 'local', httpMethod: req.method!, resourcePath: route.path, identity: { sourceIp: req.socket.remoteAddress ?? '' } },
    } as unknown as APIGatewayProxyEvent;
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
