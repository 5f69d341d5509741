import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { messages } from './i18n.js';
import type { Locale } from './rights.js';
import { html } from './web/html.js';
import { fromHeader } from './sender.js';
import { MAIL_TAGS, type About } from './mail-tags.js';

/**
 * An email as the product writes it: paragraphs, an optional table of facts, and an
 * optional link with the sentence that introduces it. Rendered as plain text and as
 * escaped HTML, in the reader's language.
 */
export interface Letter {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  facts?: Array<[string, string]>;
  link?: LetterLink;
  /** Further links, after the first (e.g. a reminder's "extend the deadline"). */
  moreLinks?: LetterLink[];
  closing?: string[];
  /** Tables of rows, each row with a tone (the digest's colours) and an optional link; a table may have an intro. */
  tables?: Array<{ intro?: string; headers: string[]; rows: Array<{ cells: string[]; tone: Tone; link?: string }> }>;
}

/** How urgent a row is: green, amber, red, or overdue. */
export type Tone = 'green' | 'amber' | 'red' | 'overdue';
const TONES: Record<Tone, string> = { green: 'background:#e6f4ea', amber: 'background:#fff4e5', red: 'background:#fdecea', overdue: 'background:#b00020;color:#fff;font-weight:bold' };

export interface LetterLink {
  intro: string;
  url: string;
  note?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderLetter(letter: Letter): RenderedEmail {
  const t = messages[letter.locale];
  const closing = letter.closing ?? [];
  const links = [...(letter.link ? [letter.link] : []), ...(letter.moreLinks ?? [])];
  const text = [
    t.mail.greeting,
    ...letter.paragraphs,
    ...(letter.facts?.length ? [letter.facts.map(([k, v]) => t.labelled(k, v)).join('\n')] : []),
    ...(letter.tables ?? []).flatMap((table) => [...(table.intro ? [table.intro] : []), table.rows.map((r) => [r.cells.join(' · '), ...(r.link ? [r.link] : [])].join('\n')).join('\n\n')]),
    ...links.flatMap((l) => [`${l.intro}\n${l.url}`, ...(l.note ? [l.note] : [])]),
    ...closing,
    t.mail.signature,
  ].join('\n\n');
  // A long link or value breaks where it must (overflow-wrap), so a phone shows the email whole.
  const body = html`<!doctype html><html lang="${letter.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${letter.subject}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40rem;overflow-wrap:anywhere"><main>
<h1 style="font-size:1.25rem">${letter.subject}</h1>
<p>${t.mail.greeting}</p>
${letter.paragraphs.map((p) => html`<p>${p}</p>`)}
${letter.facts?.length ? html`<table>${letter.facts.map(([k, v]) => html`<tr><th align="left" valign="top">${k}</th><td style="white-space:pre-wrap">${v}</td></tr>`)}</table>` : ''}
${(letter.tables ?? []).map((table) => html`${table.intro ? html`<p>${table.intro}</p>` : ''}<table style="border-collapse:collapse"><tr>${table.headers.map((h) => html`<th align="left" style="padding:4px 8px">${h}</th>`)}</tr>${table.rows.map((r) => html`<tr style="${TONES[r.tone]}">${r.cells.map((c, i) => html`<td style="padding:4px 8px">${i === 0 && r.link ? html`<a href="${r.link}"${r.tone === 'overdue' ? html` style="color:#fff"` : ''}>${c}</a>` : c}</td>`)}</tr>`)}</table>`)}
${links.map((l) => html`<p>${l.intro}<br><a href="${l.url}">${l.url}</a></p>${l.note ? html`<p>${l.note}</p>` : ''}`)}
${closing.map((p) => html`<p>${p}</p>`)}
<p>${t.mail.signature}</p>
</main></body></html>`;
  return { subject: letter.subject, text, html: body.value };
}

/** Who the product's emails are from, as `config.mail` holds it: the address, its display name, where replies go, the SES configuration set. */
export interface MailFrom {
  sender: string;
  senderName?: string;
  replyTo?: string;
  configurationSet?: string;
}

const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Sends a letter through SES: from the sender (with its display name), replies to
 * `replyTo`, in the configuration set whose events report bounces and complaints, tagged
 * with the request it is `about`. Answers SES's message id (bounces name it).
 *
 * @example await sendLetter(d.ses, d.config.mail, request.email, letter, { requestId: request.requestId, reader: 'learner' })
 */
export async function sendLetter(ses: SESv2Client, from: MailFrom, to: string, letter: Letter, about?: About): Promise<string | undefined> {
  const email = renderLetter(letter);
  const tags = about && TAG_VALUE.test(about.requestId) ? [{ Name: MAIL_TAGS.request, Value: about.requestId }, { Name: MAIL_TAGS.reader, Value: about.reader }] : [];
  const sent = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: fromHeader(from.sender, from.senderName),
      ...(from.replyTo ? { ReplyToAddresses: [from.replyTo] } : {}),
      ...(from.configurationSet ? { ConfigurationSetName: from.configurationSet } : {}),
      ...(tags.length ? { EmailTags: tags } : {}),
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  return sent.MessageId;
}
