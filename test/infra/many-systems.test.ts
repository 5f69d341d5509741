import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ART15 } from '../../infra/local/demo/art15.js';
import { expectConnectorsConfined } from '../support/connector-privilege.js';

const run = promisify(execFile);

/**
 * A platform with fifty data systems, as a large deployment declares them, synthesized
 * offline with the AWS-only settings on: what only a deployment would find out (Lambda's
 * 4 KB environment, CloudFormation's 500 resources) must show here.
 */
const SYSTEMS: Array<Record<string, unknown>> = Array.from({ length: 50 }, (_, i) => {
  const name = `system-${String(i).padStart(2, '0')}`;
  switch (i % 4) {
    case 0:
      return {
        name,
        title: `Table ${i}`,
        type: 'dynamodb',
        table: `platform-table-${i}`,
        match: { attribute: 'userId', subjectField: 'userId' },
        retention: [{ category: 'Invoices', legalBasis: 'Accounting law', keepFor: { years: 10 } }],
        ...(i < 20 ? { directory: { attribute: 'userId', email: 'email' } } : {}),
      };
    case 1:
      return { name, title: `Files ${i}`, type: 's3', bucket: `platform-files-${i}`, prefix: 'users/{userId}/' };
    case 2:
      return { name, title: `Service ${i}`, type: 'http', url: `https://service${i}.example/dsr`, secretName: `dsr/service-${i}`, directory: i < 20 };
    default:
      return { name, title: `Function ${i}`, type: 'lambda', functionArn: `arn:aws:lambda:eu-west-3:111111111111:function:platform-${i}`, directory: i < 20 };
  }
});
// Each declares what it does as the demo platform's systems do (the largest part of the bundled list).
SYSTEMS.forEach((s, i) => (s.art15 = Object.values(DEMO_ART15)[i % 10]));
SYSTEMS[0] = { ...SYSTEMS[0], match: { attribute: 'email', subjectField: 'email', index: 'byEmail' }, identifies: { userId: 'id' } };

const out = mkdtempSync(join(tmpdir(), 'dsr-synth-50-'));
let template: { Resources: Record<string, { Type: string; Properties: any }> };
beforeAll(async () => {
  const context = { 'dsr:connectors': JSON.stringify(SYSTEMS), 'dsr:createApiLogsRole': 'true', 'dsr:connectorConcurrency': '5' };
  await run('npx', ['cdk', 'synth', '-q', '-o', out, ...Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`])], {
    env: { ...process.env, CDK_DEFAULT_REGION: 'eu-west-3', CDK_DEFAULT_ACCOUNT: '111111111111' },
    maxBuffer: 16 * 1024 * 1024,
  });
  template = JSON.parse(readFileSync(join(out, 'DsrWorkflow.template.json'), 'utf8'));
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const resources = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** A value's length once deployed: a reference (an ARN, a name, a URL) counted at the longest an ARN gets. */
function deployedLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value && typeof value === 'object') {
    const [fn, args] = Object.entries(value)[0];
    if (fn === 'Fn::Join') return (args[1] as unknown[]).reduce<number>((sum, part) => sum + deployedLength(part), 0);
    return 200;
  }
  return String(value).length;
}

describe('a deployment with fifty data systems', () => {
  it('keeps every function\'s environment well under Lambda\'s 4 KB, with ARN-length values', () => {
    const sizes = resources('AWS::Lambda::Function').map(([id, fn]) => {
      const variables: Record<string, unknown> = fn.Properties.Environment?.Variables ?? {};
      return [id, Object.entries(variables).reduce((sum, [k, v]) => sum + k.length + deployedLength(v), 0)] as const;
    });
    expect(sizes.length).toBeGreaterThan(75);
    for (const [id, size] of sizes) expect(size, id).toBeLessThan(3 * 1024);
  });

  it('stays under CloudFormation\'s 500 resources, with room to spare, its fifty connectors watched by a few alarms', () => {
    expect(Object.keys(template.Resources).length).toBeLessThan(450);
    const connectorAlarms = resources('AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('Connectors'));
    expect(connectorAlarms).toHaveLength(10); // failing and throttled, ten connectors each
    for (const [id, alarm] of connectorAlarms) expect(alarm.Properties.AlarmActions, id).toHaveLength(1);
  });

  it('confines each of the fifty connectors to its own system: its staged keys, the request by its key, callback links for HTTP systems, Decrypt and GenerateDataKey', () => {
    expect(SYSTEMS.filter((s) => s.directory).length).toBeGreaterThan(10); // directories of each kind but S3's
    expectConnectorsConfined(template, SYSTEMS as Array<{ name: string; type: string; directory?: unknown }>);
  });

  it('caps each connector\'s concurrency, and creates the account\'s API Gateway logging role, kept when the stack goes', () => {
    const connectors = resources('AWS::Lambda::Function').filter(([id]) => id.startsWith('DataSystems'));
    expect(connectors).toHaveLength(50);
    for (const [id, fn] of connectors) expect(fn.Properties.ReservedConcurrentExecutions, id).toBe(5);
    const [account] = resources('AWS::ApiGateway::Account');
    expect(account[1].Properties.CloudWatchRoleArn).toBeDefined();
    const role = Object.values(template.Resources).find((r: any) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties.ManagedPolicyArns ?? []).includes('AmazonAPIGatewayPushToCloudWatchLogs')) as any;
    expect(role.DeletionPolicy).toBe('Retain');
  });
});
