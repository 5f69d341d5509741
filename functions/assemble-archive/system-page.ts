import type { Art15Declaration } from '../connectors/art15.js';
import type { StagedFile } from '../connectors/kit.js';
import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { html, type SafeHtml } from '../shared/web/html.js';
import type { ArchiveSection } from './archive.js';
import { csvRecords } from './csv-records.js';
import { jsonRecords } from './json-records.js';
import { pageEnd, pageStart } from './page-frame.js';
import { filePath, href } from './paths.js';
import { inLanguage, processingSection } from './processing.js';
import { recordsTable } from './records-table.js';
import { statusNotes } from './section-status.js';
import { readableKey, valueFormat } from './values.js';

export interface PageContext {
  locale: Locale;
  timeZone: string;
  /** A staged file's bytes, streamed (and checked against its checksum); the request may start at once. */
  open: (file: StagedFile) => AsyncIterable<Buffer>;
}

/** How much of a text file its page shows. */
const PREVIEW_BYTES = 64 * 1024;

type Kind = 'json' | 'csv' | 'image' | 'text' | 'other';

function kindOf(file: StagedFile): Kind {
  const type = file.contentType.toLowerCase();
  if (type.startsWith('application/json') || /\.json$/i.test(file.name)) return 'json';
  if (type.startsWith('text/csv') || /\.csv$/i.test(file.name)) return 'csv';
  if (type.startsWith('image/')) return 'image';
  return type.startsWith('text/') && !type.startsWith('text/html') ? 'text' : 'other';
}

const stem = (name: string) => name.replace(/\.[^./]*$/, '');

/**
 * One system's page, streamed: what it does with the data (its Art. 15 declaration), its
 * records as tables in the learner's language (from its JSON files, and from CSV files
 * that have no JSON twin), the beginning of its text files, and a link to every file,
 * images shown. Each staged file it shows is read once, as a stream.
 */
export async function* systemPage(section: ArchiveSection, declaration: Art15Declaration | undefined, context: PageContext): AsyncGenerator<SafeHtml> {
  const { locale, timeZone, open } = context;
  const t = messages[locale];
  const labels = declaration?.labels ?? {};
  const label = (attribute: string) => (Object.hasOwn(labels, attribute) ? inLanguage(labels[attribute], locale) : readableKey(attribute) || t.archive.unnamed);
  const kinds = new Map(section.files.map((f) => [f, kindOf(f)]));
  const jsonStems = new Set(section.files.filter((f) => kinds.get(f) === 'json').map((f) => stem(f.name)));
  const tables = section.files.filter((f) => kinds.get(f) === 'json' || (kinds.get(f) === 'csv' && !jsonStems.has(stem(f.name))));

  yield html`${pageStart(locale, `${section.title} – ${t.archive.title}`, t.archive.back)}<h1>${section.title}</h1>
${statusNotes(section, t.archive)}
${declaration ? processingSection(declaration, locale, t.archive) : ''}
<h2>${t.archive.dataTitle}</h2>
${section.files.length ? '' : html`<p>${t.archive.noData}</p>`}${tables.length ? html`<p class="note">${t.archive.timeZone(t.zoneName(timeZone))}</p>` : ''}
`;
  const codes = declaration?.values ?? {};
  const valueLabel = (attribute: string, value: string) => {
    const words = Object.hasOwn(codes, attribute) && Object.hasOwn(codes[attribute], value) ? codes[attribute][value] : undefined;
    return words && inLanguage(words, locale);
  };
  const format = valueFormat(t, timeZone, label, valueLabel);
  let i = 0;
  for (const [file, content] of openedAhead(tables, open)) {
    const records = kinds.get(file) === 'json' ? jsonRecords(content) : csvRecords(content);
    yield* recordsTable(records, { ...format, declared: Object.keys(labels), id: `table-${++i}`, caption: t.archive.tableOf(file.name) });
  }
  for (const [file, content] of openedAhead(section.files.filter((f) => kinds.get(f) === 'text'), open)) yield await textPreview(file, content, t.archive.beginning);

  yield html`<h2>${t.archive.filesTitle}</h2>
<ul>${section.files.map((file) => {
    const path = href(filePath(section.system, file.name));
    const kind = kinds.get(file);
    const about = kind === 'json' || kind === 'csv' ? `${t.size(file.bytes)}, ${t.archive.reuse}` : t.size(file.bytes);
    return html`<li><a href="${path}">${file.name}</a> <span class="note">(${about})</span>${kind === 'image' ? html`<img src="${path}" alt="${file.name}">` : ''}</li>\n`;
  })}</ul>
${pageEnd()}`;
}

/**
 * Each file with its content, the next one opened as this one is handed out: its request
 * is on its way while this one is read, which spares a round trip per file (a few kilobytes
 * wait in the next stream, held back by its backpressure).
 */
function* openedAhead(files: StagedFile[], open: PageContext['open']): Generator<[StagedFile, AsyncIterable<Buffer>]> {
  let next = files.length ? open(files[0]) : undefined;
  for (const [i, file] of files.entries()) {
    const content = next!;
    next = i + 1 < files.length ? open(files[i + 1]) : undefined;
    yield [file, content];
  }
}

/** The beginning of a text file, as it reads: the file's name, then its text. */
async function textPreview(file: StagedFile, content: AsyncIterable<Buffer>, beginning: string): Promise<SafeHtml> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  for await (const chunk of content) {
    text += decoder.decode(chunk.subarray(0, PREVIEW_BYTES - bytes), { stream: true });
    bytes += Math.min(chunk.length, PREVIEW_BYTES - bytes);
    if (bytes >= PREVIEW_BYTES) break;
  }
  const cut = file.bytes > bytes;
  return html`<h3>${file.name}</h3>
<pre>${cut ? text : text + decoder.decode()}</pre>
${cut ? html`<p class="note">${beginning}</p>` : ''}
`;
}
