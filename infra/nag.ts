import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * cdk-nag findings that are accepted, each with the reason it is right for this product.
 * Anything not listed here fails `cdk synth`. Wildcards are acknowledged by their exact
 * form, so a new wildcard still fails.
 */
export function acknowledgeFindings(scope: Construct, bucket: s3.IBucket): void {
  const nag = Validations.of(scope);
  const bucketId = Stack.of(scope).getLogicalId(bucket.node.defaultChild as CfnResource);
  nag.acknowledge(
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/staging/*]`,
      reason: 'Exports are staged under staging/<requestId>/<system>/ in the product\'s own bucket: keys are made per request, so access is granted on the prefix, with exact actions.',
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/staging/breach-*]`,
      reason: 'A breach communication\'s user ids and the directories\' answers are staged under staging/breach-<breachId>/<list>/ in the product\'s own bucket: keys are made per breach, so access is granted on that prefix only, with exact actions.',
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/breaches/*]`,
      reason: 'A breach\'s list of affected addresses is breaches/<breachId>/recipients.csv in the product\'s own bucket: keys are made per breach, so access is granted on the prefix, with exact actions.',
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/archives/*]`,
      reason: 'Archives are archives/<requestId>.zip in the product\'s own bucket: keys are made per request, so access is granted on the prefix, with exact actions.',
    },
  );
  nag.acknowledge(
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords and the Step Functions log-delivery actions do not support resource-level permissions; AWS requires "*".',
    },
    ...['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'].map((finding) => ({
      id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
      reason: 'CDK grants on the one customer-managed key use the action families kms:GenerateDataKey* and kms:ReEncrypt*; the resource is that key only.',
    })),
    {
      id: 'AwsSolutions-APIG4',
      reason: 'The form is public by law (anyone may file a request); the routes of links from emails are authorised by the 256-bit single-use link token in their path; the admin routes are IAM-authorised.',
    },
    {
      id: 'AwsSolutions-COG4',
      reason: 'Learners and the DPO act through single-use links from emails, not accounts; a Cognito user pool would add a login the GDPR does not require of a data subject.',
    },
    {
      id: 'AwsSolutions-APIG2',
      reason: 'Requests are validated in the function, which answers with a message per field in the learner\'s language (and re-shows the form); a gateway validator could only give a generic error.',
    },
    {
      id: 'AwsSolutions-APIG6',
      reason: 'Execution logging is off because it writes each request\'s full path and body, and link tokens travel in paths and personal data in bodies. The access log is on, with the route\'s template instead of the path.',
    },
  );
}
