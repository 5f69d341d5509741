import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { unsigned } from '../../../functions/assemble-archive/native-crc32.js';

// Loaded as yazl loads it.
const bufferCrc32 = createRequire(import.meta.url)('buffer-crc32') as typeof import('buffer-crc32');

describe('the bundles\' CRC-32 (Node\'s own, in place of buffer-crc32)', () => {
  it('gives buffer-crc32\'s sums, whole and continued chunk by chunk as yazl reads a stream', () => {
    for (const size of [0, 1, 31, 4096, 100_003]) {
      const data = randomBytes(size);
      expect(unsigned(data)).toBe(bufferCrc32.unsigned(data));
      let sum = 0;
      let theirs = 0;
      for (let at = 0; at < size; at += 7_919) {
        sum = unsigned(data.subarray(at, at + 7_919), sum);
        theirs = bufferCrc32.unsigned(data.subarray(at, at + 7_919), theirs);
      }
      expect(sum).toBe(theirs);
      if (size) expect(sum).toBe(unsigned(data));
    }
    expect(unsigned('manifest.json')).toBe(bufferCrc32.unsigned('manifest.json'));
  });
});
