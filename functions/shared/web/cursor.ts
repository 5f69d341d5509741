import { AdminError } from './admin-api.js';

/** The key of one index page: an item's key and the index's keys, all strings. */
export type PageCursor = Record<string, string>;

/** What a cursor of one listing may carry back: the index's key names and a check of each value. */
export interface CursorShape {
  /** The table key's prefix, e.g. `request#`. */
  prefix: string;
  /** The index's partition value, e.g. `request`. */
  kind: string;
  /** The index's sort key, an ISO instant. */
  sortKey: string;
  /** Keys of the table's own that have one value in this listing (the breach register's `sk`). */
  fixed?: Record<string, string>;
}

const MAX_CURSOR_LENGTH = 512;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Where the next page starts, as an opaque string for the caller to send back. */
export const encodeCursor = (key: PageCursor): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor sent back, checked: only the index's key, its values as the index holds them, bounded; anything else is a 400. */
export function decodeCursor(text: string, shape: CursorShape): PageCursor {
  const refused = new AdminError(400, 'cursor is not valid: send back the cursor of the previous page as it was.', 'cursor');
  if (text.length > MAX_CURSOR_LENGTH) throw refused;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw refused;
  const { pk, kind, [shape.sortKey]: sort, ...rest } = key as Record<string, unknown>;
  for (const [name, value] of Object.entries(shape.fixed ?? {})) {
    if (rest[name] !== value) throw refused;
    delete rest[name];
  }
  // The values too: a key the index could not hold is DynamoDB's error, not the caller's answer.
  const id = typeof pk === 'string' && pk.startsWith(shape.prefix) ? pk.slice(shape.prefix.length) : '';
  if (Object.keys(rest).length || !/^[A-Za-z0-9-]{1,100}$/.test(id) || kind !== shape.kind || typeof sort !== 'string' || !INSTANT.test(sort)) throw refused;
  return key as PageCursor;
}
