import { UsageError } from './errors.js';

/** The local twin's address, where `npm start` serves the admin API. */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:3000';

/**
 * The admin API's base URL, checked before any call. A stage path (`/prod`) is kept: routes
 * are appended to it.
 */
export function parseEndpoint(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`the endpoint is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`the endpoint must be an http or https URL: ${raw}`);
  // A password in the URL would end up in shell history and error messages.
  if (url.username || url.password) throw new UsageError('the endpoint must not carry a user or password; set DSR_ADMIN_TOKEN instead');
  if (url.search || url.hash) throw new UsageError(`the endpoint must not have a query or fragment: ${raw}`);
  return url;
}

/** The local twin answers on the loopback address only. */
export const isLocal = (url: URL): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** The stage path routes are appended to: `/prod`, or empty (a URL's path is never empty, `/` at least). */
export const basePath = (url: URL): string => url.pathname.replace(/\/+$/, '');

/** The endpoint as shown in messages. */
export const describeEndpoint = (url: URL): string => `${url.origin}${basePath(url)}`;
