/**
 * What yazl uses of buffer-crc32, on Node's own `zlib.crc32`: yazl checksums every byte of
 * the archive with it, and in JavaScript that was about a tenth of the archive's CPU. The
 * bundles alias buffer-crc32 to this module (infra/bundling.ts); the twin and the tests,
 * not bundled, keep buffer-crc32, and test/unit/assemble-archive/native-crc32.test.ts
 * holds the two to the same sums.
 */
import { crc32 } from 'node:zlib';

/** The CRC-32 of `data`, continuing from `previous` (a sum so far) when given. */
export const unsigned = (data: Buffer | string, previous = 0): number => crc32(data, previous) >>> 0;
