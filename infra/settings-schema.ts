/**
 * What each `dsr:` key of cdk.json's context accepts, its default, and the rules between
 * keys. The purposes' titles and the connectors are checked against the deployment's
 * languages and purposes, so the schema is built for them (infra/settings.ts reads them first).
 */
import { parseDate, isTimeZone } from '../functions/shared/civil-date.js';
import { connectorList, type DeclarationContext } from '../functions/connectors/declarations.js';
import { LOCALES, RIGHTS } from '../functions/shared/rights.js';
import * as z from 'zod/mini';
import { asAWhole, got, readBy } from '../functions/shared/schema.js';
import { senderNameProblem } from '../functions/shared/sender.js';
import { jsonFromText } from './context-values.js';
import { calendarProblem } from './holiday-calendars.js';
import { longestRequestDays } from './lifecycle.js';
import { purposesSetting, recipientsSetting } from './settings-lists.js';
import { emailAddress, listSetting, someOf, textWithout, unlessEmpty, wholeNumbers, wholeSetting, yesOrNo } from './settings-values.js';

/** A standard workflow's execution ends after a year at most. */
const MAX_EXECUTION_DAYS = 365;

const isDate = (text: string) => {
  try {
    parseDate(text);
    return true;
  } catch {
    return false;
  }
};

const baseUrl = (value: unknown) => {
  try {
    return /^https?:$/.test(new URL(String(value)).protocol) ? String(value).replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
};

/** `dsr:languages`, which the texts of the purposes and the connectors are checked against. */
export const languagesSetting = someOf(LOCALES, ['fr', 'en']).check(z.minLength(1, `must list at least one of ${LOCALES.join(', ')}`));
export { purposesSetting };

/** Runs once these keys are read, whatever the others hold, so that every problem is said at once. */
const whenRead =
  (...keys: string[]) =>
  (payload: z.core.ParsePayload) =>
    !payload.issues.some((issue) => keys.includes(String(issue.path?.[0])));

/** The download page needs the request until its link expires. */
const minimisedAfterDownload = z.superRefine(
  (s: { minimiseAfterDays: number; downloadLinkDays: number }, ctx) => {
    if (s.minimiseAfterDays <= s.downloadLinkDays) {
      ctx.addIssue({ code: 'custom', path: ['minimiseAfterDays'], input: s.minimiseAfterDays, message: `must be longer than dsr:downloadLinkDays (${s.downloadLinkDays}): the download page needs the request until its link expires` });
    }
  },
  { when: whenRead('minimiseAfterDays', 'downloadLinkDays') },
);

/** With the other durations, bounded so that the longest request stays under Step Functions' one-year limit (infra/lifecycle.ts). */
const withinOneExecution = z.superRefine(
  (s: { abandonAfterDays: number; decisionLinkDays: number; downloadLinkDays: number }, ctx) => {
    const longest = longestRequestDays(s);
    if (longest > MAX_EXECUTION_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['abandonAfterDays'],
        input: s.abandonAfterDays,
        message: `with dsr:decisionLinkDays and dsr:downloadLinkDays lets a request's workflow run ${longest} days, over Step Functions' ${MAX_EXECUTION_DAYS}: shorten one of them`,
      });
    }
  },
  { when: whenRead('abandonAfterDays', 'decisionLinkDays', 'downloadLinkDays') },
);

