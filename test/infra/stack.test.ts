import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { holidayYears, resolveHolidays } from '../../infra/holiday-calendars.js';
import { FUNCTIONS } from '../../infra/functions.js';
import { ART15 } from '../support/art15.js';
import { expectConnectorsConfined } from '../support/connector-privilege.js';
import { actionsOf, actionsOn, logicalId, roleStatements } from '../support/template.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const validateAsl = require('asl-validator') as (definition: unknown, options?: object) => { isValid: boolean; errorsText: () => string };

/**
 * The stack as `npx cdk synth` produces it, offline, with cdk-nag's AwsSolutions checks
 * (any unacknowledged finding fails the synth).
 */
const out = mkdtempSync(join(tmpdir(), 'dsr-synth-'));
let template: { Resources: Record<string, { Type: string; Properties: any }>; Outputs: Record<string, unknown> };

/** One data system of each kind, as a deployment declares them. */
const connectors = [
  { name: 'lms-account', title: 'LMS account', type: 'dynamodb', table: 'lms-users', match: { attribute: 'email', subjectField: 'email', index: 'byEmail' }, identifies: { userId: 'id' }, directory: { attribute: 'id', email: 'email', language: 'lang' }, art15: ART15 },
  { name: 'submissions', title: 'Submissions', type: 's3', bucket: 'lms-files', prefix: 'submissions/{userId}/', art15: ART15 },
  { name: 'video', title: 'Video platform', type: 'http', url: 'https://video.example/dsr', secretName: 'dsr/video', directory: true, art15: ART15 },
  {
    name: 'newsletter',
    title: 'Newsletter',
    type: 'lambda',
    entry: 'infra/local/demo/newsletter-connector.ts',
    environment: { NEWSLETTER_TABLE: 'newsletter' },
    grants: [{ actions: ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'], resources: ['arn:aws:dynamodb:eu-west-3:111111111111:table/newsletter'] }],
    art15: ART15,
  },
  { name: 'crm', title: 'CRM', type: 'lambda', functionArn: 'arn:aws:lambda:eu-west-3:111111111111:function:crm-dsr', art15: ART15 },
];
let synthOutput = '';

beforeAll(async () => {
  const result = await run('npx', ['cdk', 'synth', '-q', '-o', out, '-c', `dsr:connectors=${JSON.stringify(connectors)}`], { env: { ...process.env, CDK_DEFAULT_REGION: 'eu-west-3', CDK_DEFAULT_ACCOUNT: '111111111111' }, maxBuffer: 16 * 1024 * 1024 });
  synthOutput = result.stdout + result.stderr;
  template = JSON.parse(readFileSync(join(out, 'DsrWorkflow.template.json'), 'utf8'));
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const resources = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** A folder zipped as CDK zips an asset for Lambda: the size the function's CodeSize reports. */
async function zippedBytes(dir: string): Promise<number> {
  const zip = new ZipFile();
  for (const name of readdirSync(dir)) zip.addFile(join(dir, name), name);
  zip.end();
  let bytes = 0;
  for await (const chunk of zip.outputStream) bytes += (chunk as Buffer).length;
  return bytes;
}

/** The bundle (index.mjs) of the function whose logical id starts with `id`. */
const bundleOf = (id: string) => {
  const fn = resources('AWS::Lambda::Function').find(([fnId]) => fnId.startsWith(id) && !fnId.includes('Role'))![1];
  return join(out, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
};

describe('the synthesized stack', () => {
  it('passes cdk-nag AwsSolutions, every acknowledgement carrying a reason', () => {
    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8'));
    const nag = report.pluginReports.find((p: any) => p.pluginName === 'AwsSolutions');
    expect(nag.conclusion).toBe('success');
    expect(nag.violations).toEqual([]);
    for (const suppressed of nag.suppressedViolations) expect(suppressed.reason?.length, suppressed.ruleName).toBeGreaterThan(40);
    expect(synthOutput).not.toMatch(/ERROR/);
  });

  it('keeps requests, link tokens, the audit trail and the breach register in encrypted tables with point-in-time recovery', () => {
    const tables = resources('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(4);
    for (const [, table] of tables) {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    }
    const ttl = tables.map(([, t]) => t.Properties.TimeToLiveSpecification).filter(Boolean);
    expect(ttl).toEqual([{ AttributeName: 'ttl', Enabled: true }, { AttributeName: 'ttl', Enabled: true }]); // link tokens; a communication's addresses
    expect(resources('AWS::KMS::Key')[0][1].Properties.EnableKeyRotation).toBe(true);
  });

  it('makes the archive bucket private, KMS-encrypted, SSL-only and access-logged', () => {
    const buckets = resources('AWS::S3::Bucket');
    const archive = buckets.find(([id]) => id.includes('Archives'))![1].Properties;
    expect(archive.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(archive.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(archive.LoggingConfiguration.DestinationBucketName).toBeDefined();
    // The workflows delete what they stage and build; the rules are the safety net, a week past the longest request
    // (96 days to the latest due date, 180 to abandonment, a 14-day link, two 7-day callbacks, a 7-day download).
    expect(archive.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ Prefix: 'archives/', ExpirationInDays: 318 }), expect.objectContaining({ Prefix: 'staging/', ExpirationInDays: 318 }), expect.objectContaining({ Prefix: 'staging/breach-', ExpirationInDays: 7 })]),
    );
    const policies = resources('AWS::S3::BucketPolicy').map(([, p]) => JSON.stringify(p.Properties.PolicyDocument));
    expect(policies.length).toBe(buckets.length);
    for (const policy of policies) expect(policy).toContain('"aws:SecureTransport":"false"');
  });

  it('throttles the API and puts a WAF rate rule in front of it', () => {
    const stage = resources('AWS::ApiGateway::Stage')[0][1].Properties;
    expect(stage.MethodSettings[0]).toMatchObject({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    expect(stage.AccessLogSetting.Format).not.toContain('$context.path'); // tokens travel in paths
    const acl = resources('AWS::WAFv2::WebACL')[0][1].Properties;
    expect(acl.Rules.find((r: any) => r.Statement.RateBasedStatement)).toMatchObject({ Action: { Block: {} }, Statement: { RateBasedStatement: { AggregateKeyType: 'IP' } } });
    expect(resources('AWS::WAFv2::WebACLAssociation')).toHaveLength(1);
    const common = acl.Rules.find((r: any) => r.Statement.ManagedRuleGroupStatement)?.Statement.ManagedRuleGroupStatement;
    expect(common.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]); // callbacks carry up to 5 MB
    const methods = resources('AWS::ApiGateway::Method').map(([, m]) => m.Properties);
    const byAuthorisation = (iam: boolean) => methods.filter((m) => (m.AuthorizationType === 'AWS_IAM') === iam).map((m) => m.HttpMethod).sort();
    expect(byAuthorisation(false)).toEqual([...Array(6).fill('GET'), ...Array(7).fill('POST')]);
    expect(byAuthorisation(true)).toEqual([...Array(5).fill('GET'), ...Array(10).fill('POST')]); // the admin routes: requests and breaches
  });

  it('lets only holders of the Administrators policy call the admin routes', () => {
    const [[, policy]] = resources('AWS::IAM::ManagedPolicy');
    const [statement] = policy.Properties.PolicyDocument.Statement;
    expect(statement.Action).toBe('execute-api:Invoke');
    expect(JSON.stringify(statement.Resource)).toMatch(/\/prod\/\*\/admin\/\*"\]\]\}$/);
    expect(Object.keys(template.Outputs)).toEqual(expect.arrayContaining(['AdminEndpoint', 'AdminPolicyArn']));
  });

  it('runs every function on Node.js 22 or later, traced', () => {
    const functions = resources('AWS::Lambda::Function');
    expect(functions).toHaveLength(29 + 5); // the product's, and one per declared data system
    for (const [, fn] of functions) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime)![1])).toBeGreaterThanOrEqual(22);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('keeps the error names that the workflow\'s Retry and Catch match on, minified as the bundles are', () => {
    const code = (id: string) => readFileSync(bundleOf(id), 'utf8');
    expect(code('FunctionsAskDpo')).toMatch(/"RequestAbandoned"/);
    expect(code('DataSystemsLmsAccount')).toMatch(/"TransientError"/);
    expect(code('DataSystemsLmsAccount')).toMatch(/"ConnectorError"/);
  });

  it('writes the controller\'s resolved holidays into the bundles', () => {
    // France's days of the current year, as date-holidays gives them: in the bundle, not the environment.
    const [from] = holidayYears();
    const year = resolveHolidays('FR', from + 1, from + 1).split('|')[1];
    expect(readFileSync(bundleOf('FunctionsIntake'), 'utf8')).toContain(year);
    for (const [, fn] of resources('AWS::Lambda::Function')) expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain(year);
  });

  it('bundles the pinned AWS SDK into every function: the clients it uses, no other, nothing left to the runtime\'s', () => {
    // An import of the SDK left external, static or dynamic (minified: `from"@aws-sdk/…"`, `import("@aws-sdk/…")`).
    const external = /\bfrom\s*["'](?:@aws-sdk|@smithy)\/|\bimport\s*\(\s*["'](?:@aws-sdk|@smithy)\//;
    // A client class bundled keeps its name as a string (keepNames); an external one would be an import binding only.
    const clientsIn = (code: string) => ['DynamoDBClient', 'SESv2Client', 'SFNClient', 'S3Client', 'SecretsManagerClient', 'LambdaClient'].filter((name) => code.includes(`"${name}"`));
    const functions = resources('AWS::Lambda::Function');
    for (const [id] of functions) {
      const code = readFileSync(bundleOf(id), 'utf8');
      expect(code, id).not.toMatch(external);
      expect(clientsIn(code), id).toContain('DynamoDBClient'); // every function reads or writes a table
    }
    const clientsOf = (id: string) => clientsIn(readFileSync(bundleOf(id), 'utf8'));
    expect(clientsOf('FunctionsRecordTransition')).toEqual(['DynamoDBClient']);
    expect(clientsOf('FunctionsIntake')).toEqual(['DynamoDBClient', 'SFNClient']); // a repeat's notice is its workflow's
    expect(clientsOf('FunctionsDownloads')).toEqual(['DynamoDBClient', 'S3Client']);
    expect(clientsOf('FunctionsTellRecipients')).toEqual(['DynamoDBClient', 'SESv2Client', 'SecretsManagerClient']);
    // A connector bundles its own kind's clients: a table's does not carry the HTTP systems' or the invoked functions'.
    expect(clientsOf('DataSystemsLmsAccount')).toEqual(['DynamoDBClient', 'S3Client']);
    expect(clientsOf('DataSystemsVideo')).toEqual(['DynamoDBClient', 'SFNClient', 'S3Client', 'SecretsManagerClient']);
    expect(clientsOf('DataSystemsCrm')).toEqual(['DynamoDBClient', 'S3Client', 'LambdaClient']);
  });

  it('keeps every deployment package, as Lambda counts its code size (zipped), at most 300 KB', async () => {
    const over: string[] = [];
    for (const [id] of resources('AWS::Lambda::Function')) {
      const bytes = await zippedBytes(dirname(bundleOf(id)));
      if (bytes > 300 * 1024) over.push(`${id}: ${(bytes / 1024).toFixed(0)} KB`);
    }
    expect(over).toEqual([]);
  });

  // The AWS SDK and Powertools' tracer (the X-Ray SDK, about 130 KB) are in every bundle: these ceilings catch growth nobody meant.
  it('keeps a bundle, unzipped, at most 450 KB with DynamoDB alone and 850 KB with its other clients, the SDK and the tracer included', () => {
    const over = resources('AWS::Lambda::Function').flatMap(([id]) => {
      const file = bundleOf(id);
      const code = readFileSync(file, 'utf8');
      const tablesOnly = !['SESv2Client', 'SFNClient', 'S3Client', 'SecretsManagerClient', 'LambdaClient'].some((name) => code.includes(`"${name}"`));
      const ceiling = (tablesOnly ? 450 : 850) * 1024;
      return statSync(file).size > ceiling ? [`${id}: ${(statSync(file).size / 1024).toFixed(0)} KB`] : [];
    });
    expect(over).toEqual([]);
    // The SDK's default credential chain (profiles, SSO, STS, instance metadata) is left out: Lambda's credentials are in the environment.
    // (Each link of the chain logs `defaultProvider::<link>` when tried.)
    expect(readFileSync(bundleOf('FunctionsRecordTransition'), 'utf8').includes('defaultProvider::')).toBe(false);
  });

  it.each([
    ['RequestWorkflow', 'statemachines/dsr.asl.json'],
    ['DeadlineWatch', 'statemachines/deadline.asl.json'],
    ['BreachClock', 'statemachines/breach.asl.json'],
    ['BreachCommunication', 'statemachines/communication.asl.json'],
  ])('loads %s from %s with every placeholder substituted', (id, file) => {
    const machine = resources('AWS::StepFunctions::StateMachine').find(([machineId]) => machineId.startsWith(id))![1].Properties;
    expect(machine.StateMachineType).toBe('STANDARD');
    expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    const definition: string = machine.DefinitionString;
    expect(JSON.parse(definition)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    const placeholders = new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]));
    expect(new Set(Object.keys(machine.DefinitionSubstitutions))).toEqual(placeholders);
    const substituted = definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_m, name) => `arn:aws:lambda:eu-west-3:111111111111:function:${name}`);
    const result = validateAsl(JSON.parse(substituted), { checkPaths: true, checkArn: true });
    expect(result.isValid, result.isValid ? '' : result.errorsText()).toBe(true);
  });

  it('keeps link tokens out of traces and logs: no stage tracing, an access log with the route\'s template and no path', () => {
    const [[, stage]] = resources('AWS::ApiGateway::Stage');
    expect(stage.Properties.TracingEnabled).not.toBe(true);
    const format: string = stage.Properties.AccessLogSetting.Format;
    expect(format).toContain('$context.resourcePath');
    expect(format).not.toMatch(/\$context\.path|requestOverride|\$input/);
    // No execution logging, which writes paths and bodies.
    for (const setting of stage.Properties.MethodSettings ?? []) {
      expect(setting.DataTraceEnabled).toBe(false);
      expect(setting.LoggingLevel ?? 'OFF').toBe('OFF');
    }
    // Without dsr:createApiLogsRole the account's own role is used: none is made here.
    expect(resources('AWS::ApiGateway::Account')).toEqual([]);
  });

  it('lets a breach\'s communication invoke the systems declared as directories, and no other connector', () => {
    const policy = resources('AWS::IAM::Policy').filter(([id]) => id.startsWith('BreachCommunicationStateMachineRole')).flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const invoked = policy.filter((st) => st.Action === 'lambda:InvokeFunction').flatMap((st) => [st.Resource].flat()).map((r) => JSON.stringify(r));
    const connectorsInvoked = invoked.filter((r) => r.includes('DataSystems')).map((r) => r.match(/DataSystems([A-Za-z]+?)[0-9A-F]{8}/)![1]);
    expect(connectorsInvoked.sort()).toEqual(['LmsAccount', 'Video']);
  });

  it('gives every step more time than its function has, and retries a step that timed out', () => {
    const timeoutOf = (logicalId: string) => resources('AWS::Lambda::Function').find(([id]) => id === logicalId)![1].Properties.Timeout as number;
    const connectorTimeout = Math.max(...resources('AWS::Lambda::Function').filter(([id]) => id.startsWith('DataSystems')).map(([, fn]) => fn.Properties.Timeout as number));
    const checked: string[] = [];
    for (const [, machine] of resources('AWS::StepFunctions::StateMachine')) {
      const functionOf = Object.fromEntries(Object.entries(machine.Properties.DefinitionSubstitutions as Record<string, any>).map(([placeholder, arn]) => [placeholder, arn['Fn::GetAtt'][0]]));
      const walk = (states: Record<string, any>) => {
        for (const [name, state] of Object.entries(states)) {
          if (state.Type === 'Map') walk(state.ItemProcessor.States);
          if (state.Type !== 'Task' || state.Resource.endsWith('.waitForTaskToken')) continue;
          const target: string = state.Parameters?.FunctionName ?? state.Parameters?.['FunctionName.$'] ?? state.Resource;
          const placeholder = /^\$\{(\w+)\}$/.exec(target)?.[1];
          const limit = placeholder ? timeoutOf(functionOf[placeholder]) : connectorTimeout;
          expect(state.TimeoutSeconds, name).toBeGreaterThan(limit);
          expect(state.Retry.flatMap((r: { ErrorEquals: string[] }) => r.ErrorEquals), name).toEqual(expect.arrayContaining(['States.Timeout', 'Lambda.Unknown']));
          checked.push(name);
        }
      };
      walk(JSON.parse(machine.Properties.DefinitionString).States);
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it('lets intake start both workflows, and alarms when a deadline watch fails', () => {
    const intake = resources('AWS::IAM::Policy').filter(([id]) => id.startsWith('FunctionsIntakeRole')).map(([, p]) => JSON.stringify(p.Properties.PolicyDocument)).join();
    expect(intake).toMatch(/states:StartExecution[\s\S]*RequestWorkflow/);
    expect(intake).toMatch(/states:StartExecution[\s\S]*DeadlineWatch/);
    const alarms = resources('AWS::CloudWatch::Alarm').map(([id]) => id);
    expect(alarms).toEqual(expect.arrayContaining([expect.stringMatching(/^RequestsFailing/), expect.stringMatching(/^DeadlineWatchFailing/)]));
  });

  it('gives each data system’s connector access to that system’s data only', () => {
    const policyOf = (fnId: string): any[] => roleStatements(template, resources('AWS::Lambda::Function').find(([id]) => id.startsWith(`DataSystems${fnId}`) && !id.includes('Role'))![0]);
    const actions = (statements: any[]) => statements.flatMap((st) => [st.Action].flat());
    const account = policyOf('LmsAccount');
    const queries = JSON.stringify(account.filter((st) => [st.Action].flat().includes('dynamodb:Query')));
    expect(queries).toContain('table/lms-users/index/byEmail');
    // A directory: people are found by user id through the table's key as well.
    expect(queries).toMatch(/table\/lms-users"/);
    expect(JSON.stringify(account)).not.toMatch(/lms-files|secret:/);
    // Erasing deletes by the table's key, in batches, on that table only.
    const writes = account.find((st) => [st.Action].flat().includes('dynamodb:BatchWriteItem'));
    expect([writes.Action].flat().sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DescribeTable']);
    expect(JSON.stringify(writes.Resource)).toMatch(/table\/lms-users"/);
    const files = policyOf('Submissions');
    expect(JSON.stringify(files.find((st) => st.Action === 's3:ListBucket'))).toContain('"s3:prefix":["submissions/*"]');
    expect(JSON.stringify(files.find((st) => st.Action === 's3:GetObject'))).toContain('lms-files/submissions/*');
    expect(JSON.stringify(files)).not.toMatch(/lms-users|secret:/);
    // Erasing removes every version and delete marker under the prefix, nowhere else.
    expect(JSON.stringify(files.find((st) => st.Action === 's3:ListBucketVersions'))).toContain('"s3:prefix":["submissions/*"]');
    const deletes = files.find((st) => [st.Action].flat().includes('s3:DeleteObjectVersion'));
    expect(JSON.stringify(deletes.Resource)).toContain('lms-files/submissions/*');
    const video = policyOf('Video');
    expect(JSON.stringify(video)).toContain('secret:dsr/video');
    expect(actions(video)).toContain('states:SendTaskSuccess');
    const environment = resources('AWS::Lambda::Function').find(([id]) => id.startsWith('DataSystemsVideo'))![1].Properties.Environment.Variables;
    expect(JSON.parse(environment.CONNECTOR)).toMatchObject({ name: 'video', type: 'http' });

    // A connector of the platform's own: its entry bundled, its declared grants and environment, nothing of the others'.
    const own = resources('AWS::Lambda::Function').find(([id]) => id.startsWith('DataSystemsNewsletter') && !id.includes('Role'))![1].Properties;
    expect(own.Environment.Variables).toMatchObject({ NEWSLETTER_TABLE: 'newsletter', CONNECTOR: expect.stringContaining('"type":"lambda"') });
    const newsletter = policyOf('Newsletter');
    expect(newsletter.find((st) => [st.Action].flat().includes('dynamodb:DeleteItem')).Resource).toBe('arn:aws:dynamodb:eu-west-3:111111111111:table/newsletter');
    expect(JSON.stringify(newsletter)).not.toMatch(/lms-users|lms-files|secret:|lambda:InvokeFunction/);
    // An existing function is invoked by a connector of the product, which alone reads the request.
    const crm = policyOf('Crm');
    expect(crm.find((st) => st.Action === 'lambda:InvokeFunction').Resource).toBe('arn:aws:lambda:eu-west-3:111111111111:function:crm-dsr');
  });

  it('confines each connector to its own system\'s staging keys, the request by its key, callback links and the key use it needs', () => {
    expectConnectorsConfined(template, connectors);
  });

  it('gives each function of the product only the key use it needs: Decrypt for its tables and reads, GenerateDataKey where it writes objects', () => {
    const key = logicalId(template, 'AWS::KMS::Key', 'DataKey');
    // The four that write to the bucket: the archive, an HTTP system's answer, a breach's list of addresses, a list's user ids.
    const writesObjects = ['AssembleArchive', 'Callbacks', 'AdminBreachActions', 'Communicate'];
    for (const name of Object.keys(FUNCTIONS)) {
      const statements = roleStatements(template, logicalId(template, 'AWS::Lambda::Function', `Functions${name}`));
      expect(actionsOn(statements, key), name).toEqual(writesObjects.includes(name) ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt']);
    }
  });

  it('lets no role delete a link or a breach, nor check conditions it never checks', () => {
    const [linkTokens, breaches] = ['DataLinkTokens', 'DataBreaches'].map((id) => logicalId(template, 'AWS::DynamoDB::Table', id));
    for (const [id, policy] of resources('AWS::IAM::Policy')) {
      const statements = policy.Properties.PolicyDocument.Statement;
      for (const table of [linkTokens, breaches]) expect(actionsOn(statements, table), id).not.toContain('dynamodb:DeleteItem');
      expect(statements.flatMap(actionsOf), id).not.toContain('dynamodb:ConditionCheckItem');
    }
  });

  it('sends every alarm to an encrypted topic the DPO is subscribed to, overdue requests included', () => {
    const topics = resources('AWS::SNS::Topic').filter(([id]) => id.startsWith('Alarms'));
    expect(topics).toHaveLength(1);
    expect(topics[0][1].Properties.KmsMasterKeyId).toBeDefined();
    const subscriptions = resources('AWS::SNS::Subscription').map(([, s]) => s.Properties);
    expect(subscriptions.filter((s) => s.Protocol === 'email').map((s) => s.Endpoint)).toEqual(['dpo@example.org']);
    const alarms = resources('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const [id, alarm] of alarms) expect(JSON.stringify(alarm.Properties.AlarmActions), id).toContain(topics[0][0]);
    expect(alarms.find(([id]) => id.startsWith('RequestsOverdue'))![1].Properties).toMatchObject({ Namespace: 'DsrWorkflow', MetricName: 'OverdueRequests', Threshold: 1 });
  });

  it('alarms on any function failing or throttled, every function of the stack watched, and on the API\'s 5xx; one dashboard of the pipeline', () => {
    const alarms = resources('AWS::CloudWatch::Alarm');
    const watched = (prefix: string) =>
      new Set(alarms.filter(([id]) => id.startsWith(prefix)).flatMap(([, a]) => a.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions[0].Value.Ref)));
    const functions = resources('AWS::Lambda::Function').map(([id]) => id);
    for (const kind of ['Failing', 'Throttled']) {
      const metric = kind === 'Failing' ? 'Errors' : 'Throttles';
      expect([...watched(`Functions${kind}`), ...watched(`Connectors${kind}`)].sort(), kind).toEqual(functions.sort());
      for (const [, a] of alarms.filter(([id]) => id.startsWith(`Functions${kind}`))) expect(a.Properties.Metrics.filter((m: any) => m.MetricStat).every((m: any) => m.MetricStat.Metric.MetricName === metric)).toBe(true);
    }
    expect(alarms.find(([id]) => id.startsWith('ApiServerErrors'))![1].Properties).toMatchObject({ MetricName: '5XXError', Namespace: 'AWS/ApiGateway', Statistic: 'Sum' });
    expect(resources('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });

  it('records the bounces of a breach communication: its emails go through a configuration set whose bounces reach one function', () => {
    const [[, destination]] = resources('AWS::SES::ConfigurationSetEventDestination').filter(([id]) => id.startsWith('CommunicationMailBounces'));
    expect(destination.Properties.EventDestination).toMatchObject({ Enabled: true, MatchingEventTypes: ['bounce'] });
    const [[bouncesId, bounces]] = resources('AWS::SNS::Topic').filter(([id]) => id.startsWith('CommunicationBounces'));
    expect(bounces.Properties.KmsMasterKeyId).toBeDefined();
    const lambdas = resources('AWS::SNS::Subscription').filter(([, s]) => s.Properties.Protocol === 'lambda');
    expect(lambdas.map(([, s]) => JSON.stringify(s.Properties.TopicArn))).toEqual([expect.stringContaining(bouncesId)]);
    expect(JSON.stringify(lambdas[0][1].Properties.Endpoint)).toContain('FunctionsRecordBounces');
  });

  it('sends every other email through the Mail configuration set, from the named sender, replies to the DPO, its bounces and complaints to the same function', () => {
    // Prepare
    const [[mailSet]] = resources('AWS::SES::ConfigurationSet').filter(([id]) => id.startsWith('MailSet'));
    const [[communicationSet]] = resources('AWS::SES::ConfigurationSet').filter(([id]) => id.startsWith('CommunicationMail'));
    const [[bouncesId]] = resources('AWS::SNS::Topic').filter(([id]) => id.startsWith('CommunicationBounces'));
    const destinations = resources('AWS::SES::ConfigurationSetEventDestination').map(([, d]) => d.Properties);
    const policyOf = (fnId: string) => {
      const fn = resources('AWS::Lambda::Function').find(([id]) => id.startsWith(`Functions${fnId}`) && !id.includes('Role'))![1];
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      return resources('AWS::IAM::Policy').filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId)).flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    };
    const environmentOf = (fnId: string) => resources('AWS::Lambda::Function').find(([id]) => id.startsWith(`Functions${fnId}`) && !id.includes('Role'))![1].Properties.Environment.Variables;

    // Assess: the set's bounces and complaints go to the topic RecordBounces reads...
    expect(destinations).toContainEqual({ ConfigurationSetName: { Ref: mailSet }, EventDestination: expect.objectContaining({ Enabled: true, MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: { Ref: bouncesId } } }) });
    // ...and both sets' are counted in CloudWatch by configuration set, for the alarms.
    for (const set of [mailSet, communicationSet]) {
      expect(destinations).toContainEqual({
        ConfigurationSetName: { Ref: set },
        EventDestination: expect.objectContaining({ MatchingEventTypes: ['bounce', 'complaint'], CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'ses:configuration-set', DimensionValueSource: 'messageTag', DefaultDimensionValue: { Ref: set } }] } }),
      });
    }
    // Every function that emails uses the set, and may: SendEmail on it; the others neither.
    const senders = (Object.entries(FUNCTIONS) as Array<[string, { sendsEmail?: boolean }]>).filter(([, spec]) => spec.sendsEmail).map(([name]) => name);
    expect(senders.length).toBeGreaterThan(10);
    for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[string, { sendsEmail?: boolean }]>) {
      const onTheSet = policyOf(name).filter((st) => st.Action === 'ses:SendEmail' && JSON.stringify(st.Resource).includes(`configuration-set/",{"Ref":"${mailSet}"}`));
      expect(onTheSet.length, name).toBe(spec.sendsEmail ? 1 : 0);
      expect(environmentOf(name).MAIL_CONFIGURATION_SET, name).toEqual(spec.sendsEmail ? { Ref: mailSet } : undefined);
      expect(environmentOf(name), name).toMatchObject({ REPLY_TO: 'dpo@example.org', SENDER_NAME: '' });
    }
    // RecordBounces changes a request in place (its mark, the events recorded) and appends to the audit trail: nothing more.
    const requestsTable = resources('AWS::DynamoDB::Table').find(([id]) => id.startsWith('DataRequests'))![0];
    const recordBounces = policyOf('RecordBounces');
    expect(recordBounces.filter((st) => JSON.stringify(st.Resource).includes(requestsTable)).map((st) => st.Action)).toEqual(['dynamodb:UpdateItem']);
    expect(JSON.stringify(recordBounces)).not.toMatch(/ses:|sns:|states:|s3:/);
  });

  it('alarms on the mail\'s bounces and complaints, and on the account\'s reputation, to the alarm topic', () => {
    const [[alarmTopic]] = resources('AWS::SNS::Topic').filter(([id]) => id.startsWith('Alarms'));
    const [[mailSet]] = resources('AWS::SES::ConfigurationSet').filter(([id]) => id.startsWith('MailSet'));
    const [[communicationSet]] = resources('AWS::SES::ConfigurationSet').filter(([id]) => id.startsWith('CommunicationMail'));
    const alarm = (prefix: string) => {
      const found = resources('AWS::CloudWatch::Alarm').find(([id]) => id.startsWith(prefix));
      expect(found, prefix).toBeDefined();
      expect(found![1].Properties.AlarmActions).toEqual([{ Ref: alarmTopic }]);
      return found![1].Properties;
    };
    // One bounce of an email about a request.
    expect(alarm('MailBounced')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Bounce', Dimensions: [{ Name: 'ses:configuration-set', Value: { Ref: mailSet } }], Statistic: 'Sum', Threshold: 1, TreatMissingData: 'notBreaching' });
    // One complaint, from either set.
    const complaints = alarm('MailComplaints');
    expect(complaints.Threshold).toBe(1);
    const counted = complaints.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric);
    expect(counted).toEqual([mailSet, communicationSet].map((set) => ({ Namespace: 'AWS/SES', MetricName: 'Complaint', Dimensions: [{ Name: 'ses:configuration-set', Value: { Ref: set } }] })));
    expect(complaints.Metrics.find((m: any) => m.Expression).Expression).toBe('FILL(mail, 0) + FILL(communication, 0)');
    // The rates at which SES reviews the account.
    expect(alarm('MailAccountBounceRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 });
    expect(alarm('MailAccountComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.001 });
  });

  it('runs the minimising job and the digest every hour, each alone querying its own index', () => {
    const rules = resources('AWS::Events::Rule');
    expect(rules.map(([, r]) => r.Properties.ScheduleExpression)).toEqual(['rate(1 hour)', 'rate(1 hour)']);
    const targets = JSON.stringify(rules.map(([, r]) => r.Properties.Targets));
    expect(targets).toContain('FunctionsMinimiseRequests');
    expect(targets).toContain('FunctionsSendDigest');
    const queriers = (index: string) => resources('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes(`/index/${index}`)).map(([id]) => id);
    expect(queriers('byMinimiseAt')).toEqual([expect.stringMatching(/^FunctionsMinimiseRequestsRole/)]);
    expect(queriers('openByDueDate')).toEqual([expect.stringMatching(/^FunctionsSendDigestRole/)]);
    expect(queriers('byReceivedAt')).toEqual([expect.stringMatching(/^FunctionsAdminQueriesRole/)]);
    expect(queriers('byAwareAt').map((id) => id.replace(/Role.*$/, '')).sort()).toEqual(['FunctionsAdminBreachQueries', 'FunctionsSendDigest']);
    for (const [id, policy] of resources('AWS::IAM::Policy')) expect(JSON.stringify(policy.Properties.PolicyDocument), id).not.toMatch(/dynamodb:Scan/);
  });

  it('grants no wildcard but those acknowledged, and the audit trail is append-only (and read by the admin API only)', () => {
    const auditTable = resources('AWS::DynamoDB::Table').find(([id]) => id.includes('AuditTrail'))![0];
    for (const [id, policy] of resources('AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions: string[] = [statement.Action].flat();
        const targets = JSON.stringify(statement.Resource);
        if (statement.Resource === '*') {
          for (const action of actions) expect(action, id).toMatch(/^(xray:|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))/);
        }
        // Exact actions everywhere: no family such as kms:GenerateDataKey* or kms:ReEncrypt*.
        expect(actions.filter((a) => a.includes('*')), id).toEqual([]);
        for (const target of [statement.Resource].flat().map((r: unknown) => JSON.stringify(r))) {
          if (target.includes('*') && target !== '"*"') expect(target, id).toMatch(/\/(staging|archives|breaches)\/\*|\/staging\/breach-\*|\/staging\/\?{8}-\?{4}-\?{4}-\?{4}-\?{12}\/[a-z][a-z0-9-]*\/\*|lms-files\/submissions\/\*|:\*"|secret:dsr\/video-\?\?\?\?\?\?/);
        }
        // Appended to by many, read (Query) by the admin API's two readers only.
        if (targets.includes(auditTable)) expect(actions, id).toEqual(/^Functions(AdminQueries|AdminBreachQueries)Role/.test(id) ? ['dynamodb:Query'] : ['dynamodb:PutItem']);
      }
    }
  });
});

describe('cdk synth with a bad setting', () => {
  it('stops with a message that names the key', async () => {
    const failed = await run('npx', ['cdk', 'synth', '-q', '-o', join(out, 'bad'), '-c', 'dsr:dpoEmail=not-an-address', '-c', 'dsr:timeZone=Mars/Base'], { env: process.env }).catch((e) => e);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr + failed.stdout).toMatch(/dsr:dpoEmail must be an email address/);
    expect(failed.stderr + failed.stdout).toMatch(/dsr:timeZone must be an IANA time zone/);
  }, 120_000);
});
