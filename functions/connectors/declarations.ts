/**
 * How a data system is declared in `cdk.json` (`dsr:connectors`). The stack creates one
 * Lambda per declaration, with access to that system's data only; the local twin does
 * the same with its demo systems.
 */
import * as z from 'zod/mini';
import { asAWhole, judge, problemOf, text, wholeNumber } from '../shared/schema.js';
import { BUILT_IN_PURPOSES, LOCALES } from '../shared/rights.js';
import { INDEX_PAGE, systemPagePath } from '../assemble-archive/paths.js';
import { CHANGE_OPERATIONS, type ChangeOperation, type ManualOperation } from './kit.js';
import { ART15_REQUIRED, art15Schema, type Art15Rules } from './art15.js';
import { attributeName } from './attribute-name.js';
import { erasure, type Erasure } from './erasure.js';
import { CONNECTOR_TYPES, type Capability } from './kinds.js';
import { retentionRule, wholeRetentionRule, type RetentionRule } from './retention-rule.js';

export type { Capability, RetentionRule };

/** What the declarations are checked against: the deployment's languages (`dsr:languages`) and purpose ids (`dsr:purposes`). */
export type DeclarationContext = Art15Rules;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const NAME_RULE = 'must be lowercase letters, digits and dashes, starting with a letter';
const MANUAL = ['erase', 'rectify', 'restrict'] as const satisfies readonly ManualOperation[];
const rules = (message: string) => z.optional(z.array(wholeRetentionRule, message));

/** What every kind declares. */
const common = (context: DeclarationContext) => ({
  /** Folder and page name in the archive (`<name>/`, `<name>.html`; not `index`) and id in the audit trail: lowercase letters, digits, dashes. */
  name: z.string(NAME_RULE).check(z.regex(NAME, NAME_RULE), z.refine((name) => systemPagePath(name) !== INDEX_PAGE, `is taken: the archive's ${INDEX_PAGE} sits beside each system's page, named after the system`)),
  /** What the learner and the DPO read, e.g. "Course platform (Moodle)". */
  title: text('is required (what the learner reads)'),
  /** Data this system keeps despite an erasure, under a legal obligation (Art. 17(3)). */
  retention: rules('must be a list of rules'),
  /**
   * What the system does with the data, for the learner's copy (Art. 15): required of every
   * declaration (`art15Required`), optional in the type so that connectors built in code
   * (tests) may leave it out.
   */
  art15: z.optional(art15Schema(context)),
  /** Operations this system cannot do itself: the DPO gets a to-do to do them by hand. */
  manual: z.optional(asAWhole(z.array(z.enum(MANUAL)), `must list only ${MANUAL.join(', ')}`)),
  /** Attributes the DPO may correct (Art. 16), set in every record of the person. */
  rectify: z.optional(
    z.object({ attributes: asAWhole(z.array(attributeName()).check(z.minLength(1)), 'must list the attributes the DPO may correct') }, 'must be { "attributes": […] }, the attributes the DPO may correct'),
  ),
});

/** Said even where the declaration has other problems, as it is the first thing a new one lacks. */
const art15Required = z.refine<{ art15?: unknown }>((c) => c.art15 !== undefined, { path: ['art15'], message: ART15_REQUIRED, when: () => true });

/** Otherwise the items stay keyed by the person: that is not anonymising. */
const anonymisingRemovesTheKey = z.refine<{ match: { attribute: string; index?: string }; erase?: Erasure }>((c) => c.erase?.mode !== 'anonymise' || (!!c.match.index && c.erase.attributes.includes(c.match.attribute)), {
  path: ['erase'],
  message: ': anonymising must remove the attribute the person is found by (match.attribute), through an index (match.index); to anonymise a table keyed by the person, delete the items instead',
});

/** A table that lists the attributes it exports labels each of them for the learner, and no other (art15.labels). */
const labelsExported = z.superRefine((c: { attributes?: string[]; art15?: { labels?: Record<string, unknown> } }, ctx) => {
  if (!c.attributes || !c.art15) return;
  const labels = c.art15.labels ?? {};
  for (const attribute of Object.keys(labels)) {
    if (!c.attributes.includes(attribute)) ctx.addIssue({ code: 'custom', path: ['art15', 'labels', attribute], message: 'labels an attribute the system does not export', input: attribute });
  }
  const missing = c.attributes.filter((a) => !Object.hasOwn(labels, a));
  if (missing.length) ctx.addIssue({ code: 'custom', path: ['art15', 'labels'], message: `has no label for ${missing.join(', ')}`, input: labels });
});

