import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { Readable } from 'node:stream';
import type { LambdaConnector } from '../declarations.js';
import { clip } from '../../shared/bounds.js';
import type * as z from 'zod/mini';
import { ConnectorError, TransientError, type Connector, type ConnectorRequest, type DirectoryEntry } from '../kit.js';
import { answerTo, lookupAnswer, readAnswer, resolveAnswer, verifyAnswer } from './answers.js';

/**
 * A connector of the platform's own that already runs as a Lambda (`functionArn`): each
 * operation invokes it with the contract's request (who, what, corrected values or
 * purposes) and reads its answer, so the function needs no access to the product's
 * tables. An export answers its files inline (base64), within Lambda's 6 MB response.
 */
export function invokedConnector(declaration: LambdaConnector, lambda: LambdaClient): Connector {
  /** Invokes the function and reads its answer as `schema` says; a ConnectorError names what is wrong. */
  async function invoke<S extends z.ZodMiniType>(request: ConnectorRequest | { operation: 'resolve'; userIds: string[] }, schema: S): Promise<z.output<S>> {
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
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch (cause) {
      throw new ConnectorError(`${declaration.name} answered with invalid JSON`, { cause });
    }
    return readAnswer(declaration.name, request.operation, schema, answer);
  }
  return {
    lookup: (r) => invoke(r, lookupAnswer), // identifiers and retention entries are bounded by the kit
    async export(r, { staging }) {
      const answer = await invoke(r, answerTo.export);
      // Refused before anything is staged, not at the first such file.
      if (answer.files?.some((f) => f.content === undefined)) throw new ConnectorError(`${declaration.name} answered export with a file by address; a function answers its files inline (base64)`);
      const files = [];
      for (const f of answer.files ?? []) files.push(await staging.putStream(f.name, Readable.from([Buffer.from(f.content!, 'base64')]), f.contentType ?? 'application/octet-stream'));
      return { status: answer.status, files, ...(answer.note ? { note: answer.note } : {}) };
    },
    erase: (r) => invoke(r, answerTo.erase),
    verify: (r) => invoke(r, verifyAnswer),
    rectify: (r) => invoke(r, answerTo.rectify),
    restrict: (r) => invoke(r, answerTo.restrict),
    lift: (r) => invoke(r, answerTo.lift),
    ...(declaration.directory
      ? { resolve: async (userIds: string[]) => (await invoke({ operation: 'resolve', userIds }, resolveAnswer)).people as DirectoryEntry[] } // each entry checked and bounded by the directory
      : {}),
  };
}
