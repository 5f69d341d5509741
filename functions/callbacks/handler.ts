import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { answerTo, ASYNC_OPERATIONS, type AsyncOperation } from '../connectors/builtin/answers.js';
import { MAX_ANSWER_BYTES } from '../connectors/builtin/http.js';
import { answerKeyOf, keepAnswer } from '../connectors/http-handler.js';
import { secretValue } from '../connectors/secrets.js';
import { checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../connectors/signing.js';
import type { AwsClients } from '../shared/aws.js';
import { s3Client } from '../shared/clients/s3.js';
import { secretsClient } from '../shared/clients/secrets.js';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { LinkError } from '../shared/errors.js';
import { CLOSED_STATUSES } from '../shared/store/requests.js';
import { logger } from '../shared/logger.js';
import { resumeWithLink } from '../shared/resume.js';
import { fieldName, judge, problemOf } from '../shared/schema.js';
import { errorPages } from '../shared/web/error-pages.js';
import { header, jsonResponse, type ApiEvent, type ApiResult } from '../shared/web/http.js';

/**
 * POST /callbacks/{token}: an external system delivers its answer to an asynchronous
 * export, erasure, rectification, restriction or lifting. The body
 * must be signed with the system's shared secret and fresh (five minutes); the link acts
 * once. The answer is kept in staging and the waiting export step resumes with its key.
 * Answers are JSON: 200 accepted; 400 malformed; 401 unsigned, stale or forged (the link
 * still works); 404 unknown; 409 already used; 410 expired.
 */
const MAX_PROBLEMS = 10;

export async function receiveCallback(event: ApiEvent, d: Deps<'sfn'>, clients: Pick<AwsClients, 's3' | 'secrets'> = { s3: s3Client(), secrets: secretsClient() }): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw) > MAX_ANSWER_BYTES) return jsonResponse(413, { error: 'The answer is too large; send large files as URLs.' });
  try {
    const link = await d.links.inspect(token, 'callback', d.now());
    // A request closed meanwhile (cancelled, failed, abandoned) takes no more files.
    const request = await d.requests.get(link.requestId);
    if (!request || CLOSED_STATUSES.includes(request.status)) throw new LinkError('expired', { requestId: link.requestId });
    const system = d.config.systems.find((s) => s.name === link.system);
    if (!system?.secretName) throw new LinkError('unknown', { requestId: link.requestId });
    const secret = await secretValue(clients.secrets, system.secretName);
    const problem = checkSignature(secret, { timestamp: header(event, TIMESTAMP_HEADER), signature: header(event, SIGNATURE_HEADER) }, raw);
    if (problem) {
      logger.warn('callback refused', { requestId: link.requestId, system: system.name, problem });
      return jsonResponse(401, { error: `The signature is ${problem === 'stale' ? 'too old or too far ahead' : problem === 'missing' ? 'missing' : 'not valid'}.` });
    }
    let answer: unknown;
    try {
      answer = JSON.parse(raw);
    } catch {
      return jsonResponse(400, { error: 'The body is not valid JSON.' });
    }
    const operation = (ASYNC_OPERATIONS.includes(link.operation as AsyncOperation) ? link.operation : 'export') as AsyncOperation;
    const checked = judge(answerTo[operation], answer);
    if (!checked.success) {
      // The first problems, each with its field: enough to fix the answer, bounded whatever was sent.
      const issues = checked.error.issues.slice(0, MAX_PROBLEMS);
      const fields = Object.fromEntries(issues.map((issue) => [fieldName(issue.path) || 'body', issue.message]));
      return jsonResponse(400, { error: `The answer to ${operation} is not valid (docs/connectors.md): ${issues.map((issue) => problemOf(issue)).join('; ')}.`, fields });
    }
    // Kept once the link is ours: of two deliveries at once, the one that claims the link is the one kept.
    await resumeWithLink(d, token, 'callback', { answerKey: answerKeyOf(link.requestId, system.name) }, async () => {
      await keepAnswer(clients.s3, d.config.archiveBucket, link.requestId, system.name, checked.data);
    });
    return jsonResponse(200, { received: true });
  } catch (error) {
    if (error instanceof LinkError) return jsonResponse(error.statusCode, { error: `This callback address is ${error.problem === 'unknown' ? 'not known' : error.problem === 'used' ? 'already used' : error.problem === 'expired' ? 'expired' : 'not available now; try again'}.` });
    throw error;
  }
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(errorPages(() => deps().config.languages))
  .handler((event) => receiveCallback(event, deps({ sfn: sfnClient() })));
