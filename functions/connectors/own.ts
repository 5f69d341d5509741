import { dynamoClient } from '../shared/clients/dynamo.js';
import { s3Client } from '../shared/clients/s3.js';
import { now } from '../shared/clock.js';
import { RequestStore } from '../shared/store/requests.js';
import type { LambdaConnector } from './declarations.js';
import { connectorHandler, type ConnectorEvent } from './handler-kit.js';
import type { Connector, ConnectorOutcome } from './kit.js';

type Declared = Pick<LambdaConnector, 'name' | 'rectify'>;

/**
 * The function the workflow calls for a connector of the platform's own: the kit's
 * handler around it, with the requests table and staging bucket from `wiring` (read at
 * the first call, once the SDK's endpoints are set).
 */
export function ownConnectorFunction(declaration: Declared, connector: Connector, wiring: () => { requestsTable: string; stagingBucket: string }) {
  return connectorHandler(declaration.name, connector, () => ({ requests: new RequestStore(dynamoClient(), wiring().requestsTable), s3: s3Client(), stagingBucket: wiring().stagingBucket, now }), {
    rectifiable: declaration.rectify?.attributes ?? [],
  });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/**
 * The Lambda entry of a connector of the platform's own (`"type": "lambda"` with an
 * `entry` in cdk.json). The stack gives the function its declaration (`CONNECTOR`), the
 * requests table and the staging bucket; the twin runs `connector` directly.
 *
 * @example
 * export const connector: Connector = { lookup, export: exportBilling, erase };
 * export const handler = ownConnectorHandler(connector);
 */
export function ownConnectorHandler(connector: Connector): (event: ConnectorEvent) => Promise<ConnectorOutcome> {
  let run: ((event: ConnectorEvent) => Promise<ConnectorOutcome>) | undefined;
  return (event) => {
    run ??= ownConnectorFunction(JSON.parse(required('CONNECTOR')) as Declared, connector, () => ({ requestsTable: required('REQUESTS_TABLE'), stagingBucket: required('ARCHIVE_BUCKET') }));
    return run(event);
  };
}
