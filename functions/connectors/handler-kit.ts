import type { S3Client } from '@aws-sdk/client-s3';
import type { DsrRequest, RequestStore } from '../shared/store/requests.js';
import { ConnectorError, type Connector, type ConnectorOutcome, type ConnectorRequest, type Operation } from './kit.js';
import { S3Staging } from './staging.js';

/** What the workflow sends a connector step. No personal data: the wrapper reads the subject from the store. */
export interface ConnectorEvent {
  requestId: string;
  operation: Operation;
}

export interface ConnectorDeps {
  requests: RequestStore;
  s3: S3Client;
  stagingBucket: string;
}

/** Where a system's export for a request is staged. */
export const stagingPrefix = (requestId: string, system: string) => `staging/${requestId}/${system}/`;

/** What a connector is told about a request: who it is about, and where to stage files. */
export function connectorRequest(request: DsrRequest, operation: Operation, stagingBucket: string, system: string): ConnectorRequest {
  return {
    requestId: request.requestId,
    operation,
    subject: { ...(request.subject ?? {}), email: request.email },
    staging: { bucket: stagingBucket, prefix: stagingPrefix(request.requestId, system) },
  };
}

/**
 * Turns a Connector into the function the workflow calls: loads who the request is
 * about, gives the connector its staging area, and answers with a small outcome (the
 * files themselves stay in staging, listed in `_files.json`).
 *
 * @example export const handler = connectorHandler('forum', myConnector, deps);
 */
export function connectorHandler(name: string, connector: Connector, deps: () => ConnectorDeps) {
  return async (event: ConnectorEvent): Promise<ConnectorOutcome> => {
    const d = deps();
    const request = await d.requests.get(event.requestId);
    if (!request) throw new ConnectorError(`request ${event.requestId} not found`);
    const input = connectorRequest(request, event.operation, d.stagingBucket, name);
    const staging = new S3Staging(d.s3, d.stagingBucket, input.staging.prefix);
    if (event.operation === 'lookup') {
      const found = await connector.lookup(input, { staging });
      return { connector: name, operation: 'lookup', status: found.found ? 'done' : 'not_found', ...(found.identifiers ? { identifiers: found.identifiers } : {}) };
    }
    const result = await connector.export(input, { staging });
    await staging.writeFileList(result.files);
    return {
      connector: name,
      operation: 'export',
      status: result.status,
      fileCount: result.files.length,
      bytes: result.files.reduce((sum, f) => sum + f.bytes, 0),
      ...(result.note ? { note: result.note } : {}),
    };
  };
}
