import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { Readable } from 'node:stream';
import type { AwsClients } from '../shared/aws.js';
import type { Now } from '../shared/clock.js';
import type { LinkTokenStore } from '../shared/store/link-tokens.js';
import type { RequestStore } from '../shared/store/requests.js';
import { linkUrl } from '../shared/tasks.js';
import { answerTo, type AsyncOperation } from './builtin/answers.js';
import { HttpSystem } from './builtin/http.js';
import type { HttpConnector } from './declarations.js';
import { isDirectoryEvent, resolveUserIds, type DirectoryEvent, type DirectoryOutcome } from './directory.js';
import { boundingFailures } from './failure.js';
import { connectorRequest, runOperation, stagingPrefix } from './handler-kit.js';
import { ANSWER_FILE, ConnectorError, type Connector, type ConnectorOutcome, type Operation } from './kit.js';
import { secretValue } from './secrets.js';
import { S3Staging, uploadHashed } from './staging.js';

export interface HttpConnectorDeps {
  requests: RequestStore;
  links: LinkTokenStore;
  clients: Pick<AwsClients, 's3' | 'sfn' | 'secrets'>;
  stagingBucket: string;
  publicBaseUrl: string;
  now: Now;
}

export type HttpConnectorEvent =
  | { requestId: string; operation: 'lookup' | 'verify'; stepEnteredAt?: string }
  | { requestId: string; operation: AsyncOperation; taskToken: string; stepEnteredAt: string; linkLifetimeSeconds: number }
  | { requestId: string; operation: 'collect'; of?: AsyncOperation; callback: { answerKey: string } };

/** Where a system's answer is kept in staging. */
export const answerKeyOf = (requestId: string, system: string): string => `${stagingPrefix(requestId, system)}${ANSWER_FILE}`;

/** Stores a system's answer in staging; only its key travels through the workflow (whose payloads are small). */
export async function keepAnswer(s3: S3Client, bucket: string, requestId: string, system: string, answer: unknown): Promise<{ answerKey: string }> {
  const answerKey = answerKeyOf(requestId, system);
  await uploadHashed(s3, bucket, answerKey, Readable.from([Buffer.from(JSON.stringify(answer))]), 'application/json');
  return { answerKey };
}

/**
 * The function the workflow calls for an HTTP system. Lookups and verifications are
 * answered at once. Exports and changes (erase, rectify, restrict, lift) are sent with a
 * callback address, and the step waits: the system answers at once (200) or later through
 * the callback (202); `collect` then reads the answer kept in staging.
 */
export function httpConnectorFunction(declaration: HttpConnector, deps: () => HttpConnectorDeps) {
  return boundingFailures(async (event: HttpConnectorEvent | DirectoryEvent): Promise<ConnectorOutcome | DirectoryOutcome | void> => {
    const d = deps();
    const system = new HttpSystem(declaration, () => secretValue(d.clients.secrets, declaration.secretName));
    if (isDirectoryEvent(event)) return resolveUserIds(declaration.name, declaration.directory ? (ids) => system.resolve(ids) : undefined, event, d.clients.s3, d.stagingBucket);
    const request = await d.requests.get(event.requestId);
    if (!request) throw new ConnectorError(`request ${event.requestId} not found`);
    const operation: Operation = event.operation === 'collect' ? (event.of ?? 'export') : event.operation;
    const input = connectorRequest(request, operation, d.stagingBucket, declaration.name, d.now(), declaration.rectify?.attributes ?? [], 'stepEnteredAt' in event ? event.stepEnteredAt : undefined);
    const staging = new S3Staging(d.clients.s3, d.stagingBucket, input.staging.prefix);

    if (event.operation === 'lookup' || event.operation === 'verify') {
      const asks: Connector = { lookup: (r) => system.lookup(r), export: () => Promise.reject(new Error('not here')), verify: (r) => system.verify(r) };
      return runOperation(declaration.name, asks, input, { staging });
    }

    if (event.operation !== 'collect') {
      const call = event as Extract<HttpConnectorEvent, { taskToken: string }>;
      const expiresAt = new Date(Date.parse(call.stepEnteredAt) + call.linkLifetimeSeconds * 1000);
      const link = await d.links.issue({ purpose: 'callback', requestId: event.requestId, taskToken: call.taskToken, system: declaration.name, operation: call.operation, issuedAt: d.now(), expiresAt });
      const { status, json } = await system.call(system.body(input, { callbackUrl: linkUrl(d.publicBaseUrl, 'callbacks', link.token) }));
      if (status === 202) return; // the system answers later, through the callback
      const answer = system.answer(answerTo[call.operation], json, call.operation);
      // Answered at once: the workflow goes on as if the system had called back.
      await d.links.consume(link.token, 'callback', d.now());
      const kept = await keepAnswer(d.clients.s3, d.stagingBucket, event.requestId, declaration.name, answer);
      await d.clients.sfn.send(new SendTaskSuccessCommand({ taskToken: call.taskToken, output: JSON.stringify(kept) }));
      return;
    }

    const stored = await d.clients.s3.send(new GetObjectCommand({ Bucket: d.stagingBucket, Key: event.callback.answerKey }));
    const kept = JSON.parse(await stored.Body!.transformToString());
    // What the system said (checked when it came, read again for its type) is the connector's result; an export's files are fetched into staging.
    const said: Connector = {
      lookup: () => Promise.reject(new Error('not here')),
      export: () => system.stage(system.answer(answerTo.export, kept, 'export'), staging),
      erase: async () => system.answer(answerTo.erase, kept, 'erase'),
      rectify: async () => system.answer(answerTo.rectify, kept, 'rectify'),
      restrict: async () => system.answer(answerTo.restrict, kept, 'restrict'),
      lift: async () => system.answer(answerTo.lift, kept, 'lift'),
    };
    // The answer stays in staging until the request's staging area goes (after the archive, or with the receipt).
    return runOperation(declaration.name, said, input, { staging });
  });
}
