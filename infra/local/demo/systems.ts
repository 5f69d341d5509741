import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ConnectorDeclaration } from '../../../functions/connectors/declarations.js';
import { DEMO_ART15 } from './art15.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../emulators.js';
import { DEMO_NEWSLETTER, DEMO_BILLING, DEMO_ENROLMENTS, DEMO_FORUM_POSTS, DEMO_GRADES, DEMO_LEARNERS, DEMO_MESSAGES, DEMO_SUBMISSIONS } from './lms-data.js';

export const DEMO_VIDEO_SECRET_NAME = 'dsr/demo/video-platform';

/** The demo platform's systems, declared exactly as a deployment declares its own in cdk.json. */
export function demoConnectors(videoPlatformUrl: string, prefix = 'demo'): ConnectorDeclaration[] {
  const systems: ConnectorDeclaration[] = [
    {
      name: 'lms-account',
      title: 'Learning platform: account',
      type: 'dynamodb',
      table: `${prefix}-lms-users`,
      match: { attribute: 'email', subjectField: 'email', index: 'byEmail' },
      identifies: { userId: 'id' },
      directory: { attribute: 'id', email: 'email', language: 'lang' },
      rectify: { attributes: ['firstName', 'lastName', 'lang'] },
      restrict: { attribute: 'processingRestrictions' },
    },
    { name: 'lms-enrolments', title: 'Learning platform: enrolments', type: 'dynamodb', table: `${prefix}-lms-enrolments`, match: { attribute: 'userId', subjectField: 'userId' } },
    { name: 'lms-grades', title: 'Learning platform: grades', type: 'dynamodb', table: `${prefix}-lms-grades`, match: { attribute: 'userId', subjectField: 'userId' } },
    {
      name: 'forum',
      title: 'Forum posts',
      type: 'dynamodb',
      table: `${prefix}-lms-forum-posts`,
      match: { attribute: 'authorId', subjectField: 'userId', index: 'byAuthor' },
      erase: { mode: 'anonymise', attributes: ['authorId', 'authorName'] },
      rectify: { attributes: ['authorName'] },
    },
    { name: 'messages', title: 'Private messages', type: 'dynamodb', table: `${prefix}-lms-messages`, match: { attribute: 'userId', subjectField: 'userId' } },
    // Messages others sent to the learner: theirs to keep, but without the learner as recipient.
    {
      name: 'messages-received',
      title: 'Private messages received',
      type: 'dynamodb',
      table: `${prefix}-lms-messages`,
      match: { attribute: 'to', subjectField: 'userId', index: 'byRecipient' },
      erase: { mode: 'anonymise', attributes: ['to'] },
    },
    { name: 'submissions', title: 'Assignment submissions', type: 's3', bucket: `${prefix}-lms-files`, prefix: 'submissions/{userId}/' },
    { name: 'video-platform', title: 'Video platform: viewing history', type: 'http', url: videoPlatformUrl, secretName: DEMO_VIDEO_SECRET_NAME, callbackTimeoutSeconds: 2 * 86400 },
    {
      name: 'billing',
      title: 'Shop: invoices and payment',
      type: 'dynamodb',
      table: `${prefix}-billing`,
      match: { attribute: 'email', subjectField: 'email' },
      retention: [
        {
          category: 'Invoices',
          legalBasis: 'French Commercial Code, art. L123-22 (accounting records)',
          keepFor: { years: 10 },
          from: 'issuedAt',
          where: { attribute: 'kind', equals: 'invoice' },
        },
      ],
    },
    // A connector of the platform's own (the worked example of docs/connectors.md).
    { name: 'newsletter', title: 'Newsletter', type: 'lambda', entry: 'infra/local/demo/newsletter-connector.ts', environment: { NEWSLETTER_TABLE: `${prefix}-newsletter` } },
  ];
  return systems.map((s) => ({ ...s, art15: DEMO_ART15[s.name] }));
}

/** Creates the demo platform's tables and files in the twin's DynamoDB and S3. */
export async function seedDemoPlatform(endpoints: { dynamodb: string; s3: string }, prefix = 'demo'): Promise<void> {
  const db = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const table = async (name: string, pk: string, sk: string | undefined, items: object[], index?: { name: string; key: string }) => {
    const attributes = [pk, sk, index?.key].filter(Boolean) as string[];
    await db.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: pk, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' as const }] : [])],
        AttributeDefinitions: attributes.map((a) => ({ AttributeName: a, AttributeType: 'S' })),
        ...(index ? { GlobalSecondaryIndexes: [{ IndexName: index.name, KeySchema: [{ AttributeName: index.key, KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] } : {}),
      }),
    );
    for (let i = 0; i < items.length; i += 25) {
      await db.send(new BatchWriteItemCommand({ RequestItems: { [name]: items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })) } }));
    }
  };
  await table(`${prefix}-lms-users`, 'id', undefined, DEMO_LEARNERS, { name: 'byEmail', key: 'email' });
  await table(`${prefix}-lms-enrolments`, 'userId', 'course', DEMO_ENROLMENTS);
  await table(`${prefix}-lms-grades`, 'userId', 'item', DEMO_GRADES);
  await table(`${prefix}-lms-forum-posts`, 'postId', undefined, DEMO_FORUM_POSTS, { name: 'byAuthor', key: 'authorId' });
  await table(`${prefix}-lms-messages`, 'userId', 'sentAt', DEMO_MESSAGES, { name: 'byRecipient', key: 'to' });
  await table(`${prefix}-billing`, 'email', 'recordId', DEMO_BILLING);
  await table(`${prefix}-newsletter`, 'email', undefined, DEMO_NEWSLETTER);
  db.destroy();

  const s3 = new S3Client({ endpoint: endpoints.s3, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  const bucket = `${prefix}-lms-files`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const file of DEMO_SUBMISSIONS) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: file.key, Body: file.body, ContentType: file.contentType }));
  s3.destroy();
}
