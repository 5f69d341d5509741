import type { LambdaClient } from '@aws-sdk/client-lambda';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { invokedConnector } from '../../../functions/connectors/builtin/invoked.js';
import type { ConnectorRequest, Staging } from '../../../functions/connectors/kit.js';

/**
 * A connector that invokes an existing function (`functionArn`, AWS only, where no local
 * Lambda runs): its answers are read with the same schemas as an HTTP system's. The
 * function stands here as what Lambda's Invoke returns.
 */
const answering = (answer: unknown, functionError?: string) =>
  ({ send: async () => ({ Payload: Buffer.from(JSON.stringify(answer)), FunctionError: functionError }) }) as unknown as LambdaClient;
const connector = (answer: unknown, functionError?: string) => invokedConnector({ name: 'crm', title: 'CRM', type: 'lambda', functionArn: 'arn:aws:lambda:eu-west-3:123456789012:function:crm-dsr' }, answering(answer, functionError));
const request = (operation: ConnectorRequest['operation']): ConnectorRequest => ({ requestId: 'r-1', operation, subject: { email: 'ada@example.org' }, staging: { bucket: 'b', prefix: 'p/' }, at: '2026-11-25T10:00:00Z' });

/** Staging that keeps what is written, as text. */
function memoryStaging() {
  const written: Record<string, string> = {};
  const staging = {
    async putStream(name: string, body: NodeJS.ReadableStream, contentType: string) {
      written[name] = await text(body as NodeJS.ReadableStream & AsyncIterable<Buffer>);
      return { key: `p/${name}`, name, contentType, bytes: written[name].length, sha256: '' };
    },
  } as unknown as Staging;
  return { staging, written };
}

describe('a connector invoking an existing function', () => {
  it('reads a lookup and an erasure with their counts', async () => {
    expect(await connector({ found: true, identifiers: { crmId: 7 } }).lookup(request('lookup'), memoryStaging())).toEqual({ found: true, identifiers: { crmId: '7' } });
    expect(await connector({ status: 'done' }).erase!(request('erase'), memoryStaging())).toEqual({ status: 'done', erased: 0 });
  });

  it('stages an export\'s inline files, and refuses files by address', async () => {
    const { staging, written } = memoryStaging();
    const answer = { status: 'done', files: [{ name: 'contact.txt', contentType: 'text/plain', content: Buffer.from('Ada').toString('base64') }] };

    expect(await connector(answer).export(request('export'), { staging })).toMatchObject({ status: 'done', files: [{ name: 'contact.txt' }] });
    expect(written).toEqual({ 'contact.txt': 'Ada' });
    await expect(connector({ status: 'done', files: [{ name: 'a.pdf', url: 'https://crm.example/a.pdf' }] }).export(request('export'), { staging })).rejects.toThrow(/file by address/);
    // Before anything is staged, not at the first such file.
    const mixed = memoryStaging();
    const inline = { name: 'b.txt', content: Buffer.from('Bob').toString('base64') };
    await expect(connector({ status: 'done', files: [inline, { name: 'c.pdf', url: 'https://crm.example/c.pdf' }] }).export(request('export'), { staging: mixed.staging })).rejects.toThrow(/file by address/);
    expect(mixed.written).toEqual({});
  });

  it('names what is wrong in an answer, and keeps the function\'s error to its type', async () => {
    await expect(connector({ found: 'yes' }).lookup(request('lookup'), memoryStaging())).rejects.toThrow('crm answered lookup: found must be true or false');
    await expect(connector({ status: 'finished' }).export(request('export'), memoryStaging())).rejects.toThrow('crm answered export: status must be one of done, not_found, retained, partial');
    await expect(connector({ errorType: 'TypeError', errorMessage: 'ada@example.org not found' }, 'Unhandled').lookup(request('lookup'), memoryStaging())).rejects.toThrow(/^crm failed: TypeError$/);
  });
});
