import type { RegisterCursor } from '../shared/store/requests.js';
import { AdminError } from '../shared/web/admin-api.js';

/** The register index's key, the only thing a cursor may carry back. */
const CURSOR_KEYS = ['pk', 'kind', 'receivedAt'];
const MAX_CURSOR_LENGTH = 512;

/** Where the next page starts, as an opaque string for the caller to send back. */
export const encodeCursor = (key: RegisterCursor): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor sent back, checked: only the register index's key, bounded; anything else is a 400. */
export function decodeCursor(text: string): RegisterCursor {
  const refused = new AdminError(400, 'cursor is not valid: send back the cursor of the previous page as it was.', 'cursor');
  if (text.length > MAX_CURSOR_LENGTH) throw refused;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw refused;
  const entries = Object.entries(key);
  if (entries.length !== CURSOR_KEYS.length || !entries.every(([name, value]) => CURSOR_KEYS.includes(name) && typeof value === 'string')) throw refused;
  // The values too: a key the index could not hold is DynamoDB's error, not the caller's answer.
  const { pk, kind, receivedAt } = key as RegisterCursor;
  if (!/^request#[A-Za-z0-9-]{1,100}$/.test(pk) || kind !== 'request' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(receivedAt)) throw refused;
  return key as RegisterCursor;
}
