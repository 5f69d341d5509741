import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { html, SafeHtml } from '../shared/web/html.js';
import type { Manifest } from './archive.js';

/** index.html of the archive: the learner's language, readable offline, every system and file listed and linked. */
export function renderIndex(manifest: Manifest, locale: Locale, timeZone: string): string {
  const t = messages[locale];
  const statusText = (status: string) => t.systems.status[status as keyof typeof t.systems.status] ?? status;
  const href = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  const body = html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.archive.title}</title>
<style>${new SafeHtml('body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}h2{margin-top:2rem}.note{color:#555}')}</style></head>
<body>
<h1>${t.archive.title}</h1>
<p>${t.archive.intro(t.dateTime(manifest.receivedAt, timeZone))}</p>
<table>
<thead><tr><th>${t.archive.system}</th><th>${t.archive.status}</th><th>${t.archive.files}</th><th>${t.archive.size}</th></tr></thead>
<tbody>${manifest.systems.map(
    (s) => html`<tr><td><a href="#${s.system}">${s.title}</a></td><td>${statusText(s.status)}${s.skippedReason ? html`<br><span class="note">${s.skippedReason}</span>` : ''}${s.note ? html`<br><span class="note">${s.note}</span>` : ''}</td><td>${s.files.length}</td><td>${t.size(s.files.reduce((n, f) => n + f.bytes, 0))}</td></tr>`,
  )}</tbody>
</table>
${manifest.systems.map(
    (s) => html`<h2 id="${s.system}">${s.title}</h2>
${s.files.length ? html`<ul>${s.files.map((f) => html`<li><a href="${href(f.path)}">${f.path.slice(s.system.length + 1)}</a> (${t.size(f.bytes)})</li>`)}</ul>` : html`<p class="note">${statusText(s.status)}</p>`}`,
  )}
<p>${t.archive.formats}</p>
<p>${t.archive.checksums}</p>
</body>
</html>
`;
  return body.value;
}
