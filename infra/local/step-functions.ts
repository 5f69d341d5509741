import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { sleepUntil } from './simulated-time.js';
import { jsonBytes } from '../../functions/shared/bounds.js';
import { now } from '../../functions/shared/clock.js';
import { EnteredTimes } from './entered-time.js';
import { ENTERED_TIME, isCallbackTask, rewriteForTwin, substitute, TIMEOUT_PARAMETER, WAIT_PARAMETER } from './asl-rewrite.js';

// aws-local-stepfunctions needs Promise.withResolvers (Node 22); the twin also runs on Node 20.
(Promise as any).withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
};

/** A function the workflow may call: the same logic a Lambda runs, in this process. */
export type LocalFunction = (payload: any) => Promise<unknown>;

const TOKEN_PLACEHOLDER = '__twin_task_token__';

/** Step Functions' largest payload (UTF-8 bytes): a state's input or output, a task's result. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
const MAX_ERROR_NAME = 256;
const MAX_CAUSE = 32_768;

/**
 * A payload over MAX_PAYLOAD_BYTES: as on AWS, no Retry or Catch handles it (States.ALL
 * does not match it) and the execution fails. The interpreter honours these two flags.
 */
class DataLimitExceeded extends Error {
  readonly isCatchable = false;
  readonly isRetryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'States.DataLimitExceeded';
  }
}

/** Throws DataLimitExceeded when `value` is larger than Step Functions takes. */
function withinLimit<T>(value: T, what: () => string): T {
  if (jsonBytes(value) > MAX_PAYLOAD_BYTES) throw new DataLimitExceeded(what());
  return value;
}

/** An error Step Functions' API answers with; the SDK surfaces `name` as the error's name. */
export class SfnApiError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** State names in the order they were entered. */
  states: string[];
  /** The largest input or output of a state so far (UTF-8 bytes of its JSON), against MAX_PAYLOAD_BYTES. */
  largestStateBytes: number;
  done: Promise<Execution>;
  abort: () => void;
}

type Overrides = Record<string, (input: any) => Promise<unknown>>;

interface PendingTask {
  executionArn: string;
  state: 'waiting' | 'done' | 'timed_out';
  timeout: AbortController;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

export interface MachineSpec {
  name: string;
  /** The ASL text as in statemachines/, with `${Placeholder}`s. */
  asl: string;
  /** `${Placeholder}` → the local function standing for that Lambda. */
  functions: Record<string, LocalFunction>;
  /** Functions the machine names at run time (`FunctionName.$`), by ARN: the data systems' connectors. */
  invocable?: Record<string, LocalFunction>;
}

/** Fills in the placeholders the rewrite left for what the interpreter cannot provide. */
function fillIn(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string' && value in values) return values[value];
  if (Array.isArray(value)) return value.map((v) => fillIn(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillIn(v, values)]));
  return value;
}

const lambdaArn = (placeholder: string) => localFunctionArn(placeholder.replace(/FunctionArn$/, ''));

/** The ARN the twin gives a local function. */
export const localFunctionArn = (name: string) => `arn:aws:lambda:local:000000000000:function:${name}`;

