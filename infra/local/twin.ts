import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BREACH_MACHINE_FILE, COMMUNICATION_MACHINE_FILE, DEADLINE_MACHINE_FILE, FUNCTIONS, ROUTES, STATE_MACHINE_FILE, stepsOf, type FunctionName } from '../functions.js';
import { deploymentLists, functionEnvironment, holidayDates, type Settings } from '../settings.js';
import { ROOT } from '../paths.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, provision, tableNames } from './emulators.js';
import { HttpGateway, type ApiHandler } from './http-gateway.js';
import { LocalStepFunctions, localFunctionArn, type LocalFunction } from './step-functions.js';
import { LocalSecretsManager } from './secrets-manager.js';
import { connectorFunction } from '../../functions/connectors/entries/index.js';
import { isDirectory } from '../../functions/connectors/declarations.js';
import { ownConnectorFunction } from '../../functions/connectors/own.js';
import type { LambdaConnector } from '../../functions/connectors/declarations.js';
import type { Connector } from '../../functions/connectors/kit.js';
import { now } from '../../functions/shared/clock.js';
import { logger } from '../../functions/shared/logger.js';
import { sleepUntil } from './simulated-time.js';
import { expireObjects } from './lifecycle.js';
import { expiryRules } from '../lifecycle.js';
import { awsClients } from '../../functions/shared/aws.js';
import { setTimeout as delay } from 'node:timers/promises';

/** A connector of the platform's own, run from its entry file as the stack bundles it. */
async function ownConnector(declaration: LambdaConnector, wiring: () => { requestsTable: string; stagingBucket: string }) {
  if (!declaration.entry) throw new Error(`connector ${declaration.name} names an existing function (functionArn), which runs on AWS only; give it an entry file to run it in the twin`);
  // One process runs every function here: the twin's connectors share their environment (on AWS each has its own).
  Object.assign(process.env, declaration.environment);
  const { connector } = (await import(join(ROOT, declaration.entry))) as { connector?: Connector };
  if (!connector) throw new Error(`${declaration.entry} must export the connector as \`connector\` (and its Lambda entry as \`handler\`)`);
  return ownConnectorFunction(declaration, connector, wiring);
}

/** Runs `run` every simulated hour, and at most every `minRealMs` real milliseconds. */
async function everyHour(run: () => Promise<unknown>, signal: AbortSignal, minRealMs = 0): Promise<void> {
  for (;;) {
    try {
      await Promise.all([sleepUntil(new Date(now().getTime() + 3600_000), signal), delay(minRealMs, undefined, { signal })]);
    } catch {
      return; // the twin is closing
    }
    await run().catch((error: Error) => logger.error('scheduled function failed', { error: { name: error.name, message: error.message } }));
  }
}

export interface TwinOptions {
  /** The deployment's settings; `settings.connectors` are the data systems the twin runs. */
  settings: Settings;
  /** Secrets Manager secrets (by name) the twin's local Secrets Manager serves. */
  secrets?: Record<string, string>;
  endpoints: { dynamodb: string; s3: string; ses: string };
  /** Prefix of the table names, so that several twins (test files) can share one DynamoDB Local. */
  prefix: string;
  port: number;
  host?: string;
  /** Run the scheduled functions (every simulated hour), as `npm start` does. */
  schedules?: boolean;
  /** The admin routes' bearer token (DSR_ADMIN_TOKEN); a random one when absent. */
  adminToken?: string;
}

export interface Twin {
  baseUrl: string;
  stepFunctions: LocalStepFunctions;
  stateMachineArn: string;
  tables: ReturnType<typeof tableNames>;
  bucket: string;
  /** What the admin routes take as `Authorization: Bearer <token>`. */
  adminToken: string;
  close: () => Promise<void>;
}

/**
 * Assembles the product on one machine: the same handlers (loaded from infra/functions.ts),
 * behind a local API gateway, calling local DynamoDB, S3, SES and Step Functions through
 * real AWS SDK clients, and the same ASL file run by the local interpreter.
 */
