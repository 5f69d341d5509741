import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonRecords } from '../../../functions/assemble-archive/json-records.js';
import { UnreadableRecordsError } from '../../../functions/shared/errors.js';
import { collect, inPieces } from '../../support/chunks.js';

/** The records of `text` read in pieces of `size` bytes (the whole text at once by default). */
const all = (text: string, size?: number, max?: number) => collect(jsonRecords(inPieces(text, size), max));

describe('jsonRecords', () => {
  const records = [
    { id: 'a', text: 'brackets ] } [ { and a comma, in a string', n: 1.5, ok: true, none: null },
    { id: 'b', text: 'quotes \\" and \\\\ escapes \u00e9\u20ac\ud83d\ude00', nested: { list: [1, [2, { x: ']' }]] } },
    ['an', 'array'],
    'a string',
    42,
  ];
  const text = JSON.stringify(records, null, 2);

  it('yields each element of a top-level array, parsed', async () => {
    expect(await all(text)).toEqual(records);
  });

  it('finds the same records wherever the chunks are cut, multi-byte characters included', async () => {
    for (const size of [1, 2, 3, 7, 64]) expect(await all(text, size), `pieces of ${size}`).toEqual(records);
  });

  it('takes any other top-level value as one record, and an empty array or file as none', async () => {
    expect(await all('\ufeff {"email":"a@example.org","topics":["x"]}\n', 3)).toEqual([{ email: 'a@example.org', topics: ['x'] }]);
    expect(await all('[ ]')).toEqual([]);
    expect(await all('  \n')).toEqual([]);
  });

  it('refuses what is not JSON, naming no content', async () => {
    for (const bad of ['[{"a":1},]', '[{"a":1}', '[{"a":1}] x', '{"a":', '[,1]', '[{"a":1} {"b":2}]']) {
      await expect(all(bad), bad).rejects.toBeInstanceOf(UnreadableRecordsError);
    }
  });

  it('refuses a record longer than its bound instead of holding it', async () => {
    const long = JSON.stringify([{ a: 'x'.repeat(100) }, { b: 'y'.repeat(5000) }]);
    await expect(all(long, 10, 1000)).rejects.toThrow(/longer than 1000 characters/);
  });

  it('yields a record as soon as it has streamed by, before the file ends', async () => {
    // Arrange: a source that has sent two records and stays open.
    const source = new PassThrough();
    const records = jsonRecords(source)[Symbol.asyncIterator]();
    source.write('[{"id":1},\n{"id":2},\n{"id"');
    // Act, Assess: both come out while the rest is still to come.
    expect((await records.next()).value).toEqual({ id: 1 });
    expect((await records.next()).value).toEqual({ id: 2 });
    source.end(':3}]');
    expect((await records.next()).value).toEqual({ id: 3 });
    expect((await records.next()).done).toBe(true);
  });
});
