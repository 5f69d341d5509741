import type { BreachNature, BreachRisk, NewBreach, NewNotification, NotificationPhase } from './api-types.js';
import type { OptionValues } from './args.js';
import { UsageError } from './errors.js';
import * as valid from './validate.js';

/** The longest summary of a breach; every other text takes the reason's limit. */
export const SUMMARY_MAX_LENGTH = 4000;

// Records keyed by the service's types: the compiler says when a word is added or dropped there.
const RISKS = Object.keys({ none: 0, risk: 0, high: 0 } satisfies Record<BreachRisk, 0>) as BreachRisk[];
const NATURES = Object.keys({ confidentiality: 0, integrity: 0, availability: 0 } satisfies Record<BreachNature, 0>) as BreachNature[];
const PHASES = Object.keys({ initial: 0, 'follow-up': 0 } satisfies Record<NotificationPhase, 0>) as NotificationPhase[];

/**
 * The body of `POST /admin/breaches` from `dsr breaches open`'s options, every value checked;
 * options not given are left out.
 *
 * @example newBreach({ 'aware-at': '2026-10-01T08:00Z', summary: 'Laptop stolen', risk: 'risk' })
 */
export function newBreach(options: OptionValues): NewBreach {
  const max = valid.MAX_REASON_LENGTH;
  if (options['aware-at'] === undefined) throw new UsageError('--aware-at is required: when you became aware of the breach, such as 2026-10-01T08:00:00Z');
  const facts: NewBreach = {
    awareAt: valid.instant('aware-at', options['aware-at']) as string,
    summary: valid.requiredText('summary', options.summary, SUMMARY_MAX_LENGTH),
    risk: valid.oneOf('risk', options.risk, RISKS),
    occurredAt: valid.instant('occurred-at', options['occurred-at']),
    nature: nature(options.nature),
    categoriesOfPeople: valid.optionalText('people-categories', options['people-categories'], max),
    peopleCount: valid.count('people-count', options['people-count']),
    recordCategories: valid.optionalText('record-categories', options['record-categories'], max),
    recordCount: valid.count('record-count', options['record-count']),
    consequences: valid.optionalText('consequences', options.consequences, max),
    measures: valid.optionalText('measures', options.measures, max),
    contact: valid.optionalText('contact', options.contact, max),
  };
  return withoutAbsent(facts);
}

/** The body of `POST /admin/breaches/{id}/notify` from `dsr breaches notify`'s options. */
export function newNotification(options: OptionValues): NewNotification {
  return withoutAbsent({
    phase: valid.oneOf('phase', options.phase, PHASES),
    reference: valid.requiredText('reference', options.reference, valid.MAX_REASON_LENGTH),
    at: valid.instant('at', options.at),
    delayReason: valid.optionalText('delay-reason', options['delay-reason'], valid.MAX_REASON_LENGTH),
  });
}

/** `confidentiality,availability`: known words, each once, in the order given. */
function nature(value: string | boolean | undefined): BreachNature[] | undefined {
  if (value === undefined) return undefined;
  const words = (typeof value === 'string' ? value : '').split(',').map((word) => word.trim());
  const unknown = words.find((word) => !(NATURES as string[]).includes(word));
  if (unknown !== undefined) {
    throw new UsageError(`--nature takes ${NATURES.join(', ')} separated by commas; "${valid.shorten(unknown)}" is not one of them`);
  }
  return [...new Set(words as BreachNature[])];
}

const withoutAbsent = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
