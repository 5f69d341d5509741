/**
 * In-memory adjustments that let aws-local-stepfunctions run the deployed ASL on a
 * simulated clock, leaving the file untouched:
 * - a `.waitForTaskToken` Task gets its timeout as a hidden parameter, so the twin can
 *   enforce it on the simulated clock (the interpreter's own timer runs in real time);
 * - a Wait becomes a Task (same Next/End) whose local handler sleeps on the simulated clock;
 * - `$$.State.EnteredTime` in Parameters becomes a placeholder the twin fills in from its clock
 *   (the same for each Retry attempt, infra/local/entered-time.ts), `$$.State.Name` the state's name.
 * Map iterators and Parallel branches are rewritten too.
 */
export const TIMEOUT_PARAMETER = '__twinTimeoutSeconds';
/** Stands for `$$.State.EnteredTime`, which the interpreter does not provide; the twin fills it in at entry. */
export const ENTERED_TIME = '__twin_state_entered_time__';
export const WAIT_PARAMETER = '__twinWait';
const NO_REAL_TIMEOUT_SECONDS = 2_000_000; // under setTimeout's ceiling; the simulated timeout governs

type Json = Record<string, any>;

export interface RewrittenMachine {
  definition: Json;
  callbackStates: Set<string>;
  waitStates: Set<string>;
}

export function isCallbackTask(state: Json): boolean {
  return state.Type === 'Task' && typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken');
}

export function rewriteForTwin(definition: Json): RewrittenMachine {
  const callbackStates = new Set<string>();
  const waitStates = new Set<string>();
  const visit = (machine: Json): Json => {
    const states: Json = {};
    for (const [name, original] of Object.entries<Json>(machine.States)) {
      let state: Json = { ...original };
      if (state.Parameters) state.Parameters = stampState(state.Parameters, name);
      if (isCallbackTask(state)) {
        callbackStates.add(name);
        const timeout = state.TimeoutSecondsPath ? { [`${TIMEOUT_PARAMETER}.$`]: state.TimeoutSecondsPath } : { [TIMEOUT_PARAMETER]: state.TimeoutSeconds ?? 99_999_999 };
        state.Parameters = { ...state.Parameters, ...timeout };
        delete state.TimeoutSecondsPath;
        state.TimeoutSeconds = NO_REAL_TIMEOUT_SECONDS;
      } else if (state.Type === 'Wait') {
        waitStates.add(name);
        const wait =
          state.Seconds !== undefined ? { seconds: state.Seconds }
          : state.SecondsPath ? { 'seconds.$': state.SecondsPath }
          : state.Timestamp ? { timestamp: state.Timestamp }
          : { 'timestamp.$': state.TimestampPath };
        state = {
          Type: 'Task',
          Comment: state.Comment,
          Resource: `arn:aws:states:::twin:wait`,
          InputPath: state.InputPath,
          Parameters: { [WAIT_PARAMETER]: wait },
          ResultPath: null,
          OutputPath: state.OutputPath,
          TimeoutSeconds: NO_REAL_TIMEOUT_SECONDS,
          ...(state.End ? { End: true } : { Next: state.Next }),
        };
        for (const key of Object.keys(state)) if (state[key] === undefined) delete state[key];
      }
      if (state.Type === 'Map') {
        if (state.Iterator) state.Iterator = visit(state.Iterator);
        if (state.ItemProcessor) state.ItemProcessor = visit(state.ItemProcessor);
      }
      if (state.Type === 'Parallel') state.Branches = state.Branches.map(visit);
      states[name] = state;
    }
    return { ...machine, States: states };
  };
  return { definition: visit(definition), callbackStates, waitStates };
}

/** `$$.State.EnteredTime` becomes the placeholder; `$$.State.Name` the state's name, known here. */
function stampState(value: unknown, name: string): any {
  if (Array.isArray(value)) return value.map((v) => stampState(v, name));
  if (!value || typeof value !== 'object') return value;
  const stamp = ([key, v]: [string, unknown]) => {
    if (key.endsWith('.$') && v === '$$.State.EnteredTime') return [key.slice(0, -2), ENTERED_TIME];
    if (key.endsWith('.$') && v === '$$.State.Name') return [key.slice(0, -2), name];
    return [key, stampState(v, name)];
  };
  return Object.fromEntries(Object.entries(value).map(stamp));
}

/** Replaces `${Placeholder}` in the ASL text, as CloudFormation's DefinitionSubstitutions does. */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (match, name: string) => values[name] ?? match);
}
