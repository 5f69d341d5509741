import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { Route } from '../functions.js';

export const STAGE = 'prod';

/**
 * The public entrance: a REST API (throttled, access-logged) behind a WAF web ACL with a
 * per-address rate rule and AWS's common rule set.
 */
export class PublicApi extends Construct {
  readonly api: apigw.RestApi;

  constructor(scope: Construct, id: string, props: { requestsPerFiveMinutesPerAddress: number; createLogsRole: boolean }) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.api = new apigw.RestApi(this, 'Api', {
      description: 'Data-subject requests: form, links from emails, admin API',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // The access log needs the account's API Gateway CloudWatch role: created here on request
      // (and kept when the stack goes: other APIs of the account may use it), else the account's own.
      cloudWatchRole: props.createLogsRole,
      ...(props.createLogsRole ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
      deployOptions: {
        stageName: STAGE,
        throttlingRateLimit: 20,
        throttlingBurstLimit: 40,
        // No stage tracing: X-Ray would record every request's full URL, and link tokens travel in paths.
        // The functions behind it are traced.
        tracingEnabled: false,
        // The access log keeps no path: link tokens travel in it.
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({ requestId: '$context.requestId', time: '$context.requestTime', method: '$context.httpMethod', resource: '$context.resourcePath', status: '$context.status', latencyMs: '$context.responseLatency', wafStatus: '$context.waf.status' }),
        ),
      },
    });

    if (props.createLogsRole) {
      Validations.of(this.api.node.findChild('CloudWatchRole')).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The account-wide role API Gateway assumes to write the logs of every API of the account and region; AWS\'s managed policy is the one its documentation prescribes for it, and no stack-scoped policy could serve the other APIs.',
      });
    }

    const acl = new wafv2.CfnWebACL(this, 'Firewall', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'dsr-api', sampledRequestsEnabled: false },
      rules: [
        {
          name: 'rate-per-address',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.requestsPerFiveMinutesPerAddress, aggregateKeyType: 'IP' } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'dsr-rate', sampledRequestsEnabled: false },
        },
        {
          name: 'aws-common',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Its 8 KB body limit would block the callbacks of external systems (up to 5 MB);
              // the functions bound every body themselves (16 KB for forms, 5 MB for callbacks).
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'dsr-common', sampledRequestsEnabled: false },
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'FirewallOnStage', { resourceArn: this.api.deploymentStage.stageArn, webAclArn: acl.attrArn });
  }

  /** The API's own base URL, built from its id only so that functions can know it without a dependency cycle. */
  get baseUrl(): string {
    const stack = Stack.of(this);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${STAGE}`;
  }

  route(route: Route, fn: lambda.IFunction): void {
    const resource = route.path === '/' ? this.api.root : this.api.root.resourceForPath(route.path);
    // No permission for the console's test calls: one per route fewer (a stack holds 500 resources).
    resource.addMethod(route.method, new apigw.LambdaIntegration(fn, { allowTestInvoke: false }), {
      operationName: `${route.method} ${route.path}`,
      // Admin routes: only a caller whose IAM identity may invoke them (the Administrators policy), signed with SigV4.
      ...(route.admin ? { authorizationType: apigw.AuthorizationType.IAM } : {}),
    });
  }

  /** A managed policy that lets whoever it is attached to call the admin routes, and nothing else. */
  adminPolicy(scope: Construct, id: string): iam.ManagedPolicy {
    return new iam.ManagedPolicy(scope, id, {
      description: 'Calls the data-subject requests admin API (the dsr command line)',
      statements: [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [this.api.arnForExecuteApi('*', '/admin/*', STAGE)] })],
    });
  }
}
