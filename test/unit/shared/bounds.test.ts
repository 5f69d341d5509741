import { describe, expect, it } from 'vitest';
import { clip, CLIPPED, jsonBytes } from '../../../functions/shared/bounds.js';

describe('clip', () => {
  it('keeps a text within its bound as it is', () => {
    expect(clip('Two courses were archived.\nAsk again in May.', 500)).toBe('Two courses were archived.\nAsk again in May.');
    expect(clip('é'.repeat(250), 500)).toBe('é'.repeat(250));
  });

  it('cuts a longer text to the bound in UTF-8 bytes, at a character, and marks it', () => {
    for (const [character, size] of [['x', 1], ['é', 2], ['注', 3], ['😀', 4]] as const) {
      // Prepare
      const text = character.repeat(5_000_000 / size);
      // Act
      const clipped = clip(text, 500)!;
      // Assess
      expect(Buffer.byteLength(clipped)).toBeLessThanOrEqual(500);
      expect(Buffer.byteLength(clipped)).toBeGreaterThan(500 - size - Buffer.byteLength(CLIPPED));
      expect(clipped.endsWith(CLIPPED)).toBe(true);
      expect(clipped.slice(0, -CLIPPED.length)).toBe(character.repeat((clipped.length - CLIPPED.length) / character.length));
    }
  });

  it('turns control characters, bidirectional overrides and broken pairs into spaces, keeping lines and tabs', () => {
    expect(clip('a\u0000b\u001bc\u202ed\ud800e\tf\ng', 100)).toBe('a b c d e\tf\ng');
  });

  it('gives nothing for what is not text, or is blank', () => {
    expect(clip(undefined, 10)).toBeUndefined();
    expect(clip(42, 10)).toBeUndefined();
    expect(clip({ note: 'x' }, 10)).toBeUndefined();
    expect(clip('   ', 10)).toBeUndefined();
  });
});

describe('jsonBytes', () => {
  it('counts UTF-8 bytes of the JSON, as Step Functions does', () => {
    expect(jsonBytes({ a: 'é' })).toBe(10);
    expect(jsonBytes(null)).toBe(4);
    expect(jsonBytes(undefined)).toBe(0);
  });
});
