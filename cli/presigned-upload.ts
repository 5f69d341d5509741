import { isLocal } from './endpoint.js';
import { RefusedError } from './errors.js';

/** What is uploaded, and the words messages use for it (`the addresses`). */
export interface Upload {
  bytes: Uint8Array;
  contentType: string;
  what: string;
}

/**
 * PUTs a file to a presigned address (S3, not the admin API): the Content-Type the signature
 * expects and nothing else of ours — no Authorization, no custom header — and no redirect
 * followed. The address's query string is its signature: messages show the address without it.
 *
 * @example await putPresigned(upload.url, { bytes: csv, contentType: 'text/csv', what: 'the addresses' });
 */
export async function putPresigned(address: string, { bytes, contentType, what }: Upload, timeoutMs = 300_000): Promise<void> {
  const url = uploadUrl(address, what);
  const where = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body: bytes, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? 'network error');
    throw new RefusedError(`the upload of ${what} failed (${why}) at ${where}`, undefined, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (response.status < 200 || response.status > 299) {
    // S3 answers `<Error><Code>SignatureDoesNotMatch</Code>…`: the code says why; the rest may echo the request.
    const code = /<Code>([A-Za-z0-9.]{1,60})<\/Code>/.exec(text)?.[1];
    throw new RefusedError(`the upload of ${what} failed (HTTP ${response.status}${code ? ` ${code}` : ''}) at ${where}`, response.status);
  }
}

/** The address the service gave, checked: http(s), and plain http only to this machine (the twin). */
function uploadUrl(address: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new RefusedError(`the service gave no usable address to upload ${what} to`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal(url))) {
    throw new RefusedError(`refusing to upload ${what} to ${url.protocol}//${url.host}: only https is used for personal data`);
  }
  if (url.username || url.password) throw new RefusedError(`the service gave an address to upload ${what} to that carries a user or password`);
  return url;
}
