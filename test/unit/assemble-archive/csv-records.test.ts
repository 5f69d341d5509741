import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../functions/assemble-archive/csv-records.js';
import { toCsv } from '../../../functions/connectors/csv.js';
import { UnreadableRecordsError } from '../../../functions/shared/errors.js';
import { collect, inPieces } from '../../support/chunks.js';

/** The records of `text` read in pieces of `size` bytes (the whole text at once by default). */
const all = (text: string, size?: number, max?: number) => collect(csvRecords(inPieces(text, size), max));

describe('csvRecords', () => {
  it('reads back what the connectors write, keyed by the header, wherever the chunks are cut', async () => {
    const rows = [
      { email: 'ada@example.org', note: 'a "quoted" word, a comma\r\nand a line break', city: 'Besançon' },
      { email: 'grace@example.org', note: '', city: '€ 😀' },
    ];
    const text = toCsv(rows);
    for (const size of [1, 2, 5, 1000]) expect(await all(text, size), `pieces of ${size}`).toEqual(rows);
  });

  it('takes LF or CR line ends, skips blank lines and fills missing cells', async () => {
    expect(await all('a,b\n1,2\n\n3\r4,5')).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '' },
      { a: '4', b: '5' },
    ]);
  });

  it('has no records for a header alone or an empty file', async () => {
    expect(await all('a,b\r\n')).toEqual([]);
    expect(await all('')).toEqual([]);
  });

  it('refuses a row longer than its bound', async () => {
    await expect(all(`a\n"${'x'.repeat(2000)}"\n`, undefined, 1000)).rejects.toBeInstanceOf(UnreadableRecordsError);
  });
});
