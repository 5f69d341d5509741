import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME, type Counted } from '../../functions/shared/metrics.js';

/** A metric-math alarm sums at most ten metrics. */
const PER_ALARM = 10;
const FIVE_MINUTES = Duration.minutes(5);

export interface MonitoringProps {
  /** Raises an alarm that emails the alarm topic's subscribers. */
  alarm: (id: string, description: string, metric: cloudwatch.IMetric) => void;
  functions: lambda.IFunction[];
  connectors: lambda.IFunction[];
  api: apigw.RestApi;
  requests: sfn.StateMachine;
}

/**
 * What an operator watches besides the workflows' own alarms: any function failing or
 * throttled (summed ten functions to an alarm, so that a platform's dozens of systems do
 * not cost dozens of alarms), the API answering 5xx, and one dashboard of the request
 * pipeline, from the form to the archive.
 */
export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    // Ids are unique within a graph that shows several sums.
    let sums = 0;
    const sumOf = (label: string, metrics: cloudwatch.IMetric[]) => {
      const id = `s${sums++}m`;
      return new cloudwatch.MathExpression({ expression: metrics.map((_m, i) => `${id}${i}`).join(' + '), usingMetrics: Object.fromEntries(metrics.map((m, i) => [`${id}${i}`, m])), label, period: FIVE_MINUTES });
    };
    const groups = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / PER_ALARM) }, (_, i) => items.slice(i * PER_ALARM, (i + 1) * PER_ALARM));

    for (const [kind, fns] of [['Functions', props.functions], ['Connectors', props.connectors]] as const) {
      groups(fns).forEach((group, i) => {
        props.alarm(`${kind}Failing${i + 1}`, `A Lambda function (${kind.toLowerCase()} ${i * PER_ALARM + 1}–${i * PER_ALARM + group.length}) ended in an error: see its logs; the workflow retries or hands the step to the DPO.`, sumOf('errors', group.map((fn) => fn.metricErrors({ period: FIVE_MINUTES }))));
        props.alarm(`${kind}Throttled${i + 1}`, `A Lambda function (${kind.toLowerCase()} ${i * PER_ALARM + 1}–${i * PER_ALARM + group.length}) was throttled: the account's concurrency is spent (docs/deploy.md, dsr:connectorConcurrency).`, sumOf('throttles', group.map((fn) => fn.metricThrottles({ period: FIVE_MINUTES }))));
      });
    }
    props.alarm('ApiServerErrors', 'The public API answered with a server error (5xx): learners or the DPO saw an error page.', props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }));

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    const graph = (title: string, left: cloudwatch.IMetric[]) => new cloudwatch.GraphWidget({ title, left, width: 12 });
    dashboard.addWidgets(
      graph('Form and links: requests, 4xx, 5xx', [props.api.metricCount({ period: FIVE_MINUTES }), props.api.metricClientError({ period: FIVE_MINUTES }), props.api.metricServerError({ period: FIVE_MINUTES })]),
      graph('Requests: started, succeeded, failed, timed out', [props.requests.metricStarted(), props.requests.metricSucceeded(), props.requests.metricFailed(), props.requests.metricTimedOut()]),
    );
    dashboard.addWidgets(
      graph('Overdue requests', [new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: 'OverdueRequests', statistic: 'Maximum', period: Duration.hours(1) })]),
      graph('Lambda errors and throttles', groups([...props.functions, ...props.connectors]).flatMap((group, i) => [sumOf(`errors ${i + 1}`, group.map((fn) => fn.metricErrors())), sumOf(`throttles ${i + 1}`, group.map((fn) => fn.metricThrottles()))])),
    );
    // The functions' own counts (functions/shared/metrics.ts), a day at a time.
    const counted = (name: Counted) => new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: SERVICE_NAME }, statistic: 'Sum', period: Duration.days(1) });
    dashboard.addWidgets(
      graph('Requests received, verified, answered', [counted('RequestsReceived'), counted('RequestsVerified'), counted('RequestsAnswered')]),
      graph('Exports failed, emails bounced', [counted('ExportsFailed'), counted('EmailsBounced')]),
    );
  }
}
