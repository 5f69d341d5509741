/**
 * How a data system is declared in `cdk.json` (`dsr:connectors`). The stack creates one
 * Lambda per declaration, with access to that system's data only; the local twin does
 * the same with its demo systems.
 */
interface Common {
  /** Folder name in the archive and id in the audit trail: lowercase letters, digits, dashes. */
  name: string;
  /** What the learner and the DPO read, e.g. "Course platform (Moodle)". */
  title: string;
}

/** A DynamoDB table; the person is found by `match` (the table's key, or an index). */
export interface DynamoDbConnector extends Common {
  type: 'dynamodb';
  table: string;
  match: { attribute: string; subjectField: string; index?: string };
  /** Attributes to export; all when absent. */
  attributes?: string[];
  /** Identifiers this table gives the person, `{ subjectField: attribute }`, e.g. `{ "userId": "id" }`. */
  identifies?: Record<string, string>;
}

/** An S3 bucket: the person's objects are under `prefix`, a template such as `submissions/{userId}/`. */
export interface S3Connector extends Common {
  type: 's3';
  bucket: string;
  prefix: string;
}

/** An external system called over HTTPS with requests signed by a shared secret (HMAC-SHA256). */
export interface HttpConnector extends Common {
  type: 'http';
  url: string;
  /** Secrets Manager secret holding the shared secret. */
  secretName: string;
  /** Seconds to wait for an answer to one call (1–60, default 20). */
  timeoutSeconds?: number;
  /** Seconds to wait for an asynchronous export's callback (60–604800, default 86400). */
  callbackTimeoutSeconds?: number;
  /** Largest export accepted, in bytes (default 1 GiB). */
  maxBytes?: number;
}

export type ConnectorDeclaration = DynamoDbConnector | S3Connector | HttpConnector;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Checks declarations; returns one sentence per problem, naming the connector and field. */
export function checkConnectors(value: unknown): { connectors: ConnectorDeclaration[]; problems: string[] } {
  const problems: string[] = [];
  if (!Array.isArray(value)) return { connectors: [], problems: ['must be a list of connector declarations'] };
  const names = new Set<string>();
  value.forEach((c: any, i) => {
    const where = `connector ${isText(c?.name) ? c.name : `#${i + 1}`}`;
    if (!c || typeof c !== 'object') return problems.push(`${where} must be an object`);
    if (!isText(c.name) || !NAME.test(c.name)) problems.push(`${where}: name must be lowercase letters, digits and dashes, starting with a letter`);
    else if (names.has(c.name)) problems.push(`${where}: name is used twice`);
    names.add(c.name);
    if (!isText(c.title)) problems.push(`${where}: title is required (what the learner reads)`);
    switch (c.type) {
      case 'dynamodb':
        if (!isText(c.table)) problems.push(`${where}: table is required`);
        if (!isText(c.match?.attribute) || !isText(c.match?.subjectField)) problems.push(`${where}: match needs attribute and subjectField`);
        if (c.attributes !== undefined && !(Array.isArray(c.attributes) && c.attributes.every(isText))) problems.push(`${where}: attributes must be a list of names`);
        if (c.identifies !== undefined && !(typeof c.identifies === 'object' && Object.values(c.identifies).every(isText))) problems.push(`${where}: identifies must map subject fields to attributes`);
        break;
      case 's3':
        if (!isText(c.bucket)) problems.push(`${where}: bucket is required`);
        if (!isText(c.prefix) || !/\{[A-Za-z0-9_]+\}/.test(c.prefix)) problems.push(`${where}: prefix must name the person, e.g. "submissions/{userId}/"`);
        break;
      case 'http':
        if (!isText(c.url) || !/^https?:\/\//.test(c.url)) problems.push(`${where}: url must be an http(s) URL`);
        if (!isText(c.secretName)) problems.push(`${where}: secretName (a Secrets Manager secret) is required`);
        if (c.timeoutSeconds !== undefined && !(Number.isInteger(c.timeoutSeconds) && c.timeoutSeconds >= 1 && c.timeoutSeconds <= 60)) problems.push(`${where}: timeoutSeconds must be 1–60`);
        if (c.callbackTimeoutSeconds !== undefined && !(Number.isInteger(c.callbackTimeoutSeconds) && c.callbackTimeoutSeconds >= 60 && c.callbackTimeoutSeconds <= 604800)) problems.push(`${where}: callbackTimeoutSeconds must be 60–604800`);
        if (c.maxBytes !== undefined && !(Number.isInteger(c.maxBytes) && c.maxBytes > 0)) problems.push(`${where}: maxBytes must be a positive whole number`);
        break;
      default:
        problems.push(`${where}: type must be dynamodb, s3 or http`);
    }
  });
  return { connectors: problems.length ? [] : (value as ConnectorDeclaration[]), problems };
}

/** Systems that identify the person are asked first; the others may need what they found. */
export const identifiesPerson = (c: ConnectorDeclaration): boolean => c.type === 'dynamodb' && !!c.identifies && Object.keys(c.identifies).length > 0;
