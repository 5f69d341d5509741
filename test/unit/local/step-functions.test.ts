import { describe, expect, it } from 'vitest';
import { LocalStepFunctions, MAX_PAYLOAD_BYTES } from '../../../infra/local/step-functions.js';

/**
 * The twin's Step Functions holds payloads to AWS's limit (256 KB): a task's input or
 * result, or a state's output, past it fails the execution with States.DataLimitExceeded,
 * which no Retry or Catch handles. A green twin is then a workflow that fits on AWS.
 */
const asl = JSON.stringify({
  StartAt: 'Answer',
  States: {
    Answer: {
      Type: 'Task',
      Resource: '${AnswerFunctionArn}',
      Parameters: { 'size.$': '$.size', 'fail.$': '$.fail', 'blob.$': '$.blob' },
      ResultPath: '$.answer',
      TimeoutSeconds: 10,
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Caught' }],
      Next: 'Answered',
    },
    Caught: { Type: 'Pass', Parameters: { 'error.$': '$.failure.Error' }, End: true },
    Answered: { Type: 'Succeed' },
  },
});

let calls = 0;
const sfn = new LocalStepFunctions([
  {
    name: 'limits',
    asl,
    functions: {
      AnswerFunctionArn: async ({ size, fail }: { size: number; fail: boolean }) => {
        calls++;
        if (fail) throw Object.assign(new Error('x'.repeat(size)), { name: 'ConnectorError' });
        return { text: 'x'.repeat(size) };
      },
    },
  },
]);

async function run(input: { size: number; fail?: boolean; blob?: string }) {
  calls = 0;
  const { executionArn } = sfn.startExecution({ stateMachineArn: sfn.arnOf('limits'), input: JSON.stringify({ fail: false, blob: '', ...input }) });
  return sfn.describe(executionArn).done;
}

describe('the twin\'s payload limit', () => {
  it('lets a task answer up to 256 KB and tracks the largest state', async () => {
    const execution = await run({ size: 200_000 });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.largestStateBytes).toBeGreaterThan(200_000);
    expect(execution.largestStateBytes).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
  });

  it('fails the execution on a larger result, past its Retry and Catch', async () => {
    const execution = await run({ size: 300_000 });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(execution.cause).toContain("'Answer' returned a result with a size exceeding");
    expect(execution.states).not.toContain('Caught');
    expect(calls).toBe(1);
  });

  it('fails it on a task input over the limit, before calling the function', async () => {
    const execution = await run({ size: 1, blob: 'x'.repeat(300_000) });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(calls).toBe(0);
  });

  it('fails it when a caught error\'s cause makes the state too large', async () => {
    const execution = await run({ size: 300_000, fail: true });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(execution.cause).toContain("'Answer'");
  });

  it('catches an error whose cause fits, as before', async () => {
    const execution = await run({ size: 100, fail: true });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ error: 'ConnectorError' });
  });

  it('refuses a callback\'s output over the limit, as the API does', () => {
    expect(() => sfn.sendTaskSuccess({ taskToken: 'any', output: JSON.stringify('x'.repeat(MAX_PAYLOAD_BYTES)) })).toThrow(expect.objectContaining({ name: 'ValidationException' }));
    expect(() => sfn.sendTaskFailure({ taskToken: 'any', error: 'E', cause: 'x'.repeat(40_000) })).toThrow(expect.objectContaining({ name: 'ValidationException' }));
  });
});
