/**
 * How a data system is declared in `cdk.json` (`dsr:connectors`). The stack creates one
 * Lambda per declaration, with access to that system's data only; the local twin does
 * the same with its demo systems.
 */
import { CHANGE_OPERATIONS, type ChangeOperation, type ManualOperation } from './kit.js';
import { checkArt15, type Art15Declaration } from './art15.js';
import { BUILT_IN_PURPOSES, LOCALES, type Locale } from '../shared/rights.js';
import { INDEX_PAGE, systemPagePath } from '../assemble-archive/paths.js';

interface Common {
  /** Folder and page name in the archive (`<name>/`, `<name>.html`; not `index`) and id in the audit trail: lowercase letters, digits, dashes. */
  name: string;
  /** What the learner and the DPO read, e.g. "Course platform (Moodle)". */
  title: string;
  /** Data this system keeps despite an erasure, under a legal obligation (Art. 17(3)). */
  retention?: RetentionRule[];
  /** Operations this system cannot do itself: the DPO gets a to-do to do them by hand. */
  manual?: ManualOperation[];
  /**
   * What the system does with the data, for the learner's copy (Art. 15): required by
   * `checkConnectors`, so every deployed system has one; optional in the type so that
   * connectors built in code (tests) may leave it out.
   */
  art15?: Art15Declaration;
}

/**
 * A category of data kept despite an erasure, e.g. invoices kept ten years for accounting
 * law. The period runs from the record's own date (`from`, a DynamoDB attribute holding an
 * ISO date) or else from the erasure.
 */
export interface RetentionRule {
  category: string;
  legalBasis: string;
  keepFor: { years?: number; months?: number; days?: number };
  from?: string;
  /** dynamodb: the rule keeps only items whose attribute equals this value (all items when absent). */
  where?: { attribute: string; equals: string | number | boolean };
}

/** Attributes the DPO may correct (Art. 16), set in every record of the person. */
export interface Rectifiable {
  rectify?: { attributes: string[] };
}

/** A DynamoDB table; the person is found by `match` (the table's key, or an index). */
export interface DynamoDbConnector extends Common, Rectifiable {
  type: 'dynamodb';
  table: string;
  match: { attribute: string; subjectField: string; index?: string };
  /** Attributes to export; all when absent. */
  attributes?: string[];
  /** Identifiers this table gives the person, `{ subjectField: attribute }`, e.g. `{ "userId": "id" }`. */
  identifies?: Record<string, string>;
  /**
   * How an erasure treats the person's items: `delete` them (the default), or `anonymise`
   * them by removing `attributes` (e.g. a forum post's author, so the thread stays whole).
   */
  erase?: { mode: 'delete' } | { mode: 'anonymise'; attributes: string[] };
  /** Restriction and objection set this attribute to the restricted purposes; lifting removes them. */
  restrict?: { attribute: string };
  /**
   * The table is a directory of the platform's people: a breach's communication finds the
   * address (`email`) and language (`language`) of a user id in the item whose `attribute`
   * holds it (the table's key, or through `index`).
   */
  directory?: { attribute: string; index?: string; email: string; language?: string };
}

/** An S3 bucket: the person's objects are under `prefix`, a template such as `submissions/{userId}/`. */
export interface S3Connector extends Common {
  type: 's3';
  bucket: string;
  prefix: string;
}

/** An external system called over HTTPS with requests signed by a shared secret (HMAC-SHA256). */
export interface HttpConnector extends Common, Rectifiable {
  type: 'http';
  url: string;
  /** Secrets Manager secret holding the shared secret. */
  secretName: string;
  /** Seconds to wait for an answer to one call (1–60, default 20). */
  timeoutSeconds?: number;
  /** Seconds to wait for the callback of an export or change answered later (60–604800, default 86400). */
  callbackTimeoutSeconds?: number;
  /** Largest export accepted, in bytes (default 1 GiB). */
  maxBytes?: number;
  /** The system answers `resolve` (who these user ids are), for a breach's communication. */
  directory?: boolean;
}