export async function assembleTwin(options: TwinOptions): Promise<Twin> {
  const tables = tableNames(options.prefix);
  const bucket = `${options.prefix}-archives`.toLowerCase();
  await provision({ dynamodb: options.endpoints.dynamodb, s3: options.endpoints.s3 }, tables, bucket);

  const handlers = {} as Record<FunctionName, (payload: any) => Promise<any>>;
  for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
    handlers[name] = (await import(join(ROOT, spec.entry))).handler;
  }

  // Each data system's connector, as the stack creates one Lambda per declaration.
  const connectorArns: Record<string, string> = {};
  const connectors: Record<string, LocalFunction> = {};
  const wiring = () => ({ requestsTable: tables.requests, linkTokensTable: tables.linkTokens, stagingBucket: bucket, publicBaseUrl: process.env.PUBLIC_BASE_URL ?? '' });
  for (const declaration of options.settings.connectors) {
    const arn = localFunctionArn(`connector-${declaration.name}`);
    connectorArns[declaration.name] = arn;
    connectors[arn] = (declaration.type === 'lambda' ? await ownConnector(declaration, wiring) : connectorFunction(declaration, wiring)) as LocalFunction;
  }
  // As on AWS, the communication's machine may invoke only the systems declared as directories.
  const directories = Object.fromEntries(options.settings.connectors.filter(isDirectory).map((c) => [connectorArns[c.name], connectors[connectorArns[c.name]]]));
  const secretsManager = new LocalSecretsManager(options.secrets ?? {});
  const secretsEndpoint = await secretsManager.listen();

  const stepFunctions = new LocalStepFunctions([
    { name: 'dsr-request', asl: readFileSync(join(ROOT, STATE_MACHINE_FILE), 'utf8'), functions: stepsOf('requests', (name) => handlers[name]), invocable: connectors },
    { name: 'dsr-deadline', asl: readFileSync(join(ROOT, DEADLINE_MACHINE_FILE), 'utf8'), functions: stepsOf('deadline', (name) => handlers[name]) },
    { name: 'dsr-breach', asl: readFileSync(join(ROOT, BREACH_MACHINE_FILE), 'utf8'), functions: stepsOf('breach', (name) => handlers[name]) },
    { name: 'dsr-communication', asl: readFileSync(join(ROOT, COMMUNICATION_MACHINE_FILE), 'utf8'), functions: stepsOf('communication', (name) => handlers[name]), invocable: directories },
  ]);
  const sfnEndpoint = await stepFunctions.listen();
  const stateMachineArn = stepFunctions.arnOf('dsr-request');

  const adminToken = options.adminToken ?? randomBytes(32).toString('base64url');
  const gateway = new HttpGateway(ROUTES, handlers as Record<string, ApiHandler>, adminToken);
  const baseUrl = await gateway.listen(options.port, options.host);

  // The handlers read this environment at their first call, as a Lambda does at cold start.
  Object.assign(process.env, {
    ...functionEnvironment(options.settings, {
      publicBaseUrl: options.settings.publicBaseUrl ?? baseUrl,
      tables: { requests: tables.requests, linkTokens: tables.linkTokens, audit: tables.audit, breaches: tables.breaches },
      archiveBucket: bucket,
    }),
    ...deploymentLists(options.settings, connectorArns),
    DSR_HOLIDAY_DATES: holidayDates(options.settings),
    S3_FORCE_PATH_STYLE: 'true',
    // The functions' metrics are CloudWatch log lines on AWS; here they would only fill the terminal.
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsEndpoint,
    STATE_MACHINE_ARN: stateMachineArn,
    DEADLINE_STATE_MACHINE_ARN: stepFunctions.arnOf('dsr-deadline'),
    BREACH_STATE_MACHINE_ARN: stepFunctions.arnOf('dsr-breach'),
    COMMUNICATION_STATE_MACHINE_ARN: stepFunctions.arnOf('dsr-communication'),
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: options.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: options.endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: options.endpoints.ses,
    AWS_ENDPOINT_URL_SFN: sfnEndpoint,
  });

  // Scheduled functions run every simulated hour, as EventBridge runs them every hour on AWS.
  const stopSchedules = new AbortController();
  if (options.schedules) {
    for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
      if ('everyHour' in spec && spec.everyHour) void everyHour(() => handlers[name]({}), stopSchedules.signal);
    }
  }

  // S3 applies the bucket's expiry rules whatever else runs: so does the twin (at most twice a real second, however fast its clock).
  const rules = expiryRules(options.settings);
  void everyHour(() => expireObjects(awsClients().s3, bucket, rules, now()), stopSchedules.signal, 500);

  return {
    baseUrl,
    stepFunctions,
    stateMachineArn,
    tables,
    bucket,
    adminToken,
    close: async () => {
      stopSchedules.abort();
      await gateway.close();
      await stepFunctions.close();
      await secretsManager.close();
    },
  };
}
