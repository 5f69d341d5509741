import { UnreadableRecordsError } from '../shared/errors.js';
import { MAX_RECORD_CHARS } from './json-records.js';

/**
 * The records of a CSV file (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks), one at a time, each keyed by the header row's names: memory holds one row,
 * never the file. Throws UnreadableRecordsError on a row longer than `maxChars`.
 *
 * @example for await (const record of csvRecords(stream)) console.log(record.email)
 */
export async function* csvRecords(source: AsyncIterable<Buffer | string>, maxChars = MAX_RECORD_CHARS): AsyncGenerator<Record<string, string>> {
  const decoder = new TextDecoder('utf-8');
  const rows = new RowCutter(maxChars);
  let header: string[] | undefined;
  const record = (row: string[]) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? '']));
  for await (const chunk of source) {
    for (const row of rows.scan(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))) {
      if (header) yield record(row);
      else header = row;
    }
  }
  for (const row of [...rows.scan(decoder.decode()), ...rows.end()]) {
    if (header) yield record(row);
    else header = row;
  }
}

class RowCutter {
  private row: string[] = [];
  private field = '';
  private chars = 0;
  /** Inside a quoted field; `quote`: a quote was just read there (the field's end, or the first of a doubled quote). */
  private quoted = false;
  private quote = false;
  /** A CR ended the last row: a LF right after it belongs to it. */
  private afterCr = false;

  constructor(private readonly maxChars: number) {}

  *scan(text: string): Generator<string[]> {
    for (const c of text) {
      const afterCr = this.afterCr;
      this.afterCr = false;
      if (++this.chars > this.maxChars) throw new UnreadableRecordsError(`a row longer than ${this.maxChars} characters`);
      if (this.quoted && !this.quote) {
        if (c === '"') this.quote = true;
        else this.field += c;
        continue;
      }
      if (this.quote) {
        this.quote = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      }
      if (c === '"' && this.field === '') this.quoted = true;
      else if (c === ',') this.endField();
      else if (c === '\r' || c === '\n') {
        if (c === '\n' && afterCr) continue;
        this.afterCr = c === '\r';
        const row = this.endRow();
        if (row) yield row;
      } else this.field += c;
    }
  }

  end(): string[][] {
    const row = this.endRow();
    return row ? [row] : [];
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
  }

  /** The row just ended, or undefined for a blank line. */
  private endRow(): string[] | undefined {
    this.endField();
    const row = this.row;
    this.row = [];
    this.chars = 0;
    return row.length === 1 && row[0] === '' ? undefined : row;
  }
}