/**
 * A connector of the platform's own, written with the kit (functions/connectors/kit.ts):
 * `entry`, a file of the repository exporting `connector` and `handler` (bundled by the
 * stack, run by the twin), or on AWS only `functionArn`, an existing function that answers
 * the contract's requests. `grants` are the IAM statements an entry's function needs to
 * reach its system's data.
 */
export interface LambdaConnector extends Common, Rectifiable {
  type: 'lambda';
  entry?: string;
  functionArn?: string;
  grants?: Array<{ actions: string[]; resources: string[] }>;
  /** Environment variables an entry's function reads (e.g. its table's name). */
  environment?: Record<string, string>;
  /** The connector has `resolve` (who these user ids are), for a breach's communication. */
  directory?: boolean;
}

export type ConnectorDeclaration = DynamoDbConnector | S3Connector | HttpConnector | LambdaConnector;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const MANUAL: readonly ManualOperation[] = ['erase', 'rectify', 'restrict'];
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isAttribute = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_.-]{1,255}$/.test(v);
const isCount = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100);

function checkRetention(rules: unknown, type: unknown, where: string, problems: string[]): void {
  if (rules === undefined) return;
  if (!Array.isArray(rules)) return void problems.push(`${where}: retention must be a list of rules`);
  if (type === 's3' && rules.length > 1) problems.push(`${where}: an S3 prefix takes one retention rule (files have no attributes to tell categories apart)`);
  rules.forEach((r: any, i) => {
    const at = `${where}: retention #${i + 1}`;
    if (!isText(r?.category) || r.category.length > 200) problems.push(`${at}: category is required (what is kept, as the learner reads it; at most 200 characters)`);
    if (!isText(r?.legalBasis) || r.legalBasis.length > 300) problems.push(`${at}: legalBasis is required (the law that obliges keeping it; at most 300 characters)`);
    const k = r?.keepFor;
    if (!k || typeof k !== 'object' || ![k.years, k.months, k.days].every(isCount) || !(k.years || k.months || k.days)) problems.push(`${at}: keepFor needs years, months or days (whole numbers up to 100)`);
    if (r?.from !== undefined && (type !== 'dynamodb' || !isAttribute(r.from))) problems.push(`${at}: from names a date attribute of a dynamodb table`);
    if (r?.where !== undefined && (type !== 'dynamodb' || !isAttribute(r.where?.attribute) || !['string', 'number', 'boolean'].includes(typeof r.where?.equals))) problems.push(`${at}: where ({ attribute, equals }) is for a dynamodb table`);
  });
}

/** What the declarations are checked against: the deployment's languages (`dsr:languages`) and purpose ids (`dsr:purposes`). */
export interface DeclarationContext {
  languages: readonly Locale[];
  purposeIds: readonly string[];
}

