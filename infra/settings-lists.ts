/**
 * The settings that become the deployment's lists (functions/shared/deployment-lists.ts):
 * Art. 19 recipients and purposes. Here they are held to the rules a function takes for
 * granted, from the same pieces as the shapes it checks.
 */
import { purpose, recipient, PURPOSE_TITLE_MAX, type Recipient } from '../functions/shared/deployment-lists.js';
import { BUILT_IN_PURPOSES, type Locale } from '../functions/shared/rights.js';
import * as z from 'zod/mini';
import { asAWhole, got, readBy } from '../functions/shared/schema.js';
import { translated } from '../functions/shared/translated.js';
import { mailAddress } from '../functions/shared/validation.js';
import { listSetting } from './settings-values.js';

const PURPOSE_ID = /^[a-z][a-z0-9-]{0,39}$/;

/** Told by email, or by a call to a URL signed with its secret: one of the two, as it is sent (an international domain in punycode). */
function asTold(r: Recipient): Recipient | undefined {
  const name = r.name.trim();
  const email = r.email === undefined ? undefined : mailAddress(r.email);
  const byCall = !!r.url && /^https?:\/\//.test(r.url) && !!r.secretName?.trim();
  if (!name || name.length > 100 || (r.email !== undefined && !email) || !!email === byCall) return undefined;
  return email ? { name, email } : { name, url: r.url, secretName: r.secretName };
}

const RECIPIENT_RULE = ': give a name (at most 100 characters) and either an email, or a url with a secretName';

/** `dsr:recipients`: those the platform discloses data to, told of each erasure, rectification or restriction (Art. 19). */
export const recipientsSetting = listSetting(
  asAWhole(z.pipe(recipient, readBy(asTold, RECIPIENT_RULE)), (r) => got(RECIPIENT_RULE)(r)),
  [],
  'must be a list of { name, email } or { name, url, secretName }',
);

/** `dsr:purposes`: the built-in ones by id, or the deployment's own with a title in each of `languages`. */
export function purposesSetting(languages: readonly Locale[]) {
  const rule = `: use ${BUILT_IN_PURPOSES.join(', ')}, or { "id": "research", "title": { ${languages.map((l) => `"${l}": "…"`).join(', ')} } }`;
  const builtIn = z.pipe(z.enum(BUILT_IN_PURPOSES), z.transform((id) => ({ id })));
  const declared = z.extend(purpose, { id: z.string().check(z.regex(PURPOSE_ID)), title: translated(PURPOSE_TITLE_MAX, languages) });
  return listSetting(asAWhole(z.union([builtIn, declared]), got(rule)), [...BUILT_IN_PURPOSES], `must be a list of purposes${rule.slice(1)}`);
}
