/**
 * The kinds of value the `dsr:` settings take, each read as cdk.json holds it or as `-c`
 * gives it (infra/context-values.ts), with a message that shows what was given.
 */
import * as z from 'zod/mini';
import { asAWhole, got, readBy, wholeNumber } from '../functions/shared/schema.js';
import { mailAddress } from '../functions/shared/validation.js';
import { listFromText, numberFromText } from './context-values.js';

/** A setting that may be left out, or given empty to leave it unset. */
export const unlessEmpty = <T extends z.core.$ZodType>(schema: T) => z.pipe(z.transform((value: unknown) => (value === '' ? undefined : value)), z.optional(schema));

/** An address, in the form it is mailed: an international domain in punycode. */
export const emailAddress = readBy((value) => (typeof value === 'string' ? mailAddress(value.trim()) : undefined), got('must be an email address'));

/** Text that `problem` finds nothing wrong with, or what it finds. */
export const textWithout = (problem: (text: string) => string | undefined) =>
  z.string({ error: (issue) => got('must be text')(issue.input) }).check(
    z.superRefine((text, ctx) => {
      const found = problem(text);
      if (found) ctx.addIssue(got(found)(text));
    }),
  );

/** A whole number from `min` to `max`, `fallback` when not given. */
export const wholeSetting = (fallback: number, min: number, max: number) =>
  z.prefault(asAWhole(z.pipe(z.transform(numberFromText), wholeNumber(min, max)), got(`must be a whole number from ${min} to ${max}`)), fallback);

/** true or false, `fallback` when not given. */
export const yesOrNo = (fallback: boolean) =>
  z.prefault(readBy((value) => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined), got('must be true or false')), fallback);

/** A list of `item`s, as cdk.json holds it or `-c` gives it; `fallback` when not given. */
export const listSetting = <T extends z.core.$ZodType>(item: T, fallback: z.input<T>[], message: string) => z.prefault(z.pipe(z.transform(listFromText), z.array(item, message)), fallback);

/** Some of `allowed`, each once; `fallback` when not given. */
export const someOf = <const T extends readonly string[]>(allowed: T, fallback: T[number][]) =>
  z.prefault(
    z.pipe(asAWhole(z.pipe(z.transform(listFromText), z.array(z.enum(allowed))), got(`must list only ${allowed.join(', ')}`)), z.transform((list) => [...new Set(list)])),
    fallback,
  );

/** Whole numbers from `min` to `max`, each once, in `order`; `fallback` when not given. */
export const wholeNumbers = (fallback: number[], min: number, max: number, unit: string, order: (a: number, b: number) => number) =>
  z.prefault(
    z.pipe(
      asAWhole(z.pipe(z.transform(listFromText), z.array(z.pipe(z.transform(numberFromText), wholeNumber(min, max)))), got(`must list whole numbers of ${unit} from ${min} to ${max}`)),
      z.transform((list) => [...new Set(list)].sort(order)),
    ),
    fallback,
  );
