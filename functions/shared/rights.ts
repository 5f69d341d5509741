/** The GDPR rights a learner can exercise through the form (Arts. 15–18, 20, 21). */
export const RIGHTS = ['access', 'portability', 'erasure', 'rectification', 'restriction', 'objection'] as const;
export type Right = (typeof RIGHTS)[number];

/** Languages the product speaks to learners and the DPO. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const isRight = (value: unknown): value is Right => RIGHTS.includes(value as Right);
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
