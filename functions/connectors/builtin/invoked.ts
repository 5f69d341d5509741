import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { Readable } from 'node:stream';
import type { LambdaConnector } from '../declarations.js';
import { clip } from '../../shared/bounds.js';
import { ConnectorError, MAX_ANSWER_FILES, TransientError, type Connector, type ConnectorRequest, type DirectoryEntry, type LookupResult } from '../kit.js';

/**
 * A connector of the platform's own that already runs as a Lambda (`functionArn`): each
 * operation invokes it with the contract's request (who, what, corrected values or
 * purposes) and reads its answer, so the function needs no access to the product's
 * tables. An export answers its files inline (base64), within Lambda's 6 MB response.
 */
export function invokedConnector(declaration: LambdaConnector, lambda: LambdaClient): Connector {
  async function invoke<T>(request: ConnectorRequest | { operation: 'resolve'; userIds: string[] }): Promise<T> {
    const { staging: _staging, ...payload } = request as ConnectorRequest;
    let result;
    try {
      result = await lambda.send(new InvokeCommand({ FunctionName: declaration.functionArn, Payload: Buffer.from(JSON.stringify(payload)) }));
    } catch (cause) {
      throw new TransientError(`${declaration.name} could not be invoked`, { cause });
    }
    const text = Buffer.from(result.Payload ?? []).toString('utf8');
    if (result.FunctionError) {
      const error = (() => { try { return JSON.parse(text) as { errorType?: string; errorMessage?: string }; } catch { return {}; } })();
      // The function's own error type, as short as a name: its message stays in its own log.
      const message = `${declaration.name} failed: ${clip(error.errorType, 80) ?? result.FunctionError}`;
      throw error.errorType === 'TransientError' ? new TransientError(message) : new ConnectorError(message);
    }
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ConnectorError(`${declaration.name} answered with invalid JSON`, { cause });
    }
  }
  return {
    async lookup(r) {
      const answer = await invoke<LookupResult>(r);
      if (typeof answer?.found !== 'boolean') throw new ConnectorError(`${declaration.name} answered a lookup without "found"`);
      return answer; // identifiers and retention entries are bounded by the kit
    },
    async export(r, { staging }) {
      const answer = await invoke<{ status: 'done' | 'not_found' | 'retained' | 'partial'; files?: Array<{ name: string; contentType?: string; content: string }>; note?: string }>(r);
      const valid = ['done', 'not_found', 'retained', 'partial'].includes(answer?.status) && (answer.files === undefined || (Array.isArray(answer.files) && answer.files.length <= MAX_ANSWER_FILES && answer.files.every((f) => typeof f?.name === 'string' && typeof f.content === 'string')));
      if (!valid) throw new ConnectorError(`${declaration.name} answered an export without a valid status and inline files (at most ${MAX_ANSWER_FILES})`);
      const files = [];
      for (const f of answer.files ?? []) files.push(await staging.putStream(f.name, Readable.from([Buffer.from(f.content ?? '', 'base64')]), f.contentType ?? 'application/octet-stream'));
      return { status: answer.status, files, ...(answer.note ? { note: answer.note } : {}) };
    },
    erase: (r) => invoke(r),
    verify: (r) => invoke(r),
    rectify: (r) => invoke(r),
    restrict: (r) => invoke(r),
    lift: (r) => invoke(r),
    ...(declaration.directory
      ? {
          async resolve(userIds: string[]) {
            const answer = await invoke<{ people?: DirectoryEntry[] }>({ operation: 'resolve', userIds });
            if (!Array.isArray(answer?.people)) throw new ConnectorError(`${declaration.name} answered a resolve without "people"`);
            return answer.people;
          },
        }
      : {}),
  };
}
