/**
 * One way to check what comes from outside (data systems' answers and callbacks, `dsr:`
 * settings, the deployment's lists a function reads): a zod schema, from which the type is
 * inferred, so a shape and its check are written once. The mini build keeps bundles small
 * (about 18 KB); every message is the project's own, a predicate that follows the field's
 * name: "files #3.name is longer than 500 bytes".
 */
import * as z from 'zod/mini';

// Each module imports `* as z from 'zod/mini'` itself: re-exported from here, the namespace
// would reach bundles whole (its 40 locales included, 430 KB) instead of tree-shaken.

/** A field's name as the messages say it, under `where` if given: `art15.purposes #1.purpose`, `files #3.name`. */
export function fieldName(path: readonly PropertyKey[], where = ''): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name} #${key + 1}` : name ? `${name}.${String(key)}` : String(key)), where).trim();
}

/** One sentence per problem: the field and what is wrong with it ("… has no \"fr\"", or "…: DE is in the EEA"). */
export function problemsOf(error: z.core.$ZodError, where = ''): string[] {
  return error.issues.map((issue) => {
    const field = fieldName(issue.path, where);
    const message = issue.code === 'unrecognized_keys' ? `has an unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` : issue.message;
    return field ? `${field}${message.startsWith(':') ? '' : ' '}${message}` : message;
  });
}

/** The value as the schema reads it, or `fail` with the first problem, naming its field. */
export function parsed<T extends z.core.$ZodType>(schema: T, value: unknown, fail: (problem: string) => Error, where = ''): z.output<T> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw fail(problemsOf(result.error, where)[0]);
  return result.data;
}

/** A text of at most `max` UTF-8 bytes, as the state's and the tables' limits count. */
export const bytesAtMost = (max: number, message = `is longer than ${max} bytes`) => z.refine<string>((s) => Buffer.byteLength(s) <= max, message);
