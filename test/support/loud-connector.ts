import { ConnectorError, type Connector } from '../../functions/connectors/kit.js';

/**
 * A connector of the platform's own that fails loudly: the export of a learner whose
 * address starts with `loud.` throws an error with a 5 MB message; it knows no one else.
 * Declared with `"entry": "test/support/loud-connector.ts"`.
 */
export const connector: Connector = {
  async lookup() {
    return { found: false };
  },
  async export({ subject }) {
    if (subject.email.startsWith('loud.')) throw new ConnectorError(`the forum's export broke: ${'stack dump '.repeat(500_000)}`);
    return { status: 'not_found', files: [] };
  },
};
