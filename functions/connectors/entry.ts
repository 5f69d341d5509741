import type { ConnectorDeclaration } from './declarations.js';
import type { Connector } from './kit.js';
import { logged } from '../shared/logger.js';

/** Where a connector function finds its tables, bucket and public address. */
export interface ConnectorWiring {
  requestsTable: string;
  linkTokensTable: string;
  stagingBucket: string;
  publicBaseUrl: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** The wiring the stack gives a connector function through its environment. */
const wiringFromEnv = (): ConnectorWiring => ({
  requestsTable: required('REQUESTS_TABLE'),
  linkTokensTable: process.env.LINK_TOKENS_TABLE ?? '',
  stagingBucket: required('ARCHIVE_BUCKET'),
  publicBaseUrl: process.env.PUBLIC_BASE_URL ?? '',
});

/**
 * The Lambda entry of a built-in connector: CONNECTOR holds its declaration, read at the
 * first call. There is one entry per kind of system (./entries/), so that each function's
 * bundle holds the AWS clients of its kind and no other.
 */
export function connectorEntry<D extends ConnectorDeclaration>(make: (declaration: D, wiring: () => ConnectorWiring) => (event: any) => Promise<unknown>) {
  let run: ((event: any) => Promise<unknown>) | undefined;
  return logged((event: any) => {
    run ??= make(JSON.parse(required('CONNECTOR')) as D, wiringFromEnv);
    return run(event);
  });
}

/** A connector made at its first use, once the SDK's endpoints are set. */
export function lazyConnector(make: () => Connector): Connector {
  let connector: Connector | undefined;
  return new Proxy({} as Connector, {
    get: (_target, operation: keyof Connector) => {
      connector ??= make();
      return connector[operation]?.bind(connector);
    },
  });
}
