/**
 * One way to check what comes from outside (data systems' answers and callbacks, `dsr:`
 * settings, the deployment's lists a function reads): a zod schema, from which the type is
 * inferred, so a shape and its check are written once. The mini build keeps bundles small
 * (the parts the deployment's lists use are about 27 KB); every message is the project's
 * own, a predicate that follows the field's name: "files #3.name is longer than 500 bytes".
 *
 * Each module imports the mini build itself (`import * as z from 'zod/mini'`): esbuild keeps
 * only the parts of a namespace import that a module uses, but not of a namespace another
 * module passes on, which would put all of zod (about 420 KB) in every bundle.
 */
import * as z from 'zod/mini';

/** A field's name as the messages say it, under `where` if given: `art15.purposes #1.purpose`, `files #3.name`. */
export function fieldName(path: readonly PropertyKey[], where = ''): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name} #${key + 1}` : name ? `${name}.${String(key)}` : String(key)), where).trim();
}

/**
 * One problem in a sentence: the field and what is wrong with it ("… has no \"fr\"", or
 * "…: DE is in the EEA"); a key a map does not allow is said as the map's
 * ("labels has \"first name\", which is not an attribute name").
 */
export function problemOf(issue: z.core.$ZodIssue, where = ''): string {
  const badKey = issue.code === 'invalid_key';
  const field = fieldName(badKey ? issue.path.slice(0, -1) : issue.path, where);
  const message =
    issue.code === 'unrecognized_keys' ? `has an unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
    : badKey ? `has ${JSON.stringify(issue.path.at(-1))}, ${issue.message}`
    : issue.message;
  return field ? `${field}${message.startsWith(':') ? '' : ' '}${message}` : message;
}

/** One sentence per problem, each naming its field. */
export const problemsOf = (error: z.core.$ZodError, where = ''): string[] => error.issues.map((issue) => problemOf(issue, where));

const EXPECTED: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object', record: 'an object' };

/** What a schema says where it has no words of its own: "is missing", "must be text", "must be one of …". */
const plainWords: z.core.$ZodErrorMap = (issue) => {
  const oneOf = (values: readonly unknown[]) => (values.length === 1 ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.join(', ')}`);
  if (issue.input === undefined && issue.code !== 'custom') return 'is missing';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_union':
      return Array.isArray(issue.options) ? oneOf(issue.options) : 'is none of the forms it may take';
    case 'invalid_key':
      return 'which is not allowed';
    case 'too_small':
      return `is under ${String(issue.minimum)}`;
    case 'too_big':
      return `is over ${String(issue.maximum)}`;
    default:
      return 'is not valid';
  }
};

/** The schema's verdict on a value, its problems in plain words where the schema gives none. */
export const judge = <T extends z.core.$ZodType>(schema: T, value: unknown) => z.safeParse(schema, value, { error: plainWords });

/** The value as the schema reads it, or `fail` with the first problem, naming its field. */
export function parsed<T extends z.core.$ZodType>(schema: T, value: unknown, fail: (problem: string) => Error, where = ''): z.output<T> {
  const result = judge(schema, value);
  if (!result.success) throw fail(problemsOf(result.error, where)[0]);
  return result.data;
}

/** A message, or one made from the value it is about ("… (got \"USA\")"). */
export type Message = string | ((input: unknown) => string);
const say = (message: Message, input: unknown) => (typeof message === 'string' ? message : message(input));

/** A predicate and the value it is about: `must be an email address (got "nope")`. */
export const got = (predicate: string) => (input: unknown) => `${predicate} (got ${JSON.stringify(input ?? null)})`;

/**
 * `schema` judged as a whole: one problem, `message`, whatever is wrong inside it
 * ("match needs attribute and subjectField"), made from the value as given. Like a value of
 * the wrong type, it stops the rules across fields that would read it, but not those that
 * run whatever the others hold (`when`).
 */
export const asAWhole = <T extends z.core.$ZodType>(schema: T, message: Message) =>
  z.pipe(
    z.transform((input: unknown, payload) => {
      if (!z.safeParse(schema, input).success) payload.issues.push({ code: 'custom', input, message: say(message, input) });
      return input;
    }),
    schema,
  );

/** A value read by `read`, which answers undefined for one it cannot read: an address in the form it is mailed, a URL without its last slash. */
export const readBy = <I, O>(read: (input: I) => O | undefined, message: Message) =>
  z.transform((input: I, payload) => {
    const value = read(input);
    if (value === undefined) payload.issues.push({ code: 'custom', input, message: say(message, input) });
    return value as O;
  });

/** A text that is not blank. */
export const text = (message = 'must not be blank') => z.string(message).check(z.refine((s) => s.trim() !== '', message));

/** A whole number from `min` to `max`, one problem whatever is wrong with it. */
export const wholeNumber = (min: number, max: number, message = `must be a whole number from ${min} to ${max}`) =>
  z.number(message).check(z.refine((n) => Number.isInteger(n) && n >= min && n <= max, message));

/** A text of at most `max` UTF-8 bytes, as the state's and the tables' limits count. */
export const bytesAtMost = (max: number, message = `is longer than ${max} bytes`) => z.refine<string>((s) => Buffer.byteLength(s) <= max, message);