/** A DynamoDB table; the person is found by `match` (the table's key, or an index). */
const dynamoDb = (context: DeclarationContext) =>
  z
    .object({
      ...common(context),
      retention: z.optional(z.array(retentionRule, 'must be a list of rules')),
      type: z.literal('dynamodb'),
      table: text('is required'),
      match: asAWhole(z.object({ attribute: text(), subjectField: text(), index: z.optional(text()) }), 'needs attribute and subjectField'),
      /** Attributes to export; all when absent. */
      attributes: z.optional(asAWhole(z.array(text()), 'must be a list of names')),
      /** Identifiers this table gives the person, `{ subjectField: attribute }`, e.g. `{ "userId": "id" }`. */
      identifies: z.optional(asAWhole(z.record(z.string(), text()), 'must map subject fields to attributes')),
      erase: z.optional(erasure),
      /** Restriction and objection set this attribute to the restricted purposes; lifting removes them. */
      restrict: z.optional(z.object({ attribute: attributeName('must name the attribute that holds restrictions') }, 'must be { "attribute": … }, the attribute that holds restrictions')),
      /**
       * The table is a directory of the platform's people: a breach's communication finds the
       * address (`email`) and language (`language`) of a user id in the item whose `attribute`
       * holds it (the table's key, or through `index`).
       */
      directory: z.optional(
        asAWhole(
          z.object({ attribute: attributeName(), index: z.optional(attributeName()), email: attributeName(), language: z.optional(attributeName()) }),
          "needs attribute (holding the user id: the table's key, or through index) and email, and may name language",
        ),
      ),
    })
    .check(art15Required, anonymisingRemovesTheKey, labelsExported);

const PREFIX = 'must name the person, e.g. "submissions/{userId}/"';

/** An S3 bucket: the person's objects are under `prefix`, a template such as `submissions/{userId}/`. */
const s3 = (context: DeclarationContext) =>
  z
    .object({
      ...common(context),
      retention: z.optional(
        z.array(wholeRetentionRule, 'must be a list of rules').check(z.maxLength(1, ': an S3 prefix takes one retention rule (files have no attributes to tell categories apart)')),
      ),
      rectify: z.optional(z.never(': an S3 prefix holds files, which cannot be rectified attribute by attribute; use manual: ["rectify"]')),
      type: z.literal('s3'),
      bucket: text('is required'),
      prefix: z.string(PREFIX).check(z.regex(/\{[A-Za-z0-9_]+\}/, PREFIX)),
      directory: z.optional(z.never(': an S3 prefix cannot be a directory of people')),
    })
    .check(art15Required);

const URL_RULE = 'must be an http(s) URL';

/** An external system called over HTTPS with requests signed by a shared secret (HMAC-SHA256). */
const http = (context: DeclarationContext) =>
  z
    .object({
      ...common(context),
      type: z.literal('http'),
      url: z.string(URL_RULE).check(z.regex(/^https?:\/\//, URL_RULE)),
      /** Secrets Manager secret holding the shared secret. */
      secretName: text('(a Secrets Manager secret) is required'),
      /** Seconds to wait for an answer to one call (1–60, default 20). */
      timeoutSeconds: z.optional(wholeNumber(1, 60, 'must be 1–60')),
      /** Seconds to wait for the callback of an export or change answered later (60–604800, default 86400). */
      callbackTimeoutSeconds: z.optional(wholeNumber(60, 604800, 'must be 60–604800')),
      /** Largest export accepted, in bytes (default 1 GiB). */
      maxBytes: z.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER, 'must be a positive whole number')),
      /** The system answers `resolve` (who these user ids are), for a breach's communication. */
      directory: z.optional(z.boolean('is true or false (whether the system answers resolve)')),
    })
    .check(art15Required);

const ENTRY = 'must be a .ts file path inside the repository, e.g. "connectors/billing.ts"';
const ARN = 'must be a Lambda function ARN';

