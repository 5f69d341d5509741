import { createHash, randomBytes } from 'node:crypto';

/**
 * Link tokens: 256 random bits from the CSPRNG, base64url in the link, stored only as a
 * SHA-256 hash so that a read of the table yields no usable link.
 */
export interface LinkToken {
  token: string;
  hash: string;
}

export function newLinkToken(): LinkToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A link token as it can appear in a URL: 43 base64url characters. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** SHA-256 of a normalised address: lets the store find open requests without keying on personal data. */
export function addressKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}
