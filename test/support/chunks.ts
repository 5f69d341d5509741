import { Readable } from 'node:stream';

/** A text's bytes in pieces of `size` (whole by default), as a stream: the boundaries fall everywhere, inside multi-byte characters too. */
export function inPieces(text: string, size = Math.max(1, Buffer.byteLength(text))): Readable {
  const bytes = Buffer.from(text);
  return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_v, i) => bytes.subarray(i * size, (i + 1) * size)));
}

/** Everything an async iterable yields, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
