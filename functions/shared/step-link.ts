import type { Deps } from './context.js';
import { oncePerStep, stepClaim } from './store/letters.js';
import type { LinkPurpose } from './store/link-tokens.js';
import type { DsrRequest } from './store/requests.js';
import { hashToken } from './tokens.js';

export interface StepLink {
  purpose: LinkPurpose;
  taskToken?: string;
  operation?: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Issues the link of a step and emails it, once per step (`step`, shared/step.ts). A
 * retried attempt of a waiting step comes with a task token of its own: the link already
 * emailed is pointed at it, and no second email goes. Answers the emailed link's hash.
 */
export async function emailLinkOnce(d: Deps, request: DsrRequest, step: string | undefined, spec: StepLink, send: (link: { token: string; expiresAt: string }) => Promise<unknown>): Promise<{ tokenHash: string; expiresAt: string }> {
  const sent = step && request.lettersSent?.has(stepClaim(step)) ? await d.links.stepLink(request.requestId, step) : undefined;
  if (sent) {
    if (spec.taskToken) await d.links.repoint(sent.tokenHash, spec.taskToken);
    return sent;
  }
  // Not emailed yet (or a previous attempt failed before its email): a fresh link, remembered before it is sent.
  const link = await d.links.issue({ ...spec, requestId: request.requestId });
  const tokenHash = hashToken(link.token);
  if (step) await d.links.rememberStepLink(request.requestId, step, tokenHash, link.expiresAt);
  await oncePerStep(d.requests, request.requestId, step, () => send(link));
  return { tokenHash, expiresAt: link.expiresAt };
}