/**
 * A local Step Functions: runs the deployed ASL with aws-local-stepfunctions, the Lambda
 * tasks as local functions, callbacks (`.waitForTaskToken`) resumed through the same API
 * calls handlers make on AWS, and timeouts and Waits on the simulated clock.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, { machine: StateMachine; overridesFor: (executionArn: string) => Overrides; tasks: string[] }>();
  private readonly executions = new Map<string, Execution>();
  private readonly tasks = new Map<string, PendingTask>();
  private server?: Server;
  /** Called on every state entered; the twin prints them. */
  onState?: (execution: Execution, state: string) => void;
  /** Called when a state fails (before any Retry or Catch). */
  onStateFailed?: (execution: Execution, state: string, error: string) => void;
  /**
   * Wraps each invocation of a Lambda by a Task state (`invoke` runs it): tests make a step
   * fail after its function did its work, as when Lambda loses the answer, to see its retry.
   */
  interceptInvoke?: (state: string, invoke: () => Promise<unknown>, payload: unknown) => Promise<unknown>;
  /** The pause before each Retry attempt, in place of the ASL's back-off (real time): tests that retry many steps. */
  retryDelayMs?: number;

  constructor(specs: MachineSpec[]) {
    for (const spec of specs) this.register(spec);
  }

  arnOf(name: string): string {
    return `arn:aws:states:local:000000000000:stateMachine:${name}`;
  }

  private register(spec: MachineSpec): void {
    const arns = Object.fromEntries(Object.keys(spec.functions).map((p) => [p, lambdaArn(p)]));
    const byArn = new Map([...Object.entries(spec.functions).map(([p, fn]) => [lambdaArn(p), fn] as const), ...Object.entries(spec.invocable ?? {})]);
    const parsed = JSON.parse(substitute(spec.asl, arns)) as Record<string, any>;
    const { definition } = rewriteForTwin(parsed);
    // Overrides are made per execution, so a callback knows which execution it belongs to.
    const makers: Record<string, (executionArn: string) => (input: any) => Promise<unknown>> = {};

    const visit = (machine: Record<string, any>, original: Record<string, any>) => {
      for (const [name, state] of Object.entries<any>(machine.States)) {
        const before = original.States[name];
        if (state.Type === 'Map') visit(state.ItemProcessor ?? state.Iterator, before.ItemProcessor ?? before.Iterator);
        if (state.Type === 'Parallel') state.Branches.forEach((b: any, i: number) => visit(b, before.Branches[i]));
        if (state.Type !== 'Task') continue;
        type Attempt = (input: any, enteredAt: string) => Promise<unknown>;
        const entered = (input: unknown, at: string) => fillIn(input, { [ENTERED_TIME]: at }) as any;
        let make: (executionArn: string) => Attempt;
        if (before.Type === 'Wait') {
          make = () => (input) => this.wait(input[WAIT_PARAMETER]);
        } else if (isCallbackTask(state)) {
          make = (executionArn) => (input, at) => this.callback(executionArn, name, byArn, entered(input, at));
        } else if (state.Resource === 'arn:aws:states:::lambda:invoke') {
          make = () => async (input, at) => ({ StatusCode: 200, Payload: await this.invoke(byArn, input.FunctionName, entered(input, at).Payload, name) });
        } else {
          make = () => (input, at) => this.invoke(byArn, state.Resource, entered(input, at), name);
        }
        // The task's input (after Parameters) and its result stay within Step Functions' limit, as on AWS.
        makers[name] = (executionArn) => {
          const run = make(executionArn);
          const visits = new EnteredTimes(state.Retry);
          return (input) =>
            visits.attempt(input, now, async (at) => {
              withinLimit(input, () => `The state/task '${name}' has an input with a size exceeding the maximum number of bytes service limit.`);
              return withinLimit(await run(input, at), () => `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
            });
        };
      }
    };
    visit(definition, parsed);
    const machine = new StateMachine(definition as StateMachineDefinition, { validationOptions: { checkPaths: false, checkArn: false } });
    const overridesFor = (executionArn: string) => Object.fromEntries(Object.entries(makers).map(([name, make]) => [name, make(executionArn)]));
    this.machines.set(this.arnOf(spec.name), { machine, overridesFor, tasks: Object.keys(makers) });
  }

  private async invoke(byArn: Map<string, LocalFunction>, arn: string, payload: unknown, state: string): Promise<unknown> {
    const fn = byArn.get(arn);
    if (!fn) throw new SfnApiError('Lambda.ResourceNotFoundException', `no local function for ${arn}`);
    // A JSON round trip, as Lambda's: no shared objects between the workflow and the function.
    const call = async () => {
      const result = await fn(JSON.parse(JSON.stringify(payload ?? null)));
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    };
    return this.interceptInvoke ? this.interceptInvoke(state, call, payload) : call();
  }

  private async callback(executionArn: string, state: string, byArn: Map<string, LocalFunction>, input: any): Promise<unknown> {
    const { [TIMEOUT_PARAMETER]: timeoutSeconds, ...parameters } = input;
    const token = randomBytes(48).toString('base64url');
    const timeout = new AbortController();
    const outcome = new Promise<unknown>((resolve, reject) => this.tasks.set(token, { executionArn, state: 'waiting', timeout, resolve, reject }));
    outcome.catch(() => undefined); // awaited below, unless the invoke itself fails first
    const deadline = new Date(now().getTime() + Number(timeoutSeconds) * 1000); // the step entered just now
    const timer = sleepUntil(deadline, timeout.signal).then(() => {
      const task = this.tasks.get(token);
      if (task?.state !== 'waiting') return;
      task.state = 'timed_out';
      const error = new Error('States.Timeout');
      error.name = 'States.Timeout';
      task.reject(error);
    }, () => undefined);
    try {
      const withToken = fillIn(parameters, { [TOKEN_PLACEHOLDER]: token }) as any;
      await this.invoke(byArn, withToken.FunctionName, withToken.Payload, state);
      return await outcome;
    } finally {
      timeout.abort();
      await timer;
      const task = this.tasks.get(token);
      if (task?.state === 'waiting') task.state = 'done';
    }
  }

  private async wait(spec: { seconds?: number; timestamp?: string }): Promise<null> {
    const until = spec.timestamp !== undefined ? new Date(spec.timestamp) : new Date(now().getTime() + Number(spec.seconds) * 1000);
    await sleepUntil(until);
    return null;
  }

  // --- the Step Functions API -------------------------------------------------------

  startExecution(params: { stateMachineArn: string; name?: string; input?: string }): { executionArn: string; startDate: Date } {
    const entry = this.machines.get(params.stateMachineArn);
    if (!entry) throw new SfnApiError('StateMachineDoesNotExist', `State machine does not exist: ${params.stateMachineArn}`);
    const name = params.name ?? randomUUID();
    const executionArn = `${params.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const input = params.input ?? '{}';
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return { executionArn, startDate: existing.startDate };
      throw new SfnApiError('ExecutionAlreadyExists', `Execution already exists: ${executionArn}`);
    }
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', 'Execution input is not valid JSON');
    }
    const run = entry.machine.run(parsedInput as any, {
      overrides: {
        taskResourceLocalHandlers: entry.overridesFor(executionArn) as any,
        ...(this.retryDelayMs !== undefined ? { retryIntervalOverrides: Object.fromEntries(entry.tasks.map((name) => [name, this.retryDelayMs!])) } : {}),
      },
      context: { Task: { Token: TOKEN_PLACEHOLDER } } as any,
      noThrowOnAbort: true,
    });
    const execution: Execution = {
      executionArn,
      stateMachineArn: params.stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: now(),
      states: [],
      largestStateBytes: jsonBytes(parsedInput),
      abort: run.abort,
      done: undefined as unknown as Promise<Execution>,
    };
    this.executions.set(executionArn, execution);
    // The events are read to their end before the execution's status is set: a state found too large fails it.
    const watched = (async () => {
      for await (const event of run.eventLogs as AsyncGenerator<any>) {
        if (event.type === 'StateEntered') {
          execution.states.push(event.state.name);
          this.onState?.(execution, event.state.name);
        }
        if (event.type === 'StateFailed') this.onStateFailed?.(execution, event.state.name, `${event.Error}: ${event.Cause}`);
        if (event.type === 'StateExited') {
          // A state's output (a Map's results, a Catch's error merged in) has the same limit as a task's.
          const bytes = jsonBytes(event.state.output);
          execution.largestStateBytes = Math.max(execution.largestStateBytes, bytes);
          if (bytes > MAX_PAYLOAD_BYTES) this.end(execution, 'FAILED', 'States.DataLimitExceeded', `The state/task '${event.state.name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
        }
      }
    })().catch(() => undefined);
    execution.done = run.result.then(
      async (output) => {
        await watched;
        if (execution.status === 'RUNNING') Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(output) });
        execution.stopDate = now();
        return execution;
      },
      async (error: any) => {
        await watched;
        const cause = error?.cause ?? error;
        if (execution.status === 'RUNNING') Object.assign(execution, { status: 'FAILED', error: cause?.name ?? 'Error', cause: cause?.message ?? String(error) });
        execution.stopDate = now();
        return execution;
      },
    );
    return { executionArn, startDate: execution.startDate };
  }

  sendTaskSuccess(params: { taskToken: string; output: string }): void {
    if (Buffer.byteLength(params.output ?? '') > MAX_PAYLOAD_BYTES) throw new SfnApiError('ValidationException', `1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`);
    let output: unknown;
    try {
      output = JSON.parse(params.output);
    } catch {
      throw new SfnApiError('InvalidOutput', 'Task output is not valid JSON');
    }
    this.waitingTask(params.taskToken).resolve(output);
    this.tasks.get(params.taskToken)!.state = 'done';
  }

  sendTaskFailure(params: { taskToken: string; error?: string; cause?: string }): void {
    if ((params.error ?? '').length > MAX_ERROR_NAME || (params.cause ?? '').length > MAX_CAUSE) throw new SfnApiError('ValidationException', `1 validation error detected: 'error' must be at most ${MAX_ERROR_NAME} characters and 'cause' at most ${MAX_CAUSE}`);
    const error = new Error(params.cause ?? '');
    error.name = params.error ?? 'TaskFailed';
    this.waitingTask(params.taskToken).reject(error);
    this.tasks.get(params.taskToken)!.state = 'done';
  }

  sendTaskHeartbeat(params: { taskToken: string }): void {
    this.waitingTask(params.taskToken);
  }

  private waitingTask(taskToken: string): PendingTask {
    const task = this.tasks.get(taskToken);
    if (!task) throw new SfnApiError(/^[A-Za-z0-9_-]{64}$/.test(taskToken ?? '') ? 'TaskDoesNotExist' : 'InvalidToken', 'Invalid or unknown task token');
    if (task.state === 'timed_out') throw new SfnApiError('TaskTimedOut', 'Task Timed Out');
    if (task.state === 'done') throw new SfnApiError('TaskDoesNotExist', 'Task already completed');
    return task;
  }

  stopExecution(params: { executionArn: string; error?: string; cause?: string }): { stopDate: Date } {
    const execution = this.describe(params.executionArn);
    this.end(execution, 'ABORTED', params.error, params.cause);
    return { stopDate: execution.stopDate ?? now() };
  }

  /** Ends a running execution from outside the interpreter: stopped, or failed on a payload too large. */
  private end(execution: Execution, status: 'ABORTED' | 'FAILED', error?: string, cause?: string): void {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, error, cause, stopDate: now() });
    execution.abort();
    for (const task of this.tasks.values()) if (task.executionArn === execution.executionArn) this.settle(task);
  }

  describe(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new SfnApiError('ExecutionDoesNotExist', `Execution does not exist: ${executionArn}`);
    return execution;
  }

  list(): Execution[] {
    return [...this.executions.values()];
  }

  // --- the HTTP endpoint the AWS SDK talks to ----------------------------------------

  /** Serves the AWS JSON 1.0 protocol on loopback, for handlers' SFNClient. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const operations: Record<string, (body: any) => unknown> = {
      StartExecution: (b) => {
        const r = this.startExecution(b);
        return { executionArn: r.executionArn, startDate: r.startDate.getTime() / 1000 };
      },
      SendTaskSuccess: (b) => (this.sendTaskSuccess(b), {}),
      SendTaskFailure: (b) => (this.sendTaskFailure(b), {}),
      SendTaskHeartbeat: (b) => (this.sendTaskHeartbeat(b), {}),
      StopExecution: (b) => ({ stopDate: this.stopExecution(b).stopDate.getTime() / 1000 }),
      DescribeExecution: (b) => {
        const e = this.describe(b.executionArn);
        return {
          executionArn: e.executionArn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: e.startDate.getTime() / 1000,
          ...(e.stopDate ? { stopDate: e.stopDate.getTime() / 1000 } : {}),
          input: e.input,
          ...(e.output ? { output: e.output } : {}),
          ...(e.error ? { error: e.error, cause: e.cause } : {}),
        };
      },
    };
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
          res.end(JSON.stringify(body));
        };
        try {
          const handler = operations[operation];
          if (!handler) return answer(400, { __type: 'UnknownOperationException', message: `The twin does not implement ${operation}` });
          answer(200, handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
        } catch (error) {
          const e = error as Error;
          answer(400, { __type: `com.amazonaws.swf.service.model.v20120125#${e.name}`, message: e.message });
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    return `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  /** Ends a waiting task without resuming it: its execution is gone. */
  private settle(task: PendingTask): void {
    if (task.state === 'waiting') task.state = 'done';
    task.timeout.abort();
  }

  async close(): Promise<void> {
    for (const execution of this.executions.values()) if (execution.status === 'RUNNING') execution.abort();
    for (const task of this.tasks.values()) this.settle(task);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