/** Checks declarations; returns one sentence per problem, naming the connector and field. */
export function checkConnectors(
  value: unknown,
  context: DeclarationContext = { languages: LOCALES, purposeIds: BUILT_IN_PURPOSES },
): { connectors: ConnectorDeclaration[]; problems: string[] } {
  const problems: string[] = [];
  if (!Array.isArray(value)) return { connectors: [], problems: ['must be a list of connector declarations'] };
  const names = new Set<string>();
  value.forEach((c: any, i) => {
    const where = `connector ${isText(c?.name) ? c.name : `#${i + 1}`}`;
    if (!c || typeof c !== 'object') return problems.push(`${where} must be an object`);
    if (!isText(c.name) || !NAME.test(c.name)) problems.push(`${where}: name must be lowercase letters, digits and dashes, starting with a letter`);
    else if (names.has(c.name)) problems.push(`${where}: name is used twice`);
    else if (systemPagePath(c.name) === INDEX_PAGE) problems.push(`${where}: name ${c.name} is taken: the archive's ${INDEX_PAGE} sits beside each system's page, named after the system`);
    names.add(c.name);
    if (!isText(c.title)) problems.push(`${where}: title is required (what the learner reads)`);
    checkRetention(c.retention, c.type, where, problems);
    const exported = c.type === 'dynamodb' && Array.isArray(c.attributes) ? c.attributes : undefined;
    checkArt15(c.art15, where, { ...context, attributes: exported }, problems);
    if (c.manual !== undefined && !(Array.isArray(c.manual) && c.manual.every((m: unknown) => MANUAL.includes(m as ManualOperation)))) problems.push(`${where}: manual must list only ${MANUAL.join(', ')}`);
    if (c.rectify !== undefined && !(Array.isArray(c.rectify?.attributes) && c.rectify.attributes.length > 0 && c.rectify.attributes.every(isAttribute))) problems.push(`${where}: rectify.attributes must list the attributes the DPO may correct`);
    switch (c.type) {
      case 'dynamodb':
        if (!isText(c.table)) problems.push(`${where}: table is required`);
        if (!isText(c.match?.attribute) || !isText(c.match?.subjectField)) problems.push(`${where}: match needs attribute and subjectField`);
        if (c.attributes !== undefined && !(Array.isArray(c.attributes) && c.attributes.every(isText))) problems.push(`${where}: attributes must be a list of names`);
        if (c.identifies !== undefined && !(typeof c.identifies === 'object' && Object.values(c.identifies).every(isText))) problems.push(`${where}: identifies must map subject fields to attributes`);
        if (c.erase !== undefined) {
          if (c.erase?.mode === 'anonymise') {
            if (!(Array.isArray(c.erase.attributes) && c.erase.attributes.length > 0 && c.erase.attributes.every(isAttribute))) problems.push(`${where}: erase.attributes must list the attributes that anonymising removes`);
            else if (!c.match?.index || !c.erase.attributes.includes(c.match.attribute)) {
              // Otherwise the items stay keyed by the person: that is not anonymising.
              problems.push(`${where}: anonymising must remove the attribute the person is found by (match.attribute), through an index (match.index); to anonymise a table keyed by the person, delete the items instead`);
            }
          } else if (c.erase?.mode !== 'delete') problems.push(`${where}: erase.mode must be delete or anonymise`);
        }
        if (c.restrict !== undefined && !isAttribute(c.restrict?.attribute)) problems.push(`${where}: restrict.attribute must name the attribute that holds restrictions`);
        if (c.directory !== undefined) {
          const d = c.directory;
          if (!d || typeof d !== 'object' || !isAttribute(d.attribute) || !isAttribute(d.email) || (d.index !== undefined && !isAttribute(d.index)) || (d.language !== undefined && !isAttribute(d.language))) {
            problems.push(`${where}: directory needs attribute (holding the user id: the table's key, or through index) and email, and may name language`);
          }
        }
        break;
      case 's3':
        if (c.directory !== undefined) problems.push(`${where}: an S3 prefix cannot be a directory of people`);
        if (c.rectify !== undefined) problems.push(`${where}: an S3 prefix holds files, which cannot be rectified attribute by attribute; use manual: ["rectify"]`);
        if (!isText(c.bucket)) problems.push(`${where}: bucket is required`);
        if (!isText(c.prefix) || !/\{[A-Za-z0-9_]+\}/.test(c.prefix)) problems.push(`${where}: prefix must name the person, e.g. "submissions/{userId}/"`);
        break;
      case 'http':
        if (c.directory !== undefined && typeof c.directory !== 'boolean') problems.push(`${where}: directory is true or false (whether the system answers resolve)`);
        if (!isText(c.url) || !/^https?:\/\//.test(c.url)) problems.push(`${where}: url must be an http(s) URL`);
        if (!isText(c.secretName)) problems.push(`${where}: secretName (a Secrets Manager secret) is required`);
        if (c.timeoutSeconds !== undefined && !(Number.isInteger(c.timeoutSeconds) && c.timeoutSeconds >= 1 && c.timeoutSeconds <= 60)) problems.push(`${where}: timeoutSeconds must be 1–60`);
        if (c.callbackTimeoutSeconds !== undefined && !(Number.isInteger(c.callbackTimeoutSeconds) && c.callbackTimeoutSeconds >= 60 && c.callbackTimeoutSeconds <= 604800)) problems.push(`${where}: callbackTimeoutSeconds must be 60–604800`);
        if (c.maxBytes !== undefined && !(Number.isInteger(c.maxBytes) && c.maxBytes > 0)) problems.push(`${where}: maxBytes must be a positive whole number`);
        break;
      case 'lambda':
        if (c.directory !== undefined && typeof c.directory !== 'boolean') problems.push(`${where}: directory is true or false (whether the connector has resolve)`);
        if (isText(c.entry) === isText(c.functionArn)) problems.push(`${where}: give either entry (a file of the repository) or functionArn (an existing function, AWS only)`);
        if (isText(c.entry) && (!/^[\w./-]+\.ts$/.test(c.entry) || c.entry.includes('..'))) problems.push(`${where}: entry must be a .ts file path inside the repository, e.g. "connectors/billing.ts"`);
        if (isText(c.functionArn) && !/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/.test(c.functionArn)) problems.push(`${where}: functionArn must be a Lambda function ARN`);
        if (c.environment !== undefined && !(c.environment && typeof c.environment === 'object' && Object.entries(c.environment).every(([k, v]) => /^[A-Z][A-Z0-9_]*$/.test(k) && typeof v === 'string'))) problems.push(`${where}: environment must map UPPER_CASE names to strings`);
        if (c.grants !== undefined && !(Array.isArray(c.grants) && c.grants.every((g: any) => Array.isArray(g?.actions) && g.actions.every(isText) && Array.isArray(g?.resources) && g.resources.every(isText)))) problems.push(`${where}: grants must be a list of { actions, resources }`);
        break;
      default:
        problems.push(`${where}: type must be dynamodb, s3, http or lambda`);
    }
  });
  return { connectors: problems.length ? [] : (value as ConnectorDeclaration[]), problems };
}

/**
 * Whether a system does an operation itself (`auto`), by the DPO's hand (`manual`), or has
 * nothing it applies to (`not_applicable`: no attribute to correct, no flag to set).
 */
export type Capability = 'auto' | 'manual' | 'not_applicable';

export function capability(c: ConnectorDeclaration, operation: ChangeOperation): Capability {
  const manualOp: ManualOperation = operation === 'lift' ? 'restrict' : operation;
  if (c.manual?.includes(manualOp)) return 'manual';
  if (operation === 'erase') return 'auto';
  if (operation === 'rectify') return c.type !== 's3' && c.rectify ? 'auto' : 'not_applicable';
  if (c.type === 'dynamodb') return c.restrict ? 'auto' : 'not_applicable';
  return c.type === 's3' ? 'not_applicable' : 'auto';
}

/** Every operation's capability, for the workflow and the DPO's pages. */
export const capabilities = (c: ConnectorDeclaration): Record<ChangeOperation, Capability> =>
  Object.fromEntries(CHANGE_OPERATIONS.map((op) => [op, capability(c, op)])) as Record<ChangeOperation, Capability>;

/** Systems that identify the person are asked first; the others may need what they found. */
export const identifiesPerson = (c: ConnectorDeclaration): boolean => c.type === 'dynamodb' && !!c.identifies && Object.keys(c.identifies).length > 0;

/** Systems a breach's communication asks who a list of user ids are. */
export const isDirectory = (c: ConnectorDeclaration): boolean => c.type !== 's3' && !!c.directory;
