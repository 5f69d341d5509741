import * as z from 'zod/mini';
import { asAWhole, text, wholeNumber } from '../shared/schema.js';
import { attributeName } from './attribute-name.js';

const FROM = 'names a date attribute of a dynamodb table';
const WHERE = '({ attribute, equals }) is for a dynamodb table';
const upTo100 = z.optional(wholeNumber(0, 100));

/**
 * A category of data kept despite an erasure, e.g. invoices kept ten years for accounting
 * law. The period runs from the record's own date (`from`, a DynamoDB attribute holding an
 * ISO date) or else from the erasure.
 */
export const retentionRule = z.object({
  category: text('is required (what is kept, as the learner reads it; at most 200 characters)').check(z.maxLength(200)),
  legalBasis: text('is required (the law that obliges keeping it; at most 300 characters)').check(z.maxLength(300)),
  keepFor: asAWhole(z.object({ years: upTo100, months: upTo100, days: upTo100 }).check(z.refine((k) => !!(k.years || k.months || k.days))), 'needs years, months or days (whole numbers up to 100)'),
  from: z.optional(attributeName(FROM)),
  /** dynamodb: the rule keeps only items whose attribute equals this value (all items when absent). */
  where: z.optional(asAWhole(z.object({ attribute: attributeName(), equals: z.union([z.string(), z.number(), z.boolean()]) }), WHERE)),
});

export type RetentionRule = z.output<typeof retentionRule>;

/** A rule for a system without attributes (an S3 prefix, an external system): it keeps all the person's data there, from the erasure. */
export const wholeRetentionRule = retentionRule.check(
  z.superRefine((rule, ctx) => {
    if (rule.from !== undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: FROM, input: rule.from });
    if (rule.where !== undefined) ctx.addIssue({ code: 'custom', path: ['where'], message: WHERE, input: rule.where });
  }),
);
