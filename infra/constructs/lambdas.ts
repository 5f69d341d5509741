import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { ALIASES, BUNDLING, bundledDefine } from '../bundling.js';
import { FUNCTIONS, type BucketPrefix, type FunctionName, type TableAccess } from '../functions.js';
import { ROOT } from '../paths.js';
import { TABLES } from '../tables.js';
import { grantItems, grantKey, grantPrefix, type DataStores } from './data.js';

/**
 * A Node.js Lambda bundled by esbuild, traced, with an explicit role (instead of
 * AWSLambdaBasicExecutionRole) that may write to its own log group only. The bundle holds
 * the AWS SDK clients its code uses, at the versions of package-lock.json, tree-shaken and
 * minified: nothing is left to the SDK the runtime happens to ship.
 */
export function nodeFunction(
  scope: Construct,
  id: string,
  props: {
    entry: string;
    description: string;
    environment: Record<string, string>;
    memorySize?: number;
    timeout?: Duration;
    /** Variables written into the bundle rather than the environment (4 KB on Lambda): the holidays, the deployment's lists. */
    bundled?: Record<string, string>;
    /** A log group shared with other functions of its kind (the connectors'), instead of one of its own. */
    logGroup?: logs.ILogGroup;
    functionName?: string;
    reservedConcurrentExecutions?: number;
  },
): NodejsFunction {
  const logGroup = props.logGroup ?? new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.THREE_MONTHS });
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  return new NodejsFunction(scope, id, {
    entry: join(ROOT, props.entry),
    handler: 'handler',
    description: props.description,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    functionName: props.functionName,
    memorySize: props.memorySize ?? 512,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    timeout: props.timeout ?? Duration.seconds(20),
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    role,
    environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'dsr-workflow' },
    projectRoot: ROOT,
    depsLockFilePath: join(ROOT, 'package-lock.json'),
    bundling: {
      // The pinned SDK, in the bundle (NodejsFunction leaves `@aws-sdk/*` to the runtime's by default).
      bundleAwsSDK: true,
      format: OutputFormat.ESM,
      ...BUNDLING,
      // No source map: the logs carry errors' names and messages, not stack traces, and a map
      // would double the package and be parsed at every cold start (class and function names are kept).
      esbuildArgs: Object.fromEntries(Object.entries(ALIASES).map(([name, path]) => [`--alias:${name}`, path])),
      // The controller's holidays and the deployment's lists, resolved at synth, written into the bundle
      // (functions/shared/holidays.ts, functions/shared/config.ts): they need no room in the environment.
      define: bundledDefine(props.bundled ?? {}),
    },
  });
}

export interface LambdasProps {
  data: DataStores;
  environment: Record<string, string>;
  senderEmail: string;
  /** Written into every bundle: the controller's public holidays, resolved (`DSR_HOLIDAY_DATES`), and the deployment's lists (infra/settings.ts `deploymentLists`). */
  bundled: Record<string, string>;
  /** Shared secrets, for the functions that check or make signatures: the HTTP systems' and the HTTP recipients'. */
  secrets: { systems: secretsmanager.ISecret[]; recipients: secretsmanager.ISecret[] };
}

/**
 * One Node.js Lambda per entry of infra/functions.ts, bundled by esbuild, each granted
 * exactly the table access, email sending and workflow calls its entry declares.
 */
export class Lambdas extends Construct {
  readonly byName = {} as Record<FunctionName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: LambdasProps) {
    super(scope, id);
    const { data } = props;
    const { region, account } = Stack.of(this);
    const senderDomain = props.senderEmail.split('@')[1];
    const sendEmail = new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      // The sender may be verified as an address or through its domain.
      resources: [`arn:aws:ses:${region}:${account}:identity/${props.senderEmail}`, `arn:aws:ses:${region}:${account}:identity/${senderDomain}`],
    });

    for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
      const long = 'long' in spec && spec.long;
      const fn = nodeFunction(this, name, {
        entry: spec.entry,
        description: spec.description,
        memorySize: long ? 1024 : 512,
        timeout: long ? Duration.minutes(15) : Duration.seconds(20),
        environment: props.environment,
        bundled: props.bundled,
      });
      this.byName[name] = fn;

      const tables = spec.tables as { requests?: TableAccess; linkTokens?: TableAccess; audit?: 'append' | 'read'; breaches?: TableAccess };
      if (tables.requests) grantItems(data, fn, data.requests, tables.requests);
      if (tables.linkTokens) grantItems(data, fn, data.linkTokens, tables.linkTokens);
      if (tables.breaches) grantItems(data, fn, data.breaches, tables.breaches);
      // Other table actions: each needs the key to decrypt the table (reads and writes alike).
      const onTable = (actions: string[], resource: string) => {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [resource] }));
        grantKey(data, fn, 'decrypt');
      };
      // The scheduled jobs and the admin listing query the index they need, and nothing else does.
      for (const index of 'queries' in spec ? spec.queries : []) {
        onTable(['dynamodb:Query'], index === 'breaches' ? `${data.breaches.tableArn}/index/${TABLES.breaches.indexes.register.name}` : `${data.requests.tableArn}/index/${TABLES.requests.indexes[index].name}`);
      }
      // The audit trail is append-only: PutItem and nothing else; and read by a request's id: Query only.
      if (tables.audit) onTable([tables.audit === 'append' ? 'dynamodb:PutItem' : 'dynamodb:Query'], data.audit.tableArn);
      // A communication's addresses: written in batches, read in pages, on the register's table.
      if ('listsRecipients' in spec && spec.listsRecipients) onTable(['dynamodb:BatchWriteItem', 'dynamodb:Query'], data.breaches.tableArn);
      if ('sendsEmail' in spec && spec.sendsEmail) fn.addToRolePolicy(sendEmail);
      for (const [prefix, actions] of Object.entries('bucket' in spec ? spec.bucket : {})) grantPrefix(data, fn, prefix as BucketPrefix, actions);
      if ('readsSecrets' in spec && spec.readsSecrets) for (const secret of props.secrets[spec.readsSecrets]) secret.grantRead(fn);
    }
  }
}
