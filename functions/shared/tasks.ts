import type { Deps } from './context.js';
import { NotFoundError } from './errors.js';
import type { DsrRequest } from './store/requests.js';

/** What a `.waitForTaskToken` step hands its Lambda: the request, the token to resume with, and how long the link lives. */
export interface WaitingStepInput {
  requestId: string;
  taskToken: string;
  linkLifetimeSeconds: number;
}

/** Loads the request a workflow step works on; a missing one is a permanent failure. */
export async function requestFor(d: Deps, requestId: string): Promise<DsrRequest> {
  const request = await d.requests.get(requestId);
  if (!request) throw new NotFoundError(`request ${requestId} not found`);
  return request;
}

/** The public address of a page behind a link token. */
export function linkUrl(d: Deps, path: 'verify' | 'decisions', token: string): string {
  return `${d.config.publicBaseUrl}/${path}/${token}`;
}
