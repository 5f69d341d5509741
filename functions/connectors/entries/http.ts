import { dynamoClient } from '../../shared/clients/dynamo.js';
import { s3Client } from '../../shared/clients/s3.js';
import { secretsClient } from '../../shared/clients/secrets.js';
import { sfnClient } from '../../shared/clients/sfn.js';
import { now } from '../../shared/clock.js';
import { LinkTokenStore } from '../../shared/store/link-tokens.js';
import { RequestStore } from '../../shared/store/requests.js';
import type { HttpConnector } from '../declarations.js';
import { connectorEntry, type ConnectorWiring } from '../entry.js';
import { httpConnectorFunction } from '../http-handler.js';

/** The function the workflow calls for an HTTP system. */
export const httpFunction = (declaration: HttpConnector, wiring: () => ConnectorWiring) =>
  httpConnectorFunction(declaration, () => ({
    requests: new RequestStore(dynamoClient(), wiring().requestsTable),
    links: new LinkTokenStore(dynamoClient(), wiring().linkTokensTable),
    clients: { s3: s3Client(), sfn: sfnClient(), secrets: secretsClient() },
    stagingBucket: wiring().stagingBucket,
    publicBaseUrl: wiring().publicBaseUrl.replace(/\/+$/, ''),
    now,
  }));

export const handler = connectorEntry(httpFunction);
