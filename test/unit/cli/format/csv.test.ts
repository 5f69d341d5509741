import { describe, expect, it } from 'vitest';
import { csv, csvField } from '../../../../cli/format/csv.js';

describe('CSV', () => {
  it('quotes fields holding a comma, a quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('puts an apostrophe before what a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
  });

  it('leaves ISO dates and instants alone', () => {
    expect(csvField('2026-09-03')).toBe('2026-09-03');
    expect(csvField('2026-09-03T07:00:00.000Z')).toBe('2026-09-03T07:00:00.000Z');
  });

  it('ends every record with CRLF and writes absent values as empty fields', () => {
    expect(
      csv([
        ['a', 'b', 'c'],
        ['1', undefined, null],
      ]),
    ).toBe('a,b,c\r\n1,,\r\n');
  });
});
