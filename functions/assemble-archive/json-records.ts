import { UnreadableRecordsError } from '../shared/errors.js';

/** Longest record shown (characters of its JSON or CSV text): a page shows records, not documents. */
export const MAX_RECORD_CHARS = 256 * 1024;

/**
 * The records of a JSON file, one at a time, whatever the file's size: each element of a
 * top-level array is cut out of the text as it streams by and parsed on its own, so memory
 * holds one record, never the file. Any other top-level value is one record. Throws
 * UnreadableRecordsError on malformed JSON or a record longer than `maxChars`.
 *
 * @example for await (const record of jsonRecords(stream)) rows.push(record)
 */
export async function* jsonRecords(source: AsyncIterable<Buffer | string>, maxChars = MAX_RECORD_CHARS): AsyncGenerator<unknown> {
  const decoder = new TextDecoder('utf-8');
  const cutter = new ElementCutter(maxChars);
  for await (const chunk of source) yield* cutter.scan(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  yield* cutter.scan(decoder.decode());
  yield* cutter.end();
}

class ElementCutter {
  /** Before the first character, inside the top-level array, a single top-level value, after the array. */
  private mode: 'start' | 'array' | 'single' | 'after' = 'start';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The current element's text from earlier chunks. */
  private pending = '';
  private elements = 0;

  constructor(private readonly maxChars: number) {}

  *scan(text: string): Generator<unknown> {
    if (this.mode === 'single') return void this.take(text, true); // one value: parsed whole at the end
    let from = 0; // where the current element's text starts in this chunk
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
      } else if (this.mode === 'start') {
        if (c === '[') {
          this.mode = 'array';
          from = i + 1;
        } else if (!isSpace(c)) {
          this.mode = 'single';
          from = i;
          i--; // read it again as the value's first character
        }
      } else if (this.mode === 'after') {
        if (!isSpace(c)) throw new UnreadableRecordsError('text after the top-level array');
      } else if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if (this.depth > 0 && (c === '}' || c === ']')) this.depth--;
      else if (this.mode === 'array' && this.depth === 0 && (c === ',' || c === ']')) {
        const element = this.take(text.slice(from, i));
        from = i + 1;
        if (element.trim() || c === ',') yield this.parse(element);
        else if (this.elements > 0) throw new UnreadableRecordsError('a trailing comma');
        if (c === ']') this.mode = 'after';
      }
    }
    if (this.mode === 'array' || this.mode === 'single') this.take(text.slice(from), true);
  }

  *end(): Generator<unknown> {
    if (this.mode === 'single') yield this.parse(this.take(''));
    else if (this.mode !== 'after' && this.mode !== 'start') throw new UnreadableRecordsError('the file ends inside its array');
  }

  /** The current element's text so far with `tail`; kept for the next chunk when `keep`, else handed out. */
  private take(tail: string, keep = false): string {
    const text = this.pending + tail;
    if (text.length > this.maxChars) throw new UnreadableRecordsError(`a record longer than ${this.maxChars} characters`);
    this.pending = keep ? text : '';
    return text;
  }

  private parse(text: string): unknown {
    this.elements++;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new UnreadableRecordsError('malformed JSON', { cause });
    }
  }
}

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\ufeff';
