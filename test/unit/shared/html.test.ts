import { describe, expect, it } from 'vitest';
import { html, pageHeaders, page } from '../../../functions/shared/web/html.js';
import { renderLetter } from '../../../functions/shared/mail.js';

describe('html templates', () => {
  it('escape every interpolated value', () => {
    expect(html`<p>${'<script>alert("x")</script>'}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<a title="${`" onmouseover="x`}">`.value).toBe('<a title="&quot; onmouseover=&quot;x">');
  });

  it('nest without escaping twice', () => {
    const inner = html`<b>${'&'}</b>`;
    expect(html`<p>${inner}${[inner, inner]}</p>`.value).toBe('<p><b>&amp;</b><b>&amp;</b><b>&amp;</b></p>');
  });

  it('pages carry a strict CSP that allows only their own style', () => {
    const headers = pageHeaders();
    const csp = headers['Content-Security-Policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("form-action 'self';");
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['Cache-Control']).toBe('no-store');
    expect(page('en', 'T', html`x`)).toContain('<html lang="en">');
  });

  it('let a form end at another origin only when the page names it', () => {
    expect(pageHeaders(['https://bucket.s3.example'])['Content-Security-Policy']).toContain("form-action 'self' https://bucket.s3.example;");
  });
});

describe('renderLetter', () => {
  it('writes text and escaped HTML in the reader’s language', () => {
    const email = renderLetter({
      locale: 'fr',
      subject: 'Sujet',
      paragraphs: ['<img src=x onerror=alert(1)>'],
      facts: [['Motif', 'a & b']],
      link: { intro: 'Cliquez :', url: 'https://x.example/verify/abc' },
    });
    expect(email.text).toContain('Bonjour,');
    expect(email.text).toContain('https://x.example/verify/abc');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('a &amp; b');
    expect(email.html).toContain('href="https://x.example/verify/abc"');
  });
});
