import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface MailProps {
  /** The encrypted topic SES publishes bounces and complaints to, with RecordBounces subscribed. */
  events: sns.ITopic;
  /** The breach communications' own configuration set: its bounces and complaints are counted too. */
  communication: ses.ConfigurationSet;
  /** Where the alarms go: the stack's alarm topic. */
  alarmAction: cloudwatch.IAlarmAction;
}

/** The CloudWatch dimension of SES's event metrics: the configuration set, an auto-tag of every email. */
const SET_DIMENSION = 'ses:configuration-set';

/**
 * The SES configuration set of every email but a breach communication's (which has its
 * own): its bounces and complaints go to the events topic, where RecordBounces finds the
 * request each email was about by its tags (functions/shared/mail.ts), and both sets' are
 * counted in CloudWatch for the alarms.
 *
 * Two kinds of alarm, because they answer two questions. The sets' own counts
 * (`AWS/SES` `Bounce` and `Complaint` by configuration set) are this product's emails
 * only, at once: one bounce of a letter about a request, one complaint. The account's
 * reputation rates (`Reputation.BounceRate`, `Reputation.ComplaintRate`) are what SES
 * acts on: an account is reviewed at 5 % bounces or 0.1 % complaints and may be paused
 * at 10 % or 0.5 %, which a breach communication to a stale list of addresses can reach.
 */
export class Mail extends Construct {
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'Set');
    this.configurationSet.addEventDestination('BouncesAndComplaints', { destination: ses.EventDestination.snsTopic(props.events), events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT] });
    const counted = [this.configurationSet, props.communication];
    for (const set of counted) {
      set.addEventDestination('Counts', {
        destination: ses.EventDestination.cloudWatchDimensions([{ name: SET_DIMENSION, source: ses.CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: set.configurationSetName }]),
        events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
      });
    }
    const count = (metricName: 'Bounce' | 'Complaint', set: ses.IConfigurationSet) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, dimensionsMap: { [SET_DIMENSION]: set.configurationSetName }, statistic: 'Sum', period: Duration.minutes(5) });
    const alarm = (alarmId: string, description: string, metric: cloudwatch.IMetric, threshold = 1) =>
      new cloudwatch.Alarm(this, alarmId, { alarmDescription: description, metric, threshold, evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING }).addAlarmAction(props.alarmAction);

    alarm(
      'Bounced',
      'An email about a request bounced: the learner (or the DPO, or a recipient) did not get it. The request\'s audit trail says which (email_bounced; npx dsr requests show ID); the digest marks a learner\'s.',
      count('Bounce', this.configurationSet),
    );
    alarm(
      'Complaints',
      'Someone marked an email of the product as spam (a request\'s: email_complained in its audit trail; or a breach communication\'s). SES reviews the account above 0.1 % complaints.',
      new cloudwatch.MathExpression({ expression: 'FILL(mail, 0) + FILL(communication, 0)', usingMetrics: { mail: count('Complaint', this.configurationSet), communication: count('Complaint', props.communication) }, period: Duration.minutes(5), label: 'Complaints' }),
    );
    const reputation = (metricName: string) => new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarm('AccountBounceRate', 'The SES account\'s bounce rate reached 5 %: SES reviews the account there and may pause its sending at 10 % (every email, requests\' included). Look at the last breach communication\'s bounces.', reputation('Reputation.BounceRate'), 0.05);
    alarm('AccountComplaintRate', 'The SES account\'s complaint rate reached 0.1 %: SES reviews the account there and may pause its sending at 0.5 %.', reputation('Reputation.ComplaintRate'), 0.001);
  }
}
