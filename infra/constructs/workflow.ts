import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.js';

export interface WorkflowProps {
  /** statemachines/*.asl.json, relative to the repository root. */
  definitionFile: string;
  /** `${Placeholder}` → the function whose ARN replaces it; the machine may invoke each. */
  functions: Record<string, lambda.IFunction>;
  /** Functions the definition names at run time (`FunctionName.$`): the data systems' connectors. */
  invocable?: lambda.IFunction[];
  stateMachineName: string;
}

/**
 * A Standard state machine loaded from an ASL file, the same file the local twin runs.
 * The definition stays inline in the template (not an S3 asset) so that tests can read it.
 */
export class WorkflowFromFile extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const definition = readFileSync(join(ROOT, props.definitionFile), 'utf8');
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.SIX_MONTHS });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(definition),
      definitionSubstitutions: Object.fromEntries(Object.entries(props.functions).map(([placeholder, fn]) => [placeholder, fn.functionArn])),
      tracingEnabled: true,
      // Execution data holds request ids and decisions, never addresses; still, keep it out of the logs.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    for (const fn of [...Object.values(props.functions), ...(props.invocable ?? [])]) {
      this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
    }
  }
}
