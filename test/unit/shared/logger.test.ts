import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { logged, logger, redact } from '../../../functions/shared/logger.js';

describe('log redaction', () => {
  it('hides personal fields whatever they hold', () => {
    expect(redact('email', 'ada@example.org')).toBe('[redacted]');
    expect(redact('reason', 'health data')).toBe('[redacted]');
    expect(redact('taskToken', 'AAAA')).toBe('[redacted]');
  });

  it('hides addresses inside any text', () => {
    expect(redact('message', 'could not send to ada.lovelace@example.org today')).toBe('could not send to [email] today');
  });

  it('keeps what is not personal', () => {
    expect(redact('requestId', '37ee16e2')).toBe('37ee16e2');
    expect(redact('count', 3)).toBe(3);
  });
});

describe('a logged Lambda entry', () => {
  const context = { functionName: 'dsr-SendReceipt', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-3:123456789012:function:dsr-SendReceipt', memoryLimitInMB: '512', awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

  /** The log lines `run` writes, parsed. */
  async function linesOf(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return written.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  }

  it('carries the invocation and the request it works on, and nothing else of the event', async () => {
    const requestId = '2f0c3e8a-5b1d-4c6e-9f7a-1b2c3d4e5f60';
    const handler = logged(async (input: { requestId: string; email: string }) => logger.info('receipt sent', { step: 'SendReceipt' }) ?? input.requestId);
    const [line] = await linesOf(() => handler({ requestId, email: 'ada@example.org' }, context));
    expect(line).toMatchObject({ message: 'receipt sent', requestId, function_name: 'dsr-SendReceipt', function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', cold_start: expect.any(Boolean) });
    expect(JSON.stringify(line)).not.toContain('ada@example.org');
    // The next invocation, about no request, does not inherit it.
    const [next] = await linesOf(() => logged(async () => logger.info('digest sent'))({}, context));
    expect(next.requestId).toBeUndefined();
  });

  it('takes only a well-formed request id from the event', async () => {
    const [line] = await linesOf(() => logged(async () => logger.info('step'))({ requestId: 'ada@example.org' }, context));
    expect(line.requestId).toBeUndefined();
  });
});
