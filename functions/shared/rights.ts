/** The GDPR rights a learner can exercise through the form (Arts. 15–18, 20, 21). */
export const RIGHTS = ['access', 'portability', 'erasure', 'rectification', 'restriction', 'objection'] as const;
export type Right = (typeof RIGHTS)[number];

/** Languages the product speaks to learners and the DPO. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Uses of personal data a learner may restrict or object to; a deployment may declare more (`dsr:purposes`). */
export const BUILT_IN_PURPOSES = ['marketing', 'analytics', 'profiling'] as const;
export type BuiltInPurpose = (typeof BUILT_IN_PURPOSES)[number];

/** A purpose as the form offers it (functions/shared/deployment-lists.ts). */
export type { Purpose } from './deployment-lists.js';

/** Rights that name purposes. */
export const RESTRICTING_RIGHTS: readonly Right[] = ['restriction', 'objection'];

export const isRight = (value: unknown): value is Right => RIGHTS.includes(value as Right);
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
