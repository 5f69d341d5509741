import type { Messages } from '../shared/i18n.js';
import { html, type SafeHtml } from '../shared/web/html.js';
import type { ArchiveSection } from './archive.js';

/** How a system's export ended, as the learner's summary groups it. */
export type Holding = 'data' | 'none' | 'not_asked';

export function holding(section: Pick<ArchiveSection, 'status'>): Holding {
  if (['done', 'partial', 'retained'].includes(section.status)) return 'data';
  return section.status === 'not_found' ? 'none' : 'not_asked';
}

/** What the learner should know of how a system's export went: part missing, no answer, the DPO's reason for going on without it, the system's note. */
export function statusNotes(section: ArchiveSection, t: Messages['archive']): SafeHtml {
  const lines = [
    section.status === 'partial' ? t.partial : '',
    section.status === 'failed' ? t.failed : '',
    section.skippedReason ? t.skipped : '',
  ].filter(Boolean);
  return html`${lines.map((line) => html`<p>${line}</p>`)}${section.skippedReason ? html`<blockquote><p>${section.skippedReason}</p></blockquote>` : ''}${section.note ? html`<p class="note">${t.note(section.note)}</p>` : ''}`;
}
