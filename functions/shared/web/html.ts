import { createHash } from 'node:crypto';

/** Markup that is already safe to insert; everything else is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/**
 * Builds markup from a template, escaping every interpolated value unless it is SafeHtml
 * (or an array of it): pages and emails are safe by default.
 * @example html`<p>${userText}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#f5f5f2;margin:0}
main{max-width:40rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;overflow-wrap:break-word}
h1{font-size:1.5rem;margin-top:0}
label,legend{display:block;font-weight:600;margin-top:1.25rem}
.hint{display:block;font-weight:400;color:#555;font-size:.9rem}
input[type=email],input[type=text],input[type=number],input[type=datetime-local],select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:4px}
textarea{min-height:7rem}
fieldset{border:0;padding:0;margin:0}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0;font-weight:400}
.choice input{margin-top:.2rem;width:1.25rem;height:1.25rem;flex:none}
button{margin-top:1.5rem;font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1d4f91;color:#fff;cursor:pointer}
.error{color:#b00020;font-weight:600}
.invalid{border-color:#b00020 !important}
.summary{border-left:4px solid #b00020;padding:.5rem 1rem;background:#fff4f4}
.summary:focus{outline:3px solid #b00020;outline-offset:2px}
.notice{border-left:4px solid #1d4f91;padding:.5rem 1rem;background:#f0f5fb}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:600}
.lines{white-space:pre-line}
dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere}
nav{text-align:right;font-size:.9rem}
/* A phone (WCAG 1.4.10, 320 px): the page's whole width, the facts one under the other. */
@media (max-width:30rem){main{margin:0;padding:1rem;border-radius:0;box-shadow:none}dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
`;
// Pure: a bundle that renders no page (the admin API's) leaves the style out.
const STYLE_HASH = /* @__PURE__ */ createHash('sha256').update(STYLE).digest('base64');

/**
 * Headers every page carries: nothing cached, no referrer leaking a token, nothing but our
 * own inline style. `formTargets` are other origins a form may end at (a POST answered by
 * a redirect there): CSP's form-action governs the redirect too.
 */
export function pageHeaders(formTargets: string[] = []): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action ${["'self'", ...formTargets].join(' ')}; base-uri 'none'; frame-ancestors 'none'`,
  };
}

/** A whole page around `body`. */
export function page(lang: string, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body><main>
${body}
</main></body>
</html>`.value;
}
