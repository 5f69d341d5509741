import type { Locale } from '../shared/rights.js';
import { html, SafeHtml } from '../shared/web/html.js';
import { INDEX_PAGE } from './paths.js';

/**
 * The archive's pages are files opened offline from the unzipped folder: no script, no
 * request anywhere, the style inline. They reflow down to 320 px: text wraps anywhere, and
 * a table wider than the screen scrolls inside its own focusable region, not the page.
 */
const STYLE = new SafeHtml(
  [
    'body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff;margin:0;overflow-wrap:anywhere}',
    'nav,main{max-width:64rem;margin:0 auto;padding:0 1rem}',
    'nav{padding-top:1rem}',
    'h1{font-size:1.6rem;line-height:1.25}',
    'h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}',
    'h3{font-size:1.05rem;margin:1.25rem 0 .25rem}',
    'a{color:#1d4f91}',
    '.region{overflow-x:auto;margin:1rem 0;border:1px solid #ccc}',
    '.region:focus{outline:3px solid #1d4f91;outline-offset:2px}',
    'table{border-collapse:collapse;overflow-wrap:normal;min-width:100%}',
    'caption{text-align:left;font-weight:600;padding:.4rem .6rem}',
    'th,td{text-align:left;vertical-align:top;padding:.35rem .6rem;border-top:1px solid #ddd}',
    'thead th{background:#f0f0f0}',
    'th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}',
    'img{max-width:100%;height:auto;display:block;margin:.5rem 0}',
    'pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem;border-radius:4px}',
    '.note{color:#4a4a4a}',
    'li{margin:.25rem 0}',
  ].join(''),
);

/** A page's start, up to the opening of `<main>`, with a way back to index.html when `back` is given. */
export function pageStart(locale: Locale, title: string, back?: string): SafeHtml {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${back ? html`<nav><a href="${INDEX_PAGE}">← ${back}</a></nav>\n` : ''}<main>
`;
}

export const pageEnd = (): SafeHtml => html`</main>
</body>
</html>
`;
