import { messages } from './i18n.js';
import type { Locale } from './rights.js';
import type { DsrRequest } from './store/requests.js';

/** The DPO's gates: decide on a request, deal with systems that failed, release an archive. */
export type Gate = 'decision' | 'attention' | 'release';
export const GATES: readonly Gate[] = ['decision', 'attention', 'release'];

/** One line per system, as the DPO reads it: title, what happened, and why where it failed. */
/** The request's systems in the deployment's order (the order of `titles`). */
function inOrder(request: DsrRequest, titles: Record<string, string>) {
  const order = Object.keys(titles);
  return Object.entries(request.systems ?? {}).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

export function systemLines(request: DsrRequest, titles: Record<string, string>, locale: Locale, only?: (status?: string) => boolean): string {
  const t = messages[locale];
  const lines = inOrder(request, titles)
    .filter(([, s]) => (only ? only(s.export) : true))
    .map(([name, s]) => {
      const status = s.export ? t.systems.status[s.export] : s.lookup === 'done' ? t.systems.found : s.lookup === 'failed' ? t.systems.status.failed : t.systems.status.not_found;
      const extra = [s.fileCount !== undefined && s.export ? `${s.fileCount} · ${t.size(s.bytes ?? 0)}` : '', s.error ?? ''].filter(Boolean).join(' · ');
      return `${titles[name] ?? name}: ${status}${extra ? ` (${extra})` : ''}`;
    });
  return lines.join('\n') || t.systems.none;
}

/** Which systems hold data, which do not, which could not be asked: the facts the DPO decides with. */
export function lookupFacts(request: DsrRequest, titles: Record<string, string>, locale: Locale): Array<[string, string]> {
  const t = messages[locale];
  const names = (status: string) => inOrder(request, titles).filter(([, s]) => s.lookup === status).map(([n]) => titles[n] ?? n).join(', ') || t.systems.none;
  if (!request.systems || !Object.keys(request.systems).length) return [];
  return [
    [t.systems.found, names('done')],
    [t.systems.notFound, names('not_found')],
    [t.systems.failed, names('failed')],
  ];
}
