import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { answerFile, directoryPrefix, USER_IDS_FILE } from '../../functions/connectors/directory.js';
import { stagingPrefix } from '../../functions/connectors/handler-kit.js';
import { ANSWER_FILE, FILE_LIST } from '../../functions/connectors/kit.js';
import { actionsOn, allows, logicalId, resourcesOf, roleStatements, type Template } from './template.js';

interface Declared {
  name: string;
  type: string;
  directory?: unknown;
}

/** The statements of the connector of one declared system, found by the declaration in its environment. */
function connectorStatements(template: Template, system: string) {
  const fn = resourcesOf(template, 'AWS::Lambda::Function').find(([, f]) => JSON.parse(f.Properties.Environment?.Variables?.CONNECTOR ?? '{}').name === system);
  if (!fn) throw new Error(`no connector for ${system}`);
  return roleStatements(template, fn[0]);
}

/**
 * Asserts, on the keys the code really writes (staging/<request>/<system>/, a breach
 * list's files), that each connector reaches its own system's keys and no other's, reads
 * the request by its key only, uses link tokens only as an HTTP system's callbacks need,
 * and the key only to decrypt and to write objects.
 */
export function expectConnectorsConfined(template: Template, systems: Declared[]): void {
  const bucket = `<${logicalId(template, 'AWS::S3::Bucket', 'DataArchives')}.Arn>/`;
  const requests = logicalId(template, 'AWS::DynamoDB::Table', 'DataRequests');
  const linkTokens = logicalId(template, 'AWS::DynamoDB::Table', 'DataLinkTokens');
  const key = logicalId(template, 'AWS::KMS::Key', 'DataKey');
  const [request, breach] = [randomUUID(), randomUUID()];
  const list = `${breach}-c0-a1b2c3`;

  for (const system of systems) {
    const statements = connectorStatements(template, system.name);
    const may = (action: string, objectKey: string) => allows(statements, action, bucket + objectKey);
    const own = stagingPrefix(request, system.name);
    const directory = system.type !== 's3' && !!system.directory;

    // Its own exports: written, never read back (the archive reads them), nothing else of the bucket listed.
    expect(may('s3:PutObject', `${own}records.json`), system.name).toBe(true);
    expect(may('s3:PutObject', `${own}${FILE_LIST}`), system.name).toBe(true);
    expect(may('s3:AbortMultipartUpload', `${own}big.bin`), system.name).toBe(true);
    expect(may('s3:GetObject', `${own}${FILE_LIST}`), system.name).toBe(false);
    expect(may('s3:DeleteObject', `${own}records.json`), system.name).toBe(false);
    expect(actionsOn(statements, logicalId(template, 'AWS::S3::Bucket', 'DataArchives')), system.name).not.toContain('s3:ListBucket');
    for (const elsewhere of [`archives/${request}.zip`, `breaches/${breach}/recipients.csv`, `staging/${request}/x`]) expect(may('s3:PutObject', elsewhere), `${system.name} ${elsewhere}`).toBe(false);
    // An HTTP system's kept answer is read back by its own connector only.
    expect(may('s3:GetObject', `${own}${ANSWER_FILE}`), system.name).toBe(system.type === 'http');
    // A breach's list: its ids read and its own answer written, by directories only.
    expect(may('s3:GetObject', `${directoryPrefix(breach, list)}${USER_IDS_FILE}`), system.name).toBe(directory);
    expect(may('s3:PutObject', `${directoryPrefix(breach, list)}${answerFile(system.name)}`), system.name).toBe(directory);
    expect(may('s3:PutObject', `${directoryPrefix(breach, list)}${USER_IDS_FILE}`), system.name).toBe(false);

    for (const other of systems.filter((s) => s !== system).map((s) => s.name)) {
      const theirs = stagingPrefix(request, other);
      expect(may('s3:PutObject', `${theirs}records.json`), `${system.name} → ${other}`).toBe(false);
      expect(may('s3:PutObject', `${theirs}${system.name}/records.json`), `${system.name} → ${other}'s folder named after it`).toBe(false);
      expect(may('s3:GetObject', `${theirs}${ANSWER_FILE}`), `${system.name} → ${other}`).toBe(false);
      expect(may('s3:PutObject', `${directoryPrefix(breach, list)}${answerFile(other)}`), `${system.name} → ${other}'s answer`).toBe(false);
      expect(may('s3:PutObject', `${directoryPrefix(breach, system.name)}${answerFile(other)}`), `${system.name} → a list named after it`).toBe(false);
    }

    // The request it works on, by its key: no Scan, no Query of every learner's address.
    expect(actionsOn(statements, requests), system.name).toEqual(['dynamodb:GetItem']);
    // A callback link issued, and used when the system answers at once; never deleted.
    expect(actionsOn(statements, linkTokens), system.name).toEqual(system.type === 'http' ? ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] : []);
    // The request's table decrypted, staged files encrypted: nothing else of the key.
    expect(actionsOn(statements, key), system.name).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  }
}
