import type { Deps } from './context.js';
import { NotFoundError } from './errors.js';
import type { DsrRequest } from './store/requests.js';

/**
 * What a `.waitForTaskToken` step hands its Lambda: the request, the token to resume
 * with, when the step began and how long its link lives. The step times out that long
 * after it began, so the link expires at that very moment too.
 */
export interface WaitingStepInput {
  requestId: string;
  taskToken: string;
  stepEnteredAt: string;
  linkLifetimeSeconds: number;
}

/** When the link of a waiting step stops working: when the step times out. */
export function linkExpiry(input: WaitingStepInput): Date {
  return new Date(Date.parse(input.stepEnteredAt) + input.linkLifetimeSeconds * 1000);
}

/** Loads the request a workflow step works on; a missing one is a permanent failure. */
export async function requestFor(d: Deps, requestId: string): Promise<DsrRequest> {
  const request = await d.requests.get(requestId);
  if (!request) throw new NotFoundError(`request ${requestId} not found`);
  return request;
}

/** The public address of a page behind a link token. */
export function linkUrl(publicBaseUrl: string, path: 'verify' | 'decisions' | 'downloads' | 'callbacks' | 'communications' | 'breaches', token: string): string {
  return `${publicBaseUrl}/${path}/${token}`;
}