/**
 * A connector of the platform's own, written with the kit (functions/connectors/kit.ts):
 * `entry`, a file of the repository exporting `connector` and `handler` (bundled by the
 * stack, run by the twin), or on AWS only `functionArn`, an existing function that answers
 * the contract's requests. `grants` are the IAM statements an entry's function needs to
 * reach its system's data.
 */
const lambda = (context: DeclarationContext) =>
  z
    .object({
      ...common(context),
      type: z.literal('lambda'),
      entry: z.optional(z.string(ENTRY).check(z.refine((e) => /^[\w./-]+\.ts$/.test(e) && !e.includes('..'), ENTRY))),
      functionArn: z.optional(z.string(ARN).check(z.regex(/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/, ARN))),
      grants: z.optional(asAWhole(z.array(z.object({ actions: z.array(text()), resources: z.array(text()) })), 'must be a list of { actions, resources }')),
      /** Environment variables an entry's function reads (e.g. its table's name). */
      environment: z.optional(asAWhole(z.record(z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)), z.string()), 'must map UPPER_CASE names to strings')),
      /** The connector has `resolve` (who these user ids are), for a breach's communication. */
      directory: z.optional(z.boolean('is true or false (whether the connector has resolve)')),
    })
    .check(
      z.refine((c) => (c.entry === undefined) !== (c.functionArn === undefined), ': give either entry (a file of the repository) or functionArn (an existing function, AWS only)'),
      art15Required,
    );

/** One declaration, by its `type`. */
export const connectorSchema = (context: DeclarationContext) =>
  z.discriminatedUnion('type', [dynamoDb(context), s3(context), http(context), lambda(context)], {
    error: (issue) => (issue.code === 'invalid_union' ? `must be ${CONNECTOR_TYPES.slice(0, -1).join(', ')} or ${CONNECTOR_TYPES.at(-1)}` : 'must be an object'),
  });

export type ConnectorDeclaration = z.output<ReturnType<typeof connectorSchema>>;
export type DynamoDbConnector = Extract<ConnectorDeclaration, { type: 'dynamodb' }>;
export type S3Connector = Extract<ConnectorDeclaration, { type: 's3' }>;
export type HttpConnector = Extract<ConnectorDeclaration, { type: 'http' }>;
export type LambdaConnector = Extract<ConnectorDeclaration, { type: 'lambda' }>;

/** Names are compared even where a declaration has other problems, so that all are said at once. */
const namesUsedOnce = z.superRefine((list: readonly unknown[], ctx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const name = (c as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || !NAME.test(name)) return;
    if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'is used twice', input: name });
    seen.add(name);
  });
}, { when: (payload) => Array.isArray(payload.value) });

/** The declarations of a deployment (`dsr:connectors`), each name used once. */
export const connectorList = (context: DeclarationContext) => z.array(connectorSchema(context), 'must be a list of connector declarations').check(namesUsedOnce);

/** Each problem after the connector it is about, by its name or else its place: "connector video: url must be an http(s) URL". */
export function connectorProblems(issues: readonly z.core.$ZodIssue[], declared: unknown): string[] {
  const place = (issue: z.core.$ZodIssue) => (typeof issue.path[0] === 'number' ? issue.path[0] : -1);
  return [...issues]
    .sort((a, b) => place(a) - place(b))
    .map((issue) => {
      const [index, ...path] = issue.path;
      if (typeof index !== 'number') return problemOf(issue);
      const name = (Array.isArray(declared) ? (declared[index] as { name?: unknown } | null) : undefined)?.name;
      const where = `connector ${typeof name === 'string' && name.trim() ? name : `#${index + 1}`}`;
      const problem = problemOf({ ...issue, path });
      return `${where}${problem.startsWith(':') ? '' : path.length ? ': ' : ' '}${problem}`;
    });
}

/** Checks declarations; returns them as read, or one sentence per problem, naming the connector and field. */
export function checkConnectors(
  value: unknown,
  context: DeclarationContext = { languages: LOCALES, purposeIds: BUILT_IN_PURPOSES },
): { connectors: ConnectorDeclaration[]; problems: string[] } {
  const result = judge(connectorList(context), value);
  return result.success ? { connectors: result.data, problems: [] } : { connectors: [], problems: connectorProblems(result.error.issues, value) };
}

/** What a system does for an operation: itself, by the DPO's hand, or nothing (functions/connectors/kinds.ts). */
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
