import type { Settings } from './settings.js';

/**
 * How long the product's objects may live. The workflows delete what they stage and build
 * once they are done with it (the archive when its download link expires, the staged
 * exports once the archive holds them, both when a request fails, is abandoned or is
 * cancelled); the bucket's expiry rules are only the safety net for what a crash leaves,
 * so they must outlast the longest path a request can take. The stack writes them on the
 * bucket (infra/constructs/data.ts) and the twin applies the same ones
 * (infra/local/lifecycle.ts).
 */

/**
 * The most days a request's workflow can hold an object: its due date falls at most 96 days
 * after receipt (three months, an extension, the next working day); a gate is asked until
 * `abandonAfterDays` after it, and its last link lives `decisionLinkDays`; two callback
 * rounds of at most 7 days each may follow; then the download link lives `downloadLinkDays`.
 */
export const longestRequestDays = (settings: Pick<Settings, 'abandonAfterDays' | 'decisionLinkDays' | 'downloadLinkDays'>): number =>
  96 + settings.abandonAfterDays + settings.decisionLinkDays + 14 + settings.downloadLinkDays;

/** A week past the longest request: nothing a running workflow still needs is ever expired. */
const MARGIN_DAYS = 7;

export interface ExpiryRule {
  id: string;
  prefix: string;
  days: number;
}

/** The bucket's expiry rules, by prefix. */
export function expiryRules(settings: Pick<Settings, 'abandonAfterDays' | 'decisionLinkDays' | 'downloadLinkDays'>): ExpiryRule[] {
  const backstop = longestRequestDays(settings) + MARGIN_DAYS;
  return [
    // A request's staged exports (staging/<requestId>/…).
    { id: 'staging', prefix: 'staging/', days: backstop },
    // A breach's staged user ids and the directories' answers, read within the hour: the shorter rule is the one S3 applies.
    { id: 'breach-staging', prefix: 'staging/breach-', days: 7 },
    { id: 'archives', prefix: 'archives/', days: backstop },
    // A breach's uploaded list of affected people: read, then deleted, when its communication is asked for.
    { id: 'breaches', prefix: 'breaches/', days: 30 },
  ];
}
