import { describe, expect, it } from 'vitest';
import { boundedError, boundingFailures, MAX_ERROR_MESSAGE_BYTES } from '../../../functions/connectors/failure.js';
import { ConnectorError, TransientError } from '../../../functions/connectors/kit.js';

const long = 'The system said: jane.doe@example.org '.repeat(150_000); // about 5 MB

describe('boundedError', () => {
  it('cuts a 5 MB message, keeping the name Retry and Catch match', () => {
    // Act
    const transient = boundedError(new TransientError(long));
    const permanent = boundedError(new ConnectorError(long));
    // Assess
    expect(transient.name).toBe('TransientError');
    expect(permanent.name).toBe('ConnectorError');
    expect(Buffer.byteLength(transient.message)).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_BYTES);
    expect(transient.message).toMatch(/ \[…\]$/);
    expect(transient.stack!.length).toBeLessThan(MAX_ERROR_MESSAGE_BYTES + 11 * 300);
    expect(transient.stack).toMatch(/^TransientError: The system said/);
  });

  it('turns a name no Retry could match, or one of Step Functions\' own, into a ConnectorError', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    expect(boundedError(named('x'.repeat(5_000_000))).name).toBe('ConnectorError');
    expect(boundedError(named('States.DataLimitExceeded')).name).toBe('ConnectorError');
    expect(boundedError(named('not a name')).name).toBe('ConnectorError');
    expect(boundedError(named('ThrottlingException')).name).toBe('ThrottlingException');
    expect(boundedError(long).name).toBe('ConnectorError');
    expect(Buffer.byteLength(boundedError(long).message)).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_BYTES);
    expect(boundedError({ huge: long }).message).toBe('a connector failed with something other than an error');
  });

  it('leaves a short message as it was, without its cause', () => {
    const error = boundedError(new ConnectorError('grades refused the call (403)', { cause: new Error(long) }));
    expect(error.message).toBe('grades refused the call (403)');
    expect(error.cause).toBeUndefined();
  });
});

describe('boundingFailures', () => {
  it('keeps the innermost frames of a deep stack: where it was thrown', () => {
    const deep = (n: number): never => (n ? deep(n - 1) : throwHere());
    const throwHere = (): never => {
      throw new Error('failed');
    };
    let caught: unknown;
    try {
      deep(30);
    } catch (error) {
      caught = error;
    }
    expect(boundedError(caught).stack!.split('\n')[1]).toContain('throwHere');
  });

  it('passes answers through and throws failures bounded', async () => {
    const answers = boundingFailures(async (n: number) => n * 2);
    const fails = boundingFailures(async (_n: number) => {
      throw new TransientError(long);
    });
    await expect(answers(21)).resolves.toBe(42);
    const error = await fails(1).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'TransientError' });
    expect(Buffer.byteLength((error as Error).message)).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_BYTES);
  });
});
