import { s3Client } from '../../shared/clients/s3.js';
import { s3Connector } from '../builtin/s3.js';
import type { S3Connector } from '../declarations.js';
import { connectorEntry, lazyConnector, type ConnectorWiring } from '../entry.js';
import { ownConnectorFunction } from '../own.js';

/** The function the workflow calls for an S3 bucket's system. */
export const s3Function = (declaration: S3Connector, wiring: () => ConnectorWiring) =>
  ownConnectorFunction(declaration, lazyConnector(() => s3Connector(declaration, s3Client())), wiring);

export const handler = connectorEntry(s3Function);
