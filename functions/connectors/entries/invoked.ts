import { lambdaClient } from '../../shared/clients/lambda.js';
import { invokedConnector } from '../builtin/invoked.js';
import type { LambdaConnector } from '../declarations.js';
import { connectorEntry, lazyConnector, type ConnectorWiring } from '../entry.js';
import { ownConnectorFunction } from '../own.js';

/** The function the workflow calls for a system that is an existing Lambda (`functionArn`). */
export const invokedFunction = (declaration: LambdaConnector, wiring: () => ConnectorWiring) =>
  ownConnectorFunction(declaration, lazyConnector(() => invokedConnector(declaration, lambdaClient())), wiring);

export const handler = connectorEntry(invokedFunction);
