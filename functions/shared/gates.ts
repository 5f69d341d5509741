import type { ChangeOperation } from '../connectors/kit.js';
import type { SystemRef } from './config.js';
import { messages } from './i18n.js';
import type { Locale } from './rights.js';
import type { DsrRequest, SystemRecord } from './store/requests.js';

/**
 * The DPO's gates: decide on a request, deal with systems that failed (`attention`),
 * release an archive, confirm an erasure, enter corrected values, confirm work done by
 * hand (`manual`), deal with data left after an erasure (`leftover`), lift a restriction
 * in force (`lift`: no step waits on it; its POST starts the lifting), extend the deadline
 * (`extension`, from the reminders: nothing waits on it either).
 */
export type Gate = 'decision' | 'attention' | 'release' | 'erasure' | 'rectification' | 'manual' | 'leftover' | 'lift' | 'extension';
export const GATES: readonly Gate[] = ['decision', 'attention', 'release', 'erasure', 'rectification', 'manual', 'leftover', 'lift', 'extension'];

/** The operations a round of the workflow runs in every system. */
export type RoundOperation = ChangeOperation | 'export' | 'verify';

/** The request's systems in the deployment's order (the order of `titles`). */
function inOrder(request: DsrRequest, titles: Record<string, string>) {
  const order = Object.keys(titles);
  return Object.entries(request.systems ?? {}).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

/** One line per system, as the DPO reads it: title, how `operation` went, and why where it failed. */
export function systemLines(request: DsrRequest, titles: Record<string, string>, locale: Locale, operation: RoundOperation = 'export', only?: (s: SystemRecord) => boolean): string {
  const t = messages[locale];
  const lines = inOrder(request, titles)
    .filter(([, s]) => (only ? only(s) : true))
    .map(([name, s]) => {
      const done = s[operation];
      const status = done ? t.systems.status[done] : s.lookup === 'done' ? t.systems.found : s.lookup === 'failed' ? t.systems.status.failed : t.systems.status.not_found;
      const counts = operation === 'export' && done && s.fileCount !== undefined ? `${t.systems.files(s.fileCount)} · ${t.size(s.bytes ?? 0)}` : operation === 'verify' && s.remaining ? t.leftover.left(s.remaining) : '';
      const extra = [counts, s.error ?? ''].filter(Boolean).join(' · ');
      return t.labelled(titles[name] ?? name, `${status}${extra ? ` (${extra})` : ''}`);
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

const period = (locale: Locale, keepFor: { years?: number; months?: number; days?: number }) => {
  const parts = (['years', 'months', 'days'] as const).filter((u) => keepFor[u]).map((u) => new Intl.NumberFormat(locale, { style: 'unit', unit: u.slice(0, -1), unitDisplay: 'long' }).format(keepFor[u]!));
  return parts.join(' ');
};

/**
 * The erasure plan, per system: what will be removed (deleted, anonymised, by hand) and
 * what retention keeps, with its basis and until when (from the lookup where the system
 * said; else the rule and its period).
 */
export function erasurePlan(request: DsrRequest, systems: SystemRef[], locale: Locale): Array<[string, string]> {
  const t = messages[locale];
  return systems.map((system) => {
    const record = request.systems?.[system.name];
    if (record?.lookup === 'not_found') return [system.title, t.erasure.notFound];
    const kept = record?.retained?.length
      ? record.retained.map((r) => t.erasure.keeps(r.category, r.legalBasis, r.until ? t.date(r.until) : undefined))
      : (system.retention ?? []).map((r) => t.erasure.keepsByRule(r.category, r.legalBasis, period(locale, r.keepFor)));
    const removal =
      system.does.erase === 'manual' ? t.erasure.byHand
      : system.erasure?.mode === 'anonymise' ? t.erasure.anonymises((system.erasure.attributes ?? []).join(', '))
      : system.kind === 'dynamodb' ? (kept.length ? t.erasure.deletesExcept : t.erasure.deletes)
      : system.kind === 's3' ? t.erasure.deletesFiles
      : t.erasure.erasedBySystem;
    return [system.title, [removal, ...kept].join('\n')];
  });
}
