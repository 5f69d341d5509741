import { describe, expect, it } from 'vitest';
import { LocalStepFunctions } from '../../../infra/local/step-functions.js';

/**
 * `$$.State.EnteredTime` in the twin is as on AWS: the same for every Retry attempt of one
 * visit of a state, new for the next visit; `$$.State.Name` is the state's name. The
 * workflow's steps name their side effects by both, so that a retry finds them done.
 */
const asl = JSON.stringify({
  StartAt: 'Step',
  States: {
    Step: {
      Type: 'Task',
      Resource: '${StepFunctionArn}',
      Parameters: { 'stepName.$': '$$.State.Name', 'stepEnteredAt.$': '$$.State.EnteredTime', 'visit.$': '$.visit' },
      ResultPath: null,
      Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Again' }],
      Next: 'Again',
    },
    Again: { Type: 'Choice', Choices: [{ Variable: '$.visit', NumericEquals: 0, Next: 'Second' }], Default: 'Done' },
    Second: { Type: 'Pass', Result: 1, ResultPath: '$.visit', Next: 'Step' },
    Done: { Type: 'Succeed' },
  },
});

const calls: Array<{ stepName: string; stepEnteredAt: string; visit: number }> = [];
/** The first visit fails its first attempt (retried), then fails for good (caught); the second succeeds. */
const sfn = new LocalStepFunctions([
  {
    name: 'steps',
    asl,
    functions: {
      StepFunctionArn: async (input: { stepName: string; stepEnteredAt: string; visit: number }) => {
        calls.push(input);
        await new Promise((r) => setTimeout(r, 5)); // so that a new visit's time differs
        if (input.visit === 0) throw Object.assign(new Error('lost'), { name: calls.length === 1 ? 'TransientError' : 'ConnectorError' });
        return {};
      },
    },
  },
]);
sfn.retryDelayMs = 5;

describe('the twin\'s $$.State', () => {
  it('keeps the entered time across the retries of one visit and gives the next visit its own', async () => {
    const { executionArn } = sfn.startExecution({ stateMachineArn: sfn.arnOf('steps'), input: JSON.stringify({ visit: 0 }) });
    const execution = await sfn.describe(executionArn).done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.map((c) => [c.stepName, c.visit])).toEqual([['Step', 0], ['Step', 0], ['Step', 1]]);
    expect(calls[1].stepEnteredAt).toBe(calls[0].stepEnteredAt);
    expect(calls[2].stepEnteredAt > calls[0].stepEnteredAt).toBe(true);
  });
});
