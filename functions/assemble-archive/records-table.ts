import { UnreadableRecordsError } from '../shared/errors.js';
import { html, type SafeHtml } from '../shared/web/html.js';
import { readableValue, type ValueFormat } from './values.js';

type Row = Record<string, unknown>;

/** Records read before the columns are chosen: enough to see every attribute of a usual export, few enough to keep memory flat. */
const FIRST_ROWS = 50;

/**
 * The most columns a table shows (declared ones first): records that each bring attributes
 * of their own must not widen every table after them, nor build a page too wide to read or
 * hold. What a table leaves out is in the file it offers beside it.
 */
const MAX_COLUMNS = 100;

export interface TableView extends ValueFormat {
  /** Unique on the page: the table's region is labelled by its caption. */
  id: string;
  caption: string;
  /** Declared attributes, in the order their columns come first. */
  declared: string[];
}

/**
 * Records as an HTML table, streamed: each row is written as it is read. The columns are
 * the attributes of the first records (declared ones first, in their order); a later
 * record with another attribute starts a continued table with it. The table scrolls
 * sideways inside its own region, so the page itself reflows on a phone. A file that turns
 * out not to be records ends the table with a note; its file is still offered.
 */
export async function* recordsTable(records: AsyncIterable<unknown>, view: TableView): AsyncGenerator<SafeHtml> {
  const { t } = view;
  let count = 0;
  let part = 0;
  let columns: string[] = [];
  let shown = new Set<string>();
  let open = false;
  const first: Row[] = [];
  const start = function* (rows: Row[]): Generator<SafeHtml> {
    const attributes = new Set([...columns, ...rows.flatMap((r) => Object.keys(r))]);
    columns = orderColumns(attributes.size > MAX_COLUMNS ? new Set(rows.flatMap((r) => Object.keys(r))) : attributes, view.declared).slice(0, MAX_COLUMNS);
    shown = new Set(columns);
    part++;
    const id = part === 1 ? view.id : `${view.id}-${part}`;
    const caption = part === 1 ? view.caption : t.archive.continued(view.caption);
    open = true;
    yield html`<div class="region" role="region" tabindex="0" aria-labelledby="${id}"><table>
<caption id="${id}">${caption}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${view.label(c)}</th>`)}</tr></thead>
<tbody>
`;
  };
  const end = (): SafeHtml => {
    open = false;
    return html`</tbody></table></div>\n`;
  };
  const row = (r: Row): SafeHtml => html`<tr>${columns.map((c) => html`<td${typeof r[c] === 'number' ? html` class="n"` : ''}>${readableValue(r[c], view, c)}</td>`)}</tr>\n`;

  try {
    for await (const value of records) {
      const r = asRow(value, t.archive.value);
      count++;
      if (count <= FIRST_ROWS) {
        first.push(r);
        if (count === FIRST_ROWS) {
          yield* start(first);
          for (const r of first) yield row(r);
          first.length = 0;
        }
        continue;
      }
      // A record with an attribute the table lacks starts a continued table, while the table has room for it.
      if (columns.length < MAX_COLUMNS && Object.keys(r).some((k) => !shown.has(k))) {
        yield end();
        yield* start([r]);
      }
      yield row(r);
    }
    if (first.length) {
      yield* start(first);
      for (const r of first) yield row(r);
    }
  } catch (error) {
    if (!(error instanceof UnreadableRecordsError)) throw error;
    if (open) yield end();
    yield html`<p class="note">${t.labelled(view.caption, t.archive.notShown)}</p>\n`;
    return;
  }
  if (open) yield end();
  yield html`<p>${t.archive.records(count)}</p>\n`;
}

/** A record as a row: an object's attributes, or any other value in a column of its own. */
const asRow = (value: unknown, valueColumn: string): Row => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : { [valueColumn]: value });

/** Declared attributes first, in their declared order, then the others as they came. */
function orderColumns(seen: Set<string>, declared: string[]): string[] {
  return [...declared.filter((a) => seen.has(a)), ...[...seen].filter((a) => !declared.includes(a))];
}
