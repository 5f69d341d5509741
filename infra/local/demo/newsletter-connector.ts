/**
 * A connector of the platform's own, written with the kit: the demo platform's newsletter
 * list, declared in cdk.json as
 *
 *   { "name": "newsletter", "title": "Newsletter", "type": "lambda",
 *     "entry": "infra/local/demo/newsletter-connector.ts",
 *     "environment": { "NEWSLETTER_TABLE": "newsletter" },
 *     "grants": [{ "actions": ["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"],
 *                  "resources": ["arn:aws:dynamodb:eu-west-3:123456789012:table/newsletter"] }] }
 *
 * The stack bundles this file as the connector's Lambda (`handler`); the twin runs
 * `connector` in its own process. An objection or restriction to marketing suppresses the
 * newsletter; an erasure removes the subscription. It has nothing to rectify.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransientError, type Connector, type ConnectorRequest } from '../../../functions/connectors/kit.js';
import { ownConnectorHandler } from '../../../functions/connectors/own.js';
import { dynamoClient } from '../../../functions/shared/clients/dynamo.js';

const table = () => {
  const name = process.env.NEWSLETTER_TABLE;
  if (!name) throw new Error('environment variable NEWSLETTER_TABLE is not set');
  return name;
};
const key = (request: ConnectorRequest) => ({ email: request.subject.email.toLowerCase() });

async function subscription(request: ConnectorRequest): Promise<Record<string, unknown> | undefined> {
  try {
    return (await dynamoClient().send(new GetCommand({ TableName: table(), Key: key(request), ConsistentRead: true }))).Item;
  } catch (cause) {
    throw new TransientError('the newsletter list could not be read', { cause }); // retried with back-off
  }
}

export const connector: Connector = {
  async lookup(request) {
    return { found: !!(await subscription(request)) };
  },

  async export(request, { staging }) {
    const item = await subscription(request);
    if (!item) return { status: 'not_found', files: [] };
    return { status: 'done', files: [await staging.putJson('subscription.json', item)] };
  },

  async erase(request) {
    if (!(await subscription(request))) return { status: 'not_found', erased: 0 };
    await dynamoClient().send(new DeleteCommand({ TableName: table(), Key: key(request) }));
    return { status: 'done', erased: 1 };
  },

  async verify(request) {
    return { remaining: (await subscription(request)) ? 1 : 0 };
  },

  // `suppressed` holds the requests that stopped the newsletter: it resumes only when none is left.
  async restrict(request) {
    const item = await subscription(request);
    if (!item) return { status: 'not_found', changed: 0 };
    if (!request.restriction?.purposes.includes('marketing')) return { status: 'done', changed: 0, note: 'The newsletter is used for marketing only.' };
    const suppressed = { ...(item.suppressed as object), [request.requestId]: { right: request.restriction.right, since: request.at } };
    await dynamoClient().send(new UpdateCommand({ TableName: table(), Key: key(request), UpdateExpression: 'SET suppressed = :s', ConditionExpression: 'attribute_exists(email)', ExpressionAttributeValues: { ':s': suppressed } }));
    return { status: 'done', changed: 1 };
  },

  async lift(request) {
    const item = await subscription(request);
    if (!item) return { status: 'not_found', changed: 0 };
    const suppressed = { ...(item.suppressed as Record<string, unknown>) };
    if (!(request.requestId in suppressed)) return { status: 'done', changed: 0 };
    delete suppressed[request.requestId];
    const update = Object.keys(suppressed).length
      ? { UpdateExpression: 'SET suppressed = :s', ExpressionAttributeValues: { ':s': suppressed } }
      : { UpdateExpression: 'REMOVE suppressed' };
    await dynamoClient().send(new UpdateCommand({ TableName: table(), Key: key(request), ...update }));
    return { status: 'done', changed: 1 };
  },
};

export const handler = ownConnectorHandler(connector);
