import { describe, expect, it } from 'vitest';
import { addressKey, hashToken, looksLikeToken, newLinkToken } from '../../../functions/shared/tokens.js';

describe('link tokens', () => {
  it('are 256 random bits in base64url, stored as their SHA-256', () => {
    const { token, hash } = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
  });

  it('never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newLinkToken().token));
    expect(tokens.size).toBe(1000);
  });

  it('are recognised by shape before any lookup', () => {
    expect(looksLikeToken(newLinkToken().token)).toBe(true);
    expect(looksLikeToken('short')).toBe(false);
    expect(looksLikeToken(`${'a'.repeat(42)}/`)).toBe(false);
  });

  it('key open requests by address without storing the address in the key', () => {
    expect(addressKey(' Ada@Example.org ')).toBe(addressKey('ada@example.org'));
    expect(addressKey('ada@example.org')).not.toContain('ada');
  });
});
