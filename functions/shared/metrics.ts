import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of the product's own metrics, which the stack's alarms watch. */
export const METRICS_NAMESPACE = 'DsrWorkflow';

/** The counts that say how the pipeline goes (the dashboard shows them). */
export type Counted = 'RequestsReceived' | 'RequestsVerified' | 'RequestsAnswered' | 'ExportsFailed' | 'EmailsBounced';

/** The metrics' one dimension, `service`. */
export const SERVICE_NAME = 'dsr-workflow';

let metrics: Metrics | undefined;

/**
 * Counts `value` of `name`, published at once as a line of the function's log in CloudWatch's
 * embedded metric format: no API call, nothing personal. A retried step may count twice;
 * these are trends, not the register. The twin sets POWERTOOLS_METRICS_DISABLED.
 */
export function count(name: Counted, value = 1): void {
  if (value <= 0) return;
  // Made at the first count, once the environment (POWERTOOLS_METRICS_DISABLED in the twin) is set.
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
}
