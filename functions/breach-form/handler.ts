import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { notificationDeadline } from '../shared/breach.js';
import { recordBreach } from '../shared/breach-recording.js';
import { validateBreachFacts } from '../shared/breach-validation.js';
import { instantAt, parseDate } from '../shared/civil-date.js';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { LinkError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { refusedByCondition } from '../shared/store/conditions.js';
import { errorPages } from '../shared/web/error-pages.js';
import { MAX_BREACH_BODY_BYTES, messagePage, methodNotAllowed, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { orLinkProblem } from '../shared/web/link-pages.js';
import { dpoLocale } from '../shared/web/locale.js';
import { logger } from '../shared/logger.js';
import { breachFormPage } from './page.js';

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/** The wall-clock time an instant shows in `timeZone`, as a `datetime-local` value. */
const wallClock = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant).replace(' ', 'T');

/**
 * A `datetime-local` value, read in the controller's time zone, as an ISO instant; the
 * value as is when it is not one. A time the clocks show twice (when they go back) is the
 * earlier of the two: the 72 hours then end sooner, never later than the law's.
 */
export function instantOf(value: unknown, timeZone: string): unknown {
  const match = typeof value === 'string' ? LOCAL_TIME.exec(value.trim()) : null;
  if (!match) return value;
  try {
    const later = new Date(instantAt(parseDate(match[1]), Number(match[2]), timeZone).getTime() + Number(match[3]) * 60_000);
    const earlier = new Date(later.getTime() - 3_600_000);
    return (wallClock(earlier, timeZone) === `${match[1]}T${match[2]}:${match[3]}` ? earlier : later).toISOString();
  } catch {
    return value;
  }
}

/**
 * GET /breaches/{token}: the DPO's form to record a breach, reached from an emailed link
 * (`npx dsr breaches form-link`); it changes nothing. POST records the breach, with the id
 * the link was made for (a form sent twice records one breach), and starts its clock.
 */
export async function breachForm(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const locale = dpoLocale(event, d.config.languages);
  const { timeZone } = d.config.calendar;
  const t = messages[locale];
  if (event.httpMethod !== 'GET' && event.httpMethod !== 'POST') throw methodNotAllowed(locale);
  return orLinkProblem(
    () => locale,
    async () => {
      const link = await d.links.inspect(token, 'breach', d.now());
      if (event.httpMethod === 'GET') return breachFormPage(200, locale, timeZone);
      const { fields } = readFields(event, { maxBytes: MAX_BREACH_BODY_BYTES, repeatable: ['nature'] });
      const facts = { ...fields, awareAt: instantOf(fields.awareAt, timeZone), occurredAt: instantOf(fields.occurredAt, timeZone), nature: fields.nature === undefined ? undefined : [fields.nature].flat() };
      const checked = validateBreachFacts(facts, d.now());
      if (!checked.ok) return breachFormPage(400, locale, timeZone, { values: fields, problems: checked.problems });
      const used = await d.links.consume(token, 'breach', d.now());
      try {
        await recordBreach(link.requestId, checked.value, { actor: 'dpo' }, d);
      } catch (error) {
        // Recorded already (the same form sent twice at once): the link is used. Otherwise it is given back, to try again.
        if (refusedByCondition(error)) throw new LinkError('used');
        await d.links.release(used);
        throw error;
      }
      return messagePage(201, locale, t.breachForm.recordedTitle, t.breachForm.recorded(link.requestId, t.dateTime(notificationDeadline(checked.value.awareAt).toISOString(), timeZone)));
    },
  );
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(errorPages(() => deps().config.languages))
  .handler((event) => breachForm(event, deps({ sfn: sfnClient() })));
