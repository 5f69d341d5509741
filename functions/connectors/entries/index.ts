import type { ConnectorDeclaration } from '../declarations.js';
import type { ConnectorWiring } from '../entry.js';
import { dynamoDbFunction } from './dynamodb.js';
import { httpFunction } from './http.js';
import { invokedFunction } from './invoked.js';
import { s3Function } from './s3.js';

/**
 * A built-in connector's function, whatever its kind: the twin runs them all in one process.
 * On AWS each kind is a Lambda entry of its own (./dynamodb.ts, ./s3.ts, ./http.ts, ./invoked.ts).
 */
export function connectorFunction(declaration: ConnectorDeclaration, wiring: () => ConnectorWiring) {
  switch (declaration.type) {
    case 'dynamodb':
      return dynamoDbFunction(declaration, wiring);
    case 's3':
      return s3Function(declaration, wiring);
    case 'http':
      return httpFunction(declaration, wiring);
    case 'lambda':
      if (declaration.functionArn) return invokedFunction(declaration, wiring);
  }
  throw new Error(`${declaration.name}: a ${declaration.type} connector is not run by this function`);
}
