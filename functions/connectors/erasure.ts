import * as z from 'zod/mini';
import { asAWhole } from '../shared/schema.js';
import { attributeName } from './attribute-name.js';

/**
 * How an erasure treats a table's items: `delete` them (the default), or `anonymise` them
 * by removing `attributes` (e.g. a forum post's author, so the thread stays whole).
 */
export const erasure = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('delete') }),
    z.object({ mode: z.literal('anonymise'), attributes: asAWhole(z.array(attributeName()).check(z.minLength(1)), 'must list the attributes that anonymising removes') }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'must be delete or anonymise' : 'must be { "mode": "delete" } or { "mode": "anonymise", "attributes": […] }') },
);

export type Erasure = z.output<typeof erasure>;
