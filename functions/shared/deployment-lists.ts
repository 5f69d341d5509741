/**
 * The deployment's lists, which grow with it: the data systems (DSR_SYSTEMS), the Art. 19
 * recipients (DSR_RECIPIENTS) and the purposes (DSR_PURPOSES). The stack writes them into
 * each bundle from settings checked at synth (infra/settings.ts), so a function checks
 * their shape only, and a wrong one names its variable and field.
 */
import { erasure } from '../connectors/erasure.js';
import { CHANGE_OPERATIONS } from '../connectors/kit.js';
import { CAPABILITIES, CONNECTOR_TYPES } from '../connectors/kinds.js';
import { retentionRule } from '../connectors/retention-rule.js';
import { ConfigError } from './errors.js';
import * as z from 'zod/mini';
import { parsed } from './schema.js';
import { translated } from './translated.js';

/** A data system as the workflow sees it: its function, and how to call it. */
export const systemRef = z.object({
  name: z.string(),
  title: z.string(),
  kind: z.enum(CONNECTOR_TYPES),
  functionName: z.string(),
  /** Asked first: it gives identifiers (e.g. userId) the others need. */
  identifies: z.boolean(),
  /** Finds people by user id, for a breach's communication (Art. 34). */
  directory: z.optional(z.boolean()),
  /** Answers exports through a callback to POST /callbacks/{token}. */
  async: z.boolean(),
  callbackTimeoutSeconds: z.number(),
  /** The Secrets Manager secret shared with an external (HTTP) system, to check its callbacks. */
  secretName: z.optional(z.string()),
  /** What the system does itself, by the DPO's hand, or not at all, for each change. */
  does: z.record(z.enum(CHANGE_OPERATIONS), z.enum(CAPABILITIES)),
  /** How an erasure treats its records (dynamodb), for the DPO's erasure gate. */
  erasure: z.optional(erasure),
  /** What it keeps despite an erasure. */
  retention: z.optional(z.array(retentionRule)),
  /** Attributes the DPO may correct. */
  rectifiable: z.optional(z.array(z.string())),
});
export type SystemRef = z.output<typeof systemRef>;

/** Someone the platform discloses learners' data to, told of every erasure, rectification and restriction (Art. 19): by email, or by a signed call to `url`. */
export const recipient = z.object({ name: z.string(), email: z.optional(z.string()), url: z.optional(z.string()), secretName: z.optional(z.string()) });
export type Recipient = z.output<typeof recipient>;

export const PURPOSE_TITLE_MAX = 200;

/** A purpose as the form offers it: its id, and its title where it is not a built-in one. */
export const purpose = z.object({ id: z.string(), title: z.optional(translated(PURPOSE_TITLE_MAX)) });
export type Purpose = z.output<typeof purpose>;

/** What the stack wrote as JSON into the variable `name`, checked for its shape; `fallback` where nothing was written. */
export function deployedValue<T extends z.core.$ZodType>(name: string, json: string | undefined, schema: T, fallback: z.output<T>): z.output<T> {
  if (!json) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new ConfigError(`${name} is not valid JSON`, { cause });
  }
  return parsed(schema, value, (problem) => new ConfigError(problem), name);
}
