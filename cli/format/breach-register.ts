import type { BreachView } from '../api-types.js';
import { csv } from './csv.js';

const COLUMNS = [
  'id',
  'aware_at',
  'occurred_at',
  'opened_at',
  'risk',
  'state',
  'deadline',
  'initial_notified_at',
  'initial_reference',
  'delay_reason',
  'follow_ups',
  'no_notification_reason',
  'nature',
  'summary',
  'people_categories',
  'people_count',
  'record_categories',
  'record_count',
  'consequences',
  'measures',
  'contact',
] as const;

/** One line of the register of breaches (Art. 33(5)): the facts, the effects and the remedial action; null where absent. */
export type BreachRegisterRow = Record<(typeof COLUMNS)[number], string | number | null>;

const time = (iso: string): number => Date.parse(iso) || 0;

/** The register's rows, oldest awareness first. */
export function breachRegisterRows(breaches: readonly BreachView[]): BreachRegisterRow[] {
  return [...breaches]
    .sort((a, b) => time(a.awareAt) - time(b.awareAt) || time(a.openedAt) - time(b.openedAt))
    .map((breach) => {
      const notifications = breach.notifications ?? [];
      const initial = notifications.find((notification) => notification.phase === 'initial');
      const followUps = notifications.filter((notification) => notification.phase === 'follow-up');
      return {
        id: breach.breachId,
        aware_at: breach.awareAt,
        occurred_at: breach.occurredAt ?? null,
        opened_at: breach.openedAt,
        risk: breach.risk,
        state: breach.state,
        deadline: breach.deadline,
        initial_notified_at: initial?.at ?? null,
        initial_reference: initial?.reference ?? null,
        delay_reason: initial?.delayReason ?? null,
        follow_ups: followUps.length ? followUps.map(({ at, reference }) => `${at} ${reference}`).join('; ') : null,
        no_notification_reason: breach.noNotification?.reason ?? null,
        nature: breach.nature?.length ? breach.nature.join(',') : null,
        summary: breach.summary,
        people_categories: breach.categoriesOfPeople ?? null,
        people_count: breach.peopleCount ?? null,
        record_categories: breach.recordCategories ?? null,
        record_count: breach.recordCount ?? null,
        consequences: breach.consequences ?? null,
        measures: breach.measures ?? null,
        contact: breach.contact ?? null,
      };
    });
}

/**
 * The register of breaches as CSV, header first, safe to open in a spreadsheet.
 *
 * @example breachRegisterCsv(breachRegisterRows(breaches)) // "id,aware_at,occurred_at,...\r\n..."
 */
export function breachRegisterCsv(rows: readonly BreachRegisterRow[]): string {
  return csv([COLUMNS, ...rows.map((row) => COLUMNS.map((column) => (row[column] === null ? null : String(row[column]))))]);
}
