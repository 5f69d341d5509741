/**
 * The twin's servers answer on the loopback address only: DynamoDB Local holds the
 * learners' addresses, the S3 server their archives, the SES server every email. Each is
 * reached on 127.0.0.1 and refused on the machine's other addresses.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestTwin, type TestTwin } from '../support/twin.js';

const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'] });
});

describe.skipIf(!outside)('the twin\'s servers', () => {
  it('listen on 127.0.0.1 and nowhere else', async () => {
    const endpoints = inject('endpoints');
    const servers = {
      'DynamoDB Local': endpoints.dynamodb,
      'the S3 server': endpoints.s3,
      'the SES server and mailbox': endpoints.ses,
      'the API': twin.baseUrl,
      'Step Functions': process.env.AWS_ENDPOINT_URL_SFN!,
      'Secrets Manager': process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER!,
    };
    for (const [name, endpoint] of Object.entries(servers)) {
      const port = Number(new URL(endpoint).port);
      expect(await reachable('127.0.0.1', port), `${name} on 127.0.0.1`).toBe(true);
      expect(await reachable(outside!, port), `${name} on ${outside}`).toBe(false);
    }
  });
});
