import { dateInZone, formatDate, parseDate } from '../shared/civil-date.js';
import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { workingDaysBetween } from '../shared/legal-clock.js';
import { sendLetter, type Tone } from '../shared/mail.js';
import { METRICS_NAMESPACE } from '../shared/metrics.js';
import { CLOSED_STATUSES, type DsrRequest } from '../shared/store/requests.js';
import { hoursLeft, notificationDeadline } from '../shared/breach.js';
import { logged } from '../shared/logger.js';
import { linkUrl } from '../shared/tasks.js';

/** How a number of working days left reads: 10 or more green, fewer amber, under 5 red, overdue marked. */
export function toneOf(daysLeft: number): Tone {
  return daysLeft < 0 ? 'overdue' : daysLeft < 5 ? 'red' : daysLeft < 10 ? 'amber' : 'green';
}

export interface DeadlineCounts {
  open: number;
  dueWithin5Days: number;
  overdue: number;
}

/** CloudWatch metrics in the embedded metric format: a log line that Lambda's logs turn into metrics. */
function publishMetrics(counts: DeadlineCounts): void {
  const metrics = Object.keys(counts).map((name) => ({ Name: name === 'open' ? 'OpenRequests' : name === 'overdue' ? 'OverdueRequests' : 'RequestsDueWithin5WorkingDays', Unit: 'Count' }));
  const values = { OpenRequests: counts.open, RequestsDueWithin5WorkingDays: counts.dueWithin5Days, OverdueRequests: counts.overdue };
  console.log(JSON.stringify({ _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: metrics }] }, ...values }));
}

const localHour = (instant: Date, timeZone: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(instant));

/**
 * Scheduled job, hourly: publishes how many requests are open, due within five working
 * days and overdue (CloudWatch metrics); and in the hour `dsr:digestHour`, local time, one email a day
 * to the DPO listing the breaches whose notification is not yet recorded, with the hours
 * left, then every open request with its right, status, due date and working days
 * left, the soonest due first, each linking to the gate it waits on. Nothing on a day with
 * nothing open; never twice a day (the day is claimed first).
 */
export async function sendDigest(d: Deps<'ses'>, publish: (counts: DeadlineCounts) => void = publishMetrics): Promise<{ sent: boolean; open?: number }> {
  const now = d.now();
  const { timeZone, holidays } = d.config.calendar;
  const today = dateInZone(now, timeZone);
  const open = (await Promise.all((await d.requests.openByDueDate()).map((id) => d.requests.get(id)))).filter((r): r is DsrRequest => !!r && !CLOSED_STATUSES.includes(r.status));
  // Every hour: how many are open, due within five working days, overdue (the alarm watches the last).
  const left = open.map((r) => workingDaysBetween(today, parseDate(r.dueDate), holidays));
  publish({ open: open.length, dueWithin5Days: left.filter((n) => n >= 0 && n < 5).length, overdue: left.filter((n) => n < 0).length });
  if (localHour(now, timeZone) !== d.config.digestHour) return { sent: false };
  const breaches = await d.breaches.stillOpen();
  if (!open.length && !breaches.length) return { sent: false, open: 0 };
  if (!(await d.requests.claimDigest(formatDate(today), now))) return { sent: false, open: open.length };
  const locale = d.config.languages[0];
  const t = messages[locale];
  const rows = await Promise.all(
    open.map(async (request, i) => {
      const gate = request.currentGate && (await d.links.sibling(request.currentGate.tokenHash, now));
      return {
        cells: [request.requestId.slice(0, 8), t.rights[request.type], `${t.statuses[request.status] ?? request.status}${request.emailBounced ? ` (${t.digest.bounced})` : ''}`, t.date(request.dueDate), t.digest.daysLeft(left[i])],
        tone: toneOf(left[i]),
        ...(gate ? { link: linkUrl(d.config.publicBaseUrl, 'decisions', gate.token) } : {}),
      };
    }),
  );
  const overdue = rows.filter((r) => r.tone === 'overdue').length;
  // Breaches whose 72 hours run, the oldest awareness first: always urgent.
  const breachRows = [...breaches].reverse().map((breach) => {
    const left = hoursLeft(breach.awareAt, now);
    return {
      cells: [breach.breachId.slice(0, 8), t.breach.risks[breach.risk], t.dateTime(breach.awareAt, timeZone), t.dateTime(notificationDeadline(breach.awareAt).toISOString(), timeZone), t.breach.hoursLeft(left)],
      tone: left < 0 ? ('overdue' as const) : left < 24 ? ('red' as const) : ('amber' as const),
    };
  });
  const subject = [...(breaches.length ? [t.breach.digestSubject(breaches.length)] : []), ...(open.length ? [t.digest.subject(open.length, overdue)] : [])].join(' · ');
  try {
    await sendLetter(d.ses, d.config.mail, d.config.mail.dpo, {
      locale,
      subject,
      paragraphs: [],
      tables: [
        ...(breachRows.length ? [{ intro: t.breach.digestIntro, headers: t.breach.digestHeaders, rows: breachRows }] : []),
        ...(rows.length ? [{ intro: t.digest.intro(t.date(formatDate(today))), headers: t.digest.headers, rows }] : []),
      ],
    });
  } catch (error) {
    await d.requests.releaseDigest(formatDate(today)); // the next run within the hour tries again
    throw error;
  }
  return { sent: true, open: open.length };
}

// The embedded metric format is read from Lambda's logs; elsewhere (the twin) the line would only be noise.
export const handler = logged(() => sendDigest(deps({ ses: sesClient() }), process.env.AWS_LAMBDA_FUNCTION_NAME ? publishMetrics : () => undefined));
