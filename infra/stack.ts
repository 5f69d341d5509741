import { ArnFormat, CfnOutput, Duration, Stack, Validations, type CfnResource, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { METRICS_NAMESPACE } from '../functions/shared/metrics.js';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { PublicApi, STAGE } from './constructs/api.js';
import { DataStores } from './constructs/data.js';
import { Lambdas } from './constructs/lambdas.js';
import { Mail } from './constructs/mail.js';
import { Monitoring } from './constructs/monitoring.js';
import { WorkflowFromFile } from './constructs/workflow.js';
import { Connectors, stateMachineArn } from './constructs/connectors.js';
import { isDirectory } from '../functions/connectors/declarations.js';
import { BREACH_MACHINE_FILE, COMMUNICATION_MACHINE_FILE, DEADLINE_MACHINE_FILE, FUNCTIONS, ROUTES, STATE_MACHINE_FILE, stepsOf, type FunctionName } from './functions.js';
import { deploymentLists, functionEnvironment, holidayDates, type Settings } from './settings.js';
import { expiryRules } from './lifecycle.js';
import { acknowledgeFindings } from './nag.js';

export interface DsrStackProps extends StackProps {
  settings: Settings;
  /** Create the SES identity for the sender address (turn off when the address or its domain is already verified). */
  createSenderIdentity?: boolean;
}

/** An ARN as cdk-nag names it in a finding: CDK's tokens for pseudo parameters written <AWS::Name>. */
const nagArn = (arn: string) => arn.replace(/\$\{Token\[AWS\.(\w+)\.\d+\]\}/g, (_m, name: string) => `<AWS::${name}>`);

/** The whole product on AWS: data stores, functions, the request workflow and the public API. */
export class DsrStack extends Stack {
  constructor(scope: Construct, id: string, props: DsrStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const data = new DataStores(this, 'Data', { expiryRules: expiryRules(settings) });
    const api = new PublicApi(this, 'Public', { requestsPerFiveMinutesPerAddress: 300, createLogsRole: settings.createApiLogsRole });
    const publicBaseUrl = settings.publicBaseUrl ?? api.baseUrl;
    const stateMachineName = `${this.stackName}-requests`;
    const connectors = new Connectors(this, 'DataSystems', {
      data,
      declarations: settings.connectors,
      publicBaseUrl,
      stateMachineArn: stateMachineArn(this, stateMachineName),
      concurrency: settings.connectorConcurrency,
    });
    const lambdas = new Lambdas(this, 'Functions', {
      data,
      bundled: { DSR_HOLIDAY_DATES: holidayDates(settings), ...deploymentLists(settings, connectors.functionNames) },
      senderEmail: settings.senderEmail,
      secrets: {
        systems: connectors.secrets,
        recipients: settings.recipients.filter((r) => r.secretName).map((r, i) => secretsmanager.Secret.fromSecretNameV2(this, `Recipient${i}Secret`, r.secretName!)),
      },
      environment: functionEnvironment(settings, {
        publicBaseUrl,
        tables: { requests: data.requests.tableName, linkTokens: data.linkTokens.tableName, audit: data.audit.tableName, breaches: data.breaches.tableName },
        archiveBucket: data.bucket.bucketName,
      }),
    });

    const workflow = new WorkflowFromFile(this, 'RequestWorkflow', {
      definitionFile: STATE_MACHINE_FILE,
      functions: stepsOf('requests', (name) => lambdas.byName[name]),
      invocable: Object.values(connectors.byName),
      stateMachineName,
    });
    const deadlinesName = `${this.stackName}-deadlines`;
    const deadlines = new WorkflowFromFile(this, 'DeadlineWatch', {
      definitionFile: DEADLINE_MACHINE_FILE,
      functions: stepsOf('deadline', (name) => lambdas.byName[name]),
      stateMachineName: deadlinesName,
    });
    const requestExecutions = this.formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const breachesName = `${this.stackName}-breaches`;
    const breachClocks = new WorkflowFromFile(this, 'BreachClock', {
      definitionFile: BREACH_MACHINE_FILE,
      functions: stepsOf('breach', (name) => lambdas.byName[name]),
      stateMachineName: breachesName,
    });
    const communicationsName = `${this.stackName}-communications`;
    const communications = new WorkflowFromFile(this, 'BreachCommunication', {
      definitionFile: COMMUNICATION_MACHINE_FILE,
      functions: stepsOf('communication', (name) => lambdas.byName[name]),
      // The directory systems find the people of a list of user ids.
      invocable: settings.connectors.filter(isDirectory).map((c) => connectors.byName[c.name]),
      stateMachineName: communicationsName,
    });
    const communicationExecutions = this.formatArn({ service: 'states', resource: 'execution', resourceName: `${communicationsName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const clockExecutions = this.formatArn({ service: 'states', resource: 'execution', resourceName: `${breachesName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const watchExecutions = this.formatArn({ service: 'states', resource: 'execution', resourceName: `${deadlinesName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
      const fn = lambdas.byName[name];
      if ('startsWorkflow' in spec && spec.startsWorkflow) workflow.stateMachine.grantStartExecution(fn);
      if (('startsWorkflow' in spec && spec.startsWorkflow) || ('stopsWorkflow' in spec && spec.stopsWorkflow)) fn.addEnvironment('STATE_MACHINE_ARN', workflow.stateMachine.stateMachineArn);
      if ('stopsWorkflow' in spec && spec.stopsWorkflow) {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StopExecution'], resources: [requestExecutions] }));
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagArn(requestExecutions)}]`,
          reason: 'A request\'s execution is named after the request, so StopExecution (an operator cancelling a request) is granted on the request machine\'s executions only.',
        });
      }
      if ('watchesDeadlines' in spec && spec.watchesDeadlines) {
        // A request's deadline is watched from its receipt...
        deadlines.stateMachine.grantStartExecution(fn);
        // ...and its watch replaced when the request is not accepted after all, its deadline extended, or it is cancelled.
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StopExecution'], resources: [watchExecutions] }));
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagArn(watchExecutions)}]`,
          reason: 'A watch execution is named after its request (<request>-deadline), so StopExecution is granted on the deadline machine\'s executions only, and nothing else.',
        });
        fn.addEnvironment('DEADLINE_STATE_MACHINE_ARN', deadlines.stateMachine.stateMachineArn);
      }
      if ('startsBreachClock' in spec && spec.startsBreachClock) {
        breachClocks.stateMachine.grantStartExecution(fn);
        // ...and stops it once the notification, or that none is due, is recorded.
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StopExecution'], resources: [clockExecutions] }));
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagArn(clockExecutions)}]`,
          reason: 'A breach clock\'s execution is named after its breach, so StopExecution is granted on the breach machine\'s executions only.',
        });
        fn.addEnvironment('BREACH_STATE_MACHINE_ARN', breachClocks.stateMachine.stateMachineArn);
      }
      if ('startsCommunication' in spec && spec.startsCommunication) {
        communications.stateMachine.grantStartExecution(fn);
        // ...looks whether a sending still runs before resuming it, and stops one it could not record.
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [communicationExecutions] }));
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagArn(communicationExecutions)}]`,
          reason: 'A communication\'s execution is named after its breach, so DescribeExecution and StopExecution are granted on the communication machine\'s executions only.',
        });
        fn.addEnvironment('COMMUNICATION_STATE_MACHINE_ARN', communications.stateMachine.stateMachineArn);
      }
      if ('resumesCommunication' in spec && spec.resumesCommunication) communications.stateMachine.grantTaskResponse(fn);
      if ('resumesWorkflow' in spec && spec.resumesWorkflow) workflow.stateMachine.grantTaskResponse(fn);
    }
    // A breach communication's emails go through a configuration set whose bounces reach RecordBounces.
    const bounces = new sns.Topic(this, 'CommunicationBounces', { displayName: 'Breach communications: bounces', masterKey: data.key, enforceSSL: true });
    // SES publishes to the encrypted topic: the key's use is granted to SES for this account's events only.
    data.key.grant(new iam.ServicePrincipal('ses.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }), 'kms:Decrypt', 'kms:GenerateDataKey*');
    bounces.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('ses.amazonaws.com')], actions: ['sns:Publish'], resources: [bounces.topicArn], conditions: { StringEquals: { 'AWS:SourceAccount': this.account } } }),
    );
    const communicationMail = new ses.ConfigurationSet(this, 'CommunicationMail');
    communicationMail.addEventDestination('Bounces', { destination: ses.EventDestination.snsTopic(bounces), events: [ses.EmailSendingEvent.BOUNCE] });
    for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
      const fn = lambdas.byName[name];
      if ('sendsCommunication' in spec && spec.sendsCommunication) {
        fn.addEnvironment('COMMUNICATION_CONFIGURATION_SET', communicationMail.configurationSetName);
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: communicationMail.configurationSetName })] }));
      }
      if ('onBounces' in spec && spec.onBounces) bounces.addSubscription(new subscriptions.LambdaSubscription(fn));
    }

    for (const route of ROUTES) api.route(route, lambdas.byName[route.function]);
    for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
      if ('everyHour' in spec && spec.everyHour) {
        new events.Rule(this, `${name}Schedule`, { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(lambdas.byName[name], { retryAttempts: 2 })] });
      }
    }

    if (props.createSenderIdentity ?? true) {
      new ses.EmailIdentity(this, 'Sender', { identity: ses.Identity.email(settings.senderEmail) });
    }

    // Alarms reach a person: the DPO (or dsr:alarmEmail) by email.
    const alarms = new sns.Topic(this, 'Alarms', { displayName: 'Data subject requests: alarms', masterKey: data.key, enforceSSL: true });
    alarms.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail ?? settings.dpoEmail));
    // CloudWatch publishes alarms to the encrypted topic.
    data.key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const notify = new cloudwatchActions.SnsAction(alarms);
    const alarm = (id: string, description: string, metric: cloudwatch.IMetric) =>
      new cloudwatch.Alarm(this, id, { alarmDescription: description, metric, threshold: 1, evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING }).addAlarmAction(notify);
    alarm('RequestsOverdue', 'At least one data-subject request is past its legal due date.', new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: 'OverdueRequests', statistic: 'Maximum', period: Duration.hours(1) }));
    alarm('RequestsFailing', 'A data-subject request workflow failed after its retries: the request is marked failed and needs a person.', workflow.stateMachine.metricFailed({ period: Duration.minutes(5) }));
    alarm('DeadlineWatchFailing', 'A deadline watchdog failed after its retries: a request may pass its due date unnoticed.', deadlines.stateMachine.metricFailed({ period: Duration.minutes(5) }));
    alarm('RequestsTimedOut', 'A request workflow execution timed out: the request ended unanswered.', workflow.stateMachine.metricTimedOut({ period: Duration.minutes(5) }));
    alarm('DeadlineWatchTimedOut', 'A deadline watch timed out: a request may pass its due date unnoticed.', deadlines.stateMachine.metricTimedOut({ period: Duration.minutes(5) }));
    alarm('BreachCommunicationFailing', 'A breach communication failed after its retries: resume it (npx dsr breaches communicate ID --resume); nobody is written to twice.', communications.stateMachine.metricFailed({ period: Duration.minutes(5) }));
    alarm('BreachClockFailing', 'A breach clock failed after its retries: the 72 hours to notify the authority may pass unnoticed.', breachClocks.stateMachine.metricFailed({ period: Duration.minutes(5) }));
    new Monitoring(this, 'Monitoring', { alarm, functions: Object.values(lambdas.byName), connectors: Object.values(connectors.byName), api: api.api, requests: workflow.stateMachine });

    // Every other email goes through the Mail configuration set: its bounces and complaints reach RecordBounces on the
    // same topic (tagged with their request), and both sets' are counted for the mail alarms, sent to the alarm topic.
    const mail = new Mail(this, 'Mail', { events: bounces, communication: communicationMail, alarmAction: notify });
    const mailSet = this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: mail.configurationSet.configurationSetName });
    for (const [name, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
      if (!('sendsEmail' in spec && spec.sendsEmail)) continue;
      lambdas.byName[name].addEnvironment('MAIL_CONFIGURATION_SET', mail.configurationSet.configurationSetName);
      lambdas.byName[name].addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [mailSet] }));
    }

    // Operators: attach this policy to the people or roles who run `npx dsr` against this stack.
    const administrators = api.adminPolicy(this, 'Administrators');
    Validations.of(administrators).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${nagArn(this.region)}:${nagArn(this.account)}:<${this.getLogicalId(api.api.node.defaultChild as CfnResource)}>/${STAGE}/*/admin/*]`,
      reason: 'Invoke is granted on the admin routes of this API\'s stage, any method: the routes carry request ids, so the path ends in a wildcard.',
    });
    new CfnOutput(this, 'AdminEndpoint', { value: api.baseUrl, description: 'The admin API: DSR_ENDPOINT for npx dsr' });
    new CfnOutput(this, 'AdminPolicyArn', { value: administrators.managedPolicyArn, description: 'Attach to the operators who may call the admin API' });
    new CfnOutput(this, 'FormUrl', { value: `${settings.publicBaseUrl ?? api.baseUrl}/`, description: 'The request form' });
    new CfnOutput(this, 'StateMachineArn', { value: workflow.stateMachine.stateMachineArn });
    acknowledgeFindings(this, data.bucket);
  }
}
