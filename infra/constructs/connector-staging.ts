import { Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { isDirectory, type ConnectorDeclaration } from '../../functions/connectors/declarations.js';
import { answerFile, DIRECTORY_ROOT, USER_IDS_FILE } from '../../functions/connectors/directory.js';
import { stagingPrefix } from '../../functions/connectors/handler-kit.js';
import { ANSWER_FILE } from '../../functions/connectors/kit.js';
import { bucketKeysFinding } from '../nag.js';
import { grantObjects, type DataStores } from './data.js';

/**
 * A request id as an IAM pattern: a UUID (crypto.randomUUID in functions/intake). IAM's `*`
 * matches `/` too, so a `*` for the request id would let the forum's connector reach
 * `staging/<id>/video/forum/…` (a file the video system staged) or a breach list named
 * `forum`; this fixed-length pattern cannot, and no breach key (`staging/breach-…`) has
 * its shape.
 */
export const REQUEST_ID_PATTERN = '????????-????-????-????-????????????';

/**
 * What a connector may do in the product's bucket, and nothing of another system's: write
 * its own system's exports (`staging/<request>/<system>/`); an HTTP system's, read back its
 * kept answer there; a directory's, read a breach list's user ids and write its own answer
 * beside them.
 */
export function grantConnectorStaging(data: DataStores, fn: lambda.IFunction, declaration: ConnectorDeclaration): void {
  const own = stagingPrefix(REQUEST_ID_PATTERN, declaration.name);
  const writes = [`${own}*`];
  const reads = declaration.type === 'http' ? [`${own}${ANSWER_FILE}`] : [];
  if (isDirectory(declaration)) {
    reads.push(`${DIRECTORY_ROOT}*/${USER_IDS_FILE}`);
    writes.push(`${DIRECTORY_ROOT}*/${answerFile(declaration.name)}`);
  }
  grantObjects(data, fn, writes, ['write']);
  if (reads.length) grantObjects(data, fn, reads, ['read']);
  Validations.of(fn.role!).acknowledge(
    ...[...writes, ...reads]
      .filter((key) => key.includes('*'))
      .map((key) => ({
        id: bucketKeysFinding(data.bucket, key),
        reason: `Keys are made per request or breach, so the ${declaration.name} connector is granted a pattern of them: its own system's staged exports (a request id's shape, then its name), or a breach list's user ids and its own answer file; no other system's.`,
      })),
  );
}