/** The deployment's settings, for the deployment's languages and purposes (`context`). */
export function settingsSchema(context: DeclarationContext) {
  const keys = z
    .object({
      /** Where requests to decide are sent. */
      dpoEmail: emailAddress,
      /** The From address, verified in SES. */
      senderEmail: emailAddress,
      /** The display name in the From of every email (`Université X — Protection des données`); none: the address alone. */
      senderName: unlessEmpty(z.pipe(textWithout(senderNameProblem), z.transform((name) => name.trim()))),
      /** Where replies to every email go (default: the DPO). */
      replyTo: unlessEmpty(emailAddress),
      /** The base of links in emails; none: the API's own URL. */
      publicBaseUrl: unlessEmpty(readBy(baseUrl, got("must be an absolute http(s) URL, or empty to use the API's own URL"))),
      timeZone: z.prefault(textWithout((zone) => (isTimeZone(zone) ? undefined : 'must be an IANA time zone such as Europe/Paris')), 'Europe/Paris'),
      /** A date-holidays code (`FR`, `FR-57`, `DE-BY`, `BE`, `ES-MD`…) or `none`. */
      holidayCalendar: z.prefault(textWithout(calendarProblem), 'FR'),
      extraHolidays: listSetting(z.string({ error: (issue) => got('is not a YYYY-MM-DD date')(issue.input) }).check(z.refine(isDate)), [], 'must be a list of YYYY-MM-DD dates'),
      languages: languagesSetting,
      verificationLinkHours: wholeSetting(72, 1, 720),
      decisionLinkDays: wholeSetting(14, 1, 60),
      autoApprove: someOf(RIGHTS, []),
      /** Rights whose archive goes to the learner without the DPO's release. */
      autoRelease: someOf(['access', 'portability'], []),
      downloadLinkDays: wholeSetting(7, 1, 30),
      /** Days a closed request keeps the learner's address and details before they are minimised. */
      minimiseAfterDays: wholeSetting(90, 1, 3650),
      /** Days between telling the learner a restriction will be lifted and lifting it (Art. 18(3)). */
      liftNoticeDays: wholeSetting(7, 0, 60),
      /** Days the DPO's link to lift a restriction works. */
      liftLinkDays: wholeSetting(365, 1, 3650),
      /** Days before the due date the DPO is reminded (0: on the due date). */
      reminderDays: wholeNumbers([10, 5, 2, 0], 0, 60, 'days', (a, b) => b - a),
      /** Also told each working day a request is overdue. */
      escalationEmail: unlessEmpty(emailAddress),
      /** Days after its due date a request still waiting on the DPO is closed as abandoned. */
      abandonAfterDays: wholeSetting(180, 1, 180),
      /** The local hour (0–23) the DPO's daily digest goes out. */
      digestHour: wholeSetting(8, 0, 23),
      /** Who the alarms email (default: the DPO). */
      alarmEmail: unlessEmpty(emailAddress),
      /** Hours after awareness of a breach at which the DPO is reminded that the authority must be notified within 72 (Art. 33(1)). */
      breachReminderHours: wholeNumbers([24, 48, 66], 1, 71, 'hours', (a, b) => a - b),
      /** The controller's name (and address), for the notification drafts. */
      controllerName: unlessEmpty(
        z.pipe(asAWhole(z.string().check(z.maxLength(300), z.regex(/^[^\u0000-\u001f]*$/)), 'must be one line of text, at most 300 characters'), z.transform((name) => name.trim() || undefined)),
      ),
      /** Emails a second a breach's communication to the people goes at (under the SES quota). */
      communicationRate: wholeSetting(10, 1, 500),
      /**
       * AWS only: create the account's API Gateway CloudWatch role (one per account and region),
       * which the API's access log needs. Off when the account has one already (docs/deploy.md).
       */
      createApiLogsRole: yesOrNo(false),
      /** AWS only: concurrent executions each data system's connector may use at most (0: no cap), so the public pages always answer. */
      connectorConcurrency: wholeSetting(0, 0, 1000),
      /** Purposes a learner may restrict or object to: the built-in ones, or declared with their titles. */
      purposes: purposesSetting(context.languages),
      /** Those the platform discloses data to, told of each erasure, rectification or restriction (Art. 19). */
      recipients: recipientsSetting,
      /** The data systems of the platform. */
      connectors: z.prefault(z.pipe(z.transform(jsonFromText), connectorList(context)), []),
    })
    .check(minimisedAfterDownload, withinOneExecution);
  // Replies go to the DPO unless said otherwise; a setting left unset is absent.
  return z.pipe(
    keys,
    z.transform((settings) => Object.fromEntries(Object.entries({ ...settings, replyTo: settings.replyTo ?? settings.dpoEmail }).filter(([, v]) => v !== undefined)) as typeof settings & { replyTo: string }),
  );
}
