import type { Connector, ConnectorRequest } from '../../functions/connectors/kit.js';

/**
 * A connector of the platform's own that knows every learner: one grade each, exported as
 * JSON, erased, restricted and lifted on request. It keeps the calls it gets (`calls`), with their idempotency
 * keys, for tests of retried steps. Declared with `"entry": "test/support/gradebook-connector.ts"`.
 */
export const calls: Array<Pick<ConnectorRequest, 'requestId' | 'operation' | 'idempotencyKey'>> = [];
const called = ({ requestId, operation, idempotencyKey }: ConnectorRequest) => calls.push({ requestId, operation, idempotencyKey });

export const connector: Connector = {
  async lookup(request) {
    called(request);
    return { found: true };
  },
  async export(request, { staging }) {
    called(request);
    return { status: 'done', files: [await staging.putJson('grades.json', [{ course: 'Algorithms', grade: 17 }])] };
  },
  async erase(request) {
    called(request);
    return { status: 'done', erased: 1 };
  },
  async verify(request) {
    called(request);
    return { remaining: 0 };
  },
  async restrict(request) {
    called(request);
    return { status: 'done', changed: 1 };
  },
  async lift(request) {
    called(request);
    return { status: 'done', changed: 1 };
  },
};
