import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { FUNCTIONS, type FunctionName, type TableAccess } from '../functions.js';
import { ROOT } from '../paths.js';
import type { DataStores } from './data.js';

export interface LambdasProps {
  data: DataStores;
  environment: Record<string, string>;
  senderEmail: string;
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
      const logGroup = new logs.LogGroup(this, `${name}Logs`, { retention: logs.RetentionDays.THREE_MONTHS });
      // An explicit role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
      const role = new iam.Role(this, `${name}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);
      const fn = new NodejsFunction(this, name, {
        entry: join(ROOT, spec.entry),
        handler: 'handler',
        description: spec.description,
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: 512,
        timeout: Duration.seconds(20),
        tracing: lambda.Tracing.ACTIVE,
        logGroup,
        role,
        environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'dsr-workflow', NODE_OPTIONS: '--enable-source-maps' },
        projectRoot: ROOT,
        depsLockFilePath: join(ROOT, 'package-lock.json'),
        bundling: { format: OutputFormat.ESM, minify: true, sourceMap: true, target: 'node22', mainFields: ['module', 'main'], banner: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
      });
      this.byName[name] = fn;

      const tables = spec.tables as { requests?: TableAccess; linkTokens?: TableAccess; audit?: 'append' };
      const grant = (table: typeof data.requests, access?: TableAccess) => {
        if (access === 'read') table.grantReadData(fn);
        if (access === 'readWrite') table.grantReadWriteData(fn);
      };
      grant(data.requests, tables.requests);
      grant(data.linkTokens, tables.linkTokens);
      // The audit trail is append-only: PutItem and nothing else.
      if (tables.audit === 'append') data.audit.grant(fn, 'dynamodb:PutItem');
      if (tables.audit === 'append') data.key.grantEncryptDecrypt(fn);
      if ('sendsEmail' in spec && spec.sendsEmail) fn.addToRolePolicy(sendEmail);
    }
  }
}
