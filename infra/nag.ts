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
  nag.acknowledge(
    {
      id: bucketKeysFinding(bucket, 'staging/*'),
      reason: 'Exports are staged under staging/<requestId>/<system>/ in the product\'s own bucket. Only the functions that handle every system\'s files have the prefix, with exact actions: the archive (reads and deletes them), the receipt and the clean-up step (delete them), the admin actions (delete a cancelled request\'s files), the callbacks (keep an HTTP system\'s answer); each connector has its own system\'s keys only.',
    },
    {
      id: bucketKeysFinding(bucket, 'staging/breach-*'),
      reason: 'A breach communication\'s user ids and the directories\' answers are staged under staging/breach-<breachId>/<list>/ in the product\'s own bucket: keys are made per breach, so the communication, which writes the ids and reads every answer, is granted that prefix only, with exact actions.',
    },
    {
      id: bucketKeysFinding(bucket, 'breaches/*'),
      reason: 'A breach\'s list of affected addresses is breaches/<breachId>/recipients.csv in the product\'s own bucket: keys are made per breach, so access is granted on the prefix, with exact actions.',
    },
    {
      id: bucketKeysFinding(bucket, 'archives/*'),
      reason: 'Archives are archives/<requestId>.zip in the product\'s own bucket: keys are made per request, so access is granted on the prefix, with exact actions.',
    },
  );
  nag.acknowledge(
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords and the Step Functions log-delivery actions do not support resource-level permissions; AWS requires "*".',
    },
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

/** The cdk-nag finding of a wildcard on some keys of the product's bucket, as it names it. */
export function bucketKeysFinding(bucket: s3.IBucket, keys: string): string {
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnResource);
  return `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${keys}]`;
}
