import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';

/**
 * Tracing as it runs in Lambda: every AWS SDK call becomes an X-Ray subsegment sent to the
 * daemon, naming its service, operation and table or bucket, never an S3 key (a staged
 * file's name may name the learner). Here a UDP socket plays the daemon and the calls go
 * to the local servers; outside Lambda the clients are left as they are.
 */
let daemon: Socket;
const documents: Array<Record<string, any>> = [];
const lambdaEnv = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: '/var/task',
  _X_AMZN_TRACE_ID: 'Root=1-6744a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1',
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
};

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (packet) => {
    const [, body] = packet.toString('utf8').split('\n');
    documents.push(JSON.parse(body));
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
});
afterAll(() => {
  daemon.close();
  vi.unstubAllEnvs();
});

/** The client modules as a fresh cold start loads them, under `env`. */
async function coldStart(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const { dynamoClient } = await import('../../functions/shared/clients/dynamo.js');
  const { s3Client } = await import('../../functions/shared/clients/s3.js');
  return { dynamoClient, s3Client };
}

describe('AWS SDK clients', () => {
  it('are traced in Lambda, with table and bucket names but no S3 key', async () => {
    const { dynamodb, s3 } = inject('endpoints');
    const { dynamoClient, s3Client } = await coldStart({ ...lambdaEnv, AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`, AWS_ENDPOINT_URL_DYNAMODB: dynamodb, AWS_ENDPOINT_URL_S3: s3, S3_FORCE_PATH_STYLE: 'true' });
    const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');

    await dynamoClient().send(new ListTablesCommand({}));
    await dynamoClient().send(new GetCommand({ TableName: 'no-such-table', Key: { id: 'x' } })).catch(() => undefined);
    await s3Client().send(new HeadObjectCommand({ Bucket: 'no-such-bucket', Key: 'staging/ada-lovelace.pdf' })).catch(() => undefined);

    await vi.waitFor(() => expect(documents.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    const traced = documents.map((d) => ({ name: d.name, operation: d.aws?.operation, trace: d.trace_id, parent: d.parent_id }));
    expect(traced).toEqual(
      expect.arrayContaining([
        { name: 'DynamoDB', operation: 'ListTables', trace: '1-6744a1b2-0123456789abcdef01234567', parent: '53995c3f42cd8ad8' },
        expect.objectContaining({ name: 'DynamoDB', operation: 'GetItem' }),
        expect.objectContaining({ name: 'S3', operation: 'HeadObject' }),
      ]),
    );
    expect(documents.find((d) => d.aws?.operation === 'GetItem')!.aws.table_name).toBe('no-such-table');
    const head = documents.find((d) => d.aws?.operation === 'HeadObject')!;
    expect(head.aws.bucket_name).toBe('no-such-bucket');
    expect(JSON.stringify(documents)).not.toContain('ada-lovelace');
  });

  it('leave SES untraced even in Lambda: its refusals name addresses', async () => {
    vi.resetModules();
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    const { sesClient } = await import('../../functions/shared/clients/ses.js');
    const { SESv2Client } = await import('@aws-sdk/client-sesv2');

    expect(sesClient().middlewareStack.identify()).toEqual(new SESv2Client({ region: 'eu-west-3' }).middlewareStack.identify());
  });

  it('are left as they are outside Lambda', async () => {
    vi.unstubAllEnvs();
    vi.resetModules();
    const { S3Client } = await import('@aws-sdk/client-s3');
    const { traced } = await import('../../functions/shared/clients/traced.js');
    const client = new S3Client({ region: 'eu-west-3' });
    const before = client.middlewareStack.identify().length;

    expect(traced(client)).toBe(client);
    expect(client.middlewareStack.identify()).toHaveLength(before);
  });
});
