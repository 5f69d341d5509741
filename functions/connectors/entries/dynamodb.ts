import { dynamoClient } from '../../shared/clients/dynamo.js';
import { dynamoDbConnector } from '../builtin/dynamodb.js';
import type { DynamoDbConnector } from '../declarations.js';
import { connectorEntry, lazyConnector, type ConnectorWiring } from '../entry.js';
import { ownConnectorFunction } from '../own.js';

/** The function the workflow calls for a DynamoDB table's system. */
export const dynamoDbFunction = (declaration: DynamoDbConnector, wiring: () => ConnectorWiring) =>
  ownConnectorFunction(declaration, lazyConnector(() => dynamoDbConnector(declaration, dynamoClient())), wiring);

export const handler = connectorEntry(dynamoDbFunction);
