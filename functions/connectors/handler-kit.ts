import type { S3Client } from '@aws-sdk/client-s3';
import { now as clock, type Now } from '../shared/clock.js';
import type { DsrRequest, RequestStore } from '../shared/store/requests.js';
import { ConnectorError, type Connector, type ConnectorContext, type ConnectorOutcome, type ConnectorRequest, type Operation } from './kit.js';
import { isDirectoryEvent, resolveUserIds, type DirectoryEvent, type DirectoryOutcome } from './directory.js';
import { boundingFailures } from './failure.js';
import { changeOutcome, eraseOutcome, exportOutcome, lookupOutcome, verifyOutcome } from './outcome.js';
import { S3Staging } from './staging.js';

/** What the workflow sends a connector step. No personal data: the wrapper reads the subject from the store. */
export interface ConnectorEvent {
  requestId: string;
  operation: Operation;
  /** When the workflow entered the step: the same on each retry of it, so the call's idempotency key is too. */
  stepEnteredAt?: string;
}

export interface ConnectorDeps {
  requests: RequestStore;
  s3: S3Client;
  stagingBucket: string;
  now?: Now;
}

/** Where a system's export for a request is staged. */
export const stagingPrefix = (requestId: string, system: string) => `staging/${requestId}/${system}/`;

/**
 * What a connector is told about a request: who it is about, where to stage files, and
 * for a rectification the corrected values among `rectifiable` (the system's declared
 * attributes), for a restriction the purposes.
 */
export function connectorRequest(request: DsrRequest, operation: Operation, stagingBucket: string, system: string, at: Date, rectifiable?: string[], stepEnteredAt?: string): ConnectorRequest {
  const changes = Object.entries(request.rectification?.changes ?? {}).filter(([attribute]) => !rectifiable || rectifiable.includes(attribute));
  return {
    requestId: request.requestId,
    operation,
    subject: { ...(request.subject ?? {}), email: request.email },
    staging: { bucket: stagingBucket, prefix: stagingPrefix(request.requestId, system) },
    at: at.toISOString(),
    ...(stepEnteredAt ? { idempotencyKey: `${request.requestId}:${operation}:${stepEnteredAt}` } : {}),
    ...(operation === 'rectify' ? { changes: Object.fromEntries(changes) } : {}),
    ...((operation === 'restrict' || operation === 'lift') && request.purposes && (request.type === 'restriction' || request.type === 'objection')
      ? { restriction: { right: request.type, purposes: request.purposes } }
      : {}),
  };
}

/**
 * Runs one operation of a connector and answers with a small outcome (an export's files
 * stay in staging, listed in `_files.json`). An operation the connector does not have is a
 * to-do for the DPO (`manual`); a verification without `verify` asks `lookup` again.
 */
export async function runOperation(name: string, connector: Connector, input: ConnectorRequest, context: ConnectorContext & { staging: S3Staging }): Promise<ConnectorOutcome> {
  const { operation } = input;
  switch (operation) {
    case 'lookup':
      return lookupOutcome(name, await connector.lookup(input, context));
    case 'export': {
      const result = await connector.export(input, context);
      // The files listed are those staged here, as staged: a connector's own list could name any key.
      await context.staging.writeFileList(context.staging.files);
      return exportOutcome(name, { ...result, files: context.staging.files });
    }
    case 'verify': {
      if (connector.verify) return verifyOutcome(name, await connector.verify(input, context));
      const left = await connector.lookup(input, context);
      return verifyOutcome(name, { remaining: left.found ? 1 : 0, retained: left.retained });
    }
    case 'erase':
      return connector.erase ? eraseOutcome(name, await connector.erase(input, context)) : { connector: name, operation, status: 'manual' };
    case 'rectify':
    case 'restrict':
    case 'lift': {
      // None of the corrected attributes is this system's: it is not asked.
      if (operation === 'rectify' && !Object.keys(input.changes ?? {}).length) return { connector: name, operation, status: 'not_applicable' };
      const change = connector[operation];
      return change ? changeOutcome(name, operation, await change.call(connector, input, context)) : { connector: name, operation, status: 'manual' };
    }
  }
}

/**
 * Turns a Connector into the function the workflows call: loads who the request is
 * about, gives the connector its staging area, runs the operation asked; or, for a
 * breach's communication, finds the people of a list of user ids (./directory.ts). What
 * the connector says is bounded (./outcome.ts), and so is how it fails (./failure.ts).
 *
 * @example export const handler = connectorHandler('forum', myConnector, deps);
 */
export function connectorHandler(name: string, connector: Connector, deps: () => ConnectorDeps, options: { rectifiable?: string[] } = {}) {
  const run = boundingFailures(async (event: ConnectorEvent | DirectoryEvent): Promise<ConnectorOutcome | DirectoryOutcome> => {
    const d = deps();
    if (isDirectoryEvent(event)) return resolveUserIds(name, connector.resolve?.bind(connector), event, d.s3, d.stagingBucket);
    const request = await d.requests.get(event.requestId);
    if (!request) throw new ConnectorError(`request ${event.requestId} not found`);
    const input = connectorRequest(request, event.operation, d.stagingBucket, name, (d.now ?? clock)(), options.rectifiable, event.stepEnteredAt);
    return runOperation(name, connector, input, { staging: new S3Staging(d.s3, d.stagingBucket, input.staging.prefix) });
  });
  function handle(event: ConnectorEvent): Promise<ConnectorOutcome>;
  function handle(event: DirectoryEvent): Promise<DirectoryOutcome>;
  function handle(event: ConnectorEvent | DirectoryEvent): Promise<ConnectorOutcome | DirectoryOutcome> {
    return run(event);
  }
  return handle;
}
