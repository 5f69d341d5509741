import { GetObjectCommand } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { Readable } from 'node:stream';
import type { AwsClients } from '../shared/aws.js';
import type { Now } from '../shared/clock.js';
import type { LinkTokenStore } from '../shared/store/link-tokens.js';
import type { RequestStore } from '../shared/store/requests.js';
import { HttpSystem, isExportAnswer, type ExportAnswer } from './builtin/http.js';
import type { HttpConnector } from './declarations.js';
import { connectorRequest, stagingPrefix } from './handler-kit.js';
import { ANSWER_FILE, ConnectorError, type ConnectorOutcome } from './kit.js';
import { linkUrl } from '../shared/tasks.js';
import { secretValue } from './secrets.js';
import { S3Staging, uploadHashed } from './staging.js';

export interface HttpConnectorDeps {
  requests: RequestStore;
  links: LinkTokenStore;
  clients: AwsClients;
  stagingBucket: string;
  publicBaseUrl: string;
  now: Now;
}

export type HttpConnectorEvent =
  | { requestId: string; operation: 'lookup' }
  | { requestId: string; operation: 'export'; taskToken: string; stepEnteredAt: string; linkLifetimeSeconds: number }
  | { requestId: string; operation: 'collect'; callback: { answerKey: string } };

/** Stores an export answer in staging; only its key travels through the workflow (whose payloads are small). */
export async function keepAnswer(clients: AwsClients, bucket: string, requestId: string, system: string, answer: ExportAnswer): Promise<{ answerKey: string }> {
  const answerKey = `${stagingPrefix(requestId, system)}${ANSWER_FILE}`;
  await uploadHashed(clients.s3, bucket, answerKey, Readable.from([Buffer.from(JSON.stringify(answer))]), 'application/json');
  return { answerKey };
}

/**
 * The function the workflow calls for an HTTP system: lookups at once; an export asks the
 * system with a callback address and waits; `collect` stages what the system sent.
 */
export function httpConnectorFunction(declaration: HttpConnector, deps: () => HttpConnectorDeps) {
  return async (event: HttpConnectorEvent): Promise<ConnectorOutcome | void> => {
    const d = deps();
    const system = new HttpSystem(declaration, () => secretValue(d.clients.secrets, declaration.secretName), d.now);
    const request = await d.requests.get(event.requestId);
    if (!request) throw new ConnectorError(`request ${event.requestId} not found`);
    const input = connectorRequest(request, event.operation === 'lookup' ? 'lookup' : 'export', d.stagingBucket, declaration.name);
    const prefix = input.staging.prefix;

    if (event.operation === 'lookup') {
      const found = await system.lookup(input);
      return { connector: declaration.name, operation: 'lookup', status: found.found ? 'done' : 'not_found', ...(found.identifiers ? { identifiers: found.identifiers } : {}) };
    }

    if (event.operation === 'export') {
      const expiresAt = new Date(Date.parse(event.stepEnteredAt) + event.linkLifetimeSeconds * 1000);
      const link = await d.links.issue({ purpose: 'callback', requestId: event.requestId, taskToken: event.taskToken, system: declaration.name, issuedAt: d.now(), expiresAt });
      const callbackUrl = linkUrl(d.publicBaseUrl, 'callbacks', link.token);
      const { status, json } = await system.call({ requestId: event.requestId, operation: 'export', subject: input.subject, callbackUrl });
      if (status === 202) return; // the system answers later, through the callback
      if (!isExportAnswer(json)) throw new ConnectorError(`${declaration.name} answered an export without a valid status and files`);
      // Answered at once: the workflow goes on as if the system had called back.
      await d.links.consume(link.token, 'callback', d.now());
      const kept = await keepAnswer(d.clients, d.stagingBucket, event.requestId, declaration.name, json);
      await d.clients.sfn.send(new SendTaskSuccessCommand({ taskToken: event.taskToken, output: JSON.stringify(kept) }));
      return;
    }

    const stored = await d.clients.s3.send(new GetObjectCommand({ Bucket: d.stagingBucket, Key: event.callback.answerKey }));
    const answer = JSON.parse(await stored.Body!.transformToString()) as ExportAnswer;
    const staging = new S3Staging(d.clients.s3, d.stagingBucket, prefix);
    const result = await system.stage(answer, staging);
    await staging.writeFileList(result.files);
    return {
      connector: declaration.name,
      operation: 'export',
      status: result.status,
      fileCount: result.files.length,
      bytes: result.files.reduce((n, f) => n + f.bytes, 0),
      ...(result.note ? { note: result.note } : {}),
    };
  };
}
