import { readFileSync } from 'node:fs';
import { isTimeZone, parseDate } from '../functions/shared/civil-date.js';
import { calendarProblem, holidayYears, resolveHolidays } from './holiday-calendars.js';
import { BUILT_IN_PURPOSES, isLocale, isRight, LOCALES, RIGHTS, type Locale, type Purpose, type Right } from '../functions/shared/rights.js';
import { mailAddress } from '../functions/shared/validation.js';
import { senderNameProblem } from '../functions/shared/sender.js';
import { longestRequestDays } from './lifecycle.js';
import { capabilities, checkConnectors, identifiesPerson, isDirectory, type ConnectorDeclaration } from '../functions/connectors/declarations.js';
import type { Recipient, SystemRef } from '../functions/shared/config.js';

/** A standard workflow's execution ends after a year at most. */
const MAX_EXECUTION_DAYS = 365;

/**
 * The deployment's settings, from `cdk.json` context keys prefixed `dsr:`. The stack and
 * the local twin read the same keys through `readSettings`, which checks every value and
 * reports all problems at once, naming each key.
 */
export interface Settings {
  dpoEmail: string;
  senderEmail: string;
  /** The display name in the From of every email (`Université X — Protection des données`); none: the address alone. */
  senderName?: string;
  /** Where replies to every email go (default: the DPO). */
  replyTo: string;
  publicBaseUrl?: string; // default: the API's own URL
  timeZone: string;
  /** A date-holidays code (`FR`, `FR-57`, `DE-BY`, `BE`, `ES-MD`…) or `none`. */
  holidayCalendar: string;
  extraHolidays: string[];
  languages: Locale[];
  verificationLinkHours: number;
  decisionLinkDays: number;
  autoApprove: Right[];
  /** Rights whose archive goes to the learner without the DPO's release. */
  autoRelease: Right[];
  downloadLinkDays: number;
  /** The data systems of the platform. */
  connectors: ConnectorDeclaration[];
  /** Purposes a learner may restrict or object to: the built-in ones, or declared with their titles. */
  purposes: Purpose[];
  /** Those the platform discloses data to, told of each erasure, rectification or restriction (Art. 19). */
  recipients: Recipient[];
  /** Days a closed request keeps the learner's address and details before they are minimised. */
  minimiseAfterDays: number;
  /** Days between telling the learner a restriction will be lifted and lifting it (Art. 18(3)). */
  liftNoticeDays: number;
  /** Days the DPO's link to lift a restriction works. */
  liftLinkDays: number;
  /** Days before the due date the DPO is reminded (0: on the due date). */
  reminderDays: number[];
  /** Also told each working day a request is overdue. */
  escalationEmail?: string;
  /** Days after its due date a request still waiting on the DPO is closed as abandoned. */
  abandonAfterDays: number;
  /** The local hour (0–23) the DPO's daily digest goes out. */
  digestHour: number;
  /** Who the alarms email (default: the DPO). */
  alarmEmail?: string;
  /** Hours after awareness of a breach at which the DPO is reminded that the authority must be notified within 72 (Art. 33(1)). */
  breachReminderHours: number[];
  /** The controller's name (and address), for the notification drafts. */
  controllerName?: string;
  /** Emails a second a breach's communication to the people goes at (under the SES quota). */
  communicationRate: number;
  /**
   * AWS only: create the account's API Gateway CloudWatch role (one per account and region),
   * which the API's access log needs. Off when the account has one already (docs/deploy.md).
   */
  createApiLogsRole: boolean;
  /** AWS only: concurrent executions each data system's connector may use at most (0: no cap), so the public pages always answer. */
  connectorConcurrency: number;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid dsr settings in cdk.json context:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Reads a context value; values given with `-c key=value` arrive as strings, so lists may be JSON or comma-separated. */
export type ContextReader = (key: string) => unknown;

function asList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return text.split(',').map((v) => v.trim()).filter(Boolean);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function readSettings(context: ContextReader): Settings {
  const problems: string[] = [];
  const key = (name: string) => `dsr:${name}`;
  const raw = (name: string) => context(key(name));

  const email = (name: string): string => {
    const value = raw(name);
    const address = typeof value === 'string' ? mailAddress(value.trim()) : undefined;
    if (!address) {
      problems.push(`${key(name)} must be an email address (got ${JSON.stringify(value ?? null)})`);
      return '';
    }
    return address; // as it is mailed: an IDN domain in punycode
  };
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const value = raw(name) ?? fallback;
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key(name)} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
      return fallback;
    }
    return n;
  };
  const yesOrNo = (name: string, fallback: boolean): boolean => {
    const value = raw(name) ?? fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    problems.push(`${key(name)} must be true or false (got ${JSON.stringify(value)})`);
    return fallback;
  };
  const listOf = <T>(name: string, allowed: readonly T[], fallback: T[]): T[] => {
    const value = raw(name) ?? fallback;
    const items = asList(value);
    if (!items || !items.every((i) => allowed.includes(i as T))) {
      problems.push(`${key(name)} must list only ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
      return fallback;
    }
    return [...new Set(items as T[])];
  };

  const dpoEmail = email('dpoEmail');
  const senderEmail = email('senderEmail');
  const replyTo = raw('replyTo') !== undefined && raw('replyTo') !== '' ? email('replyTo') : dpoEmail;
  const name = raw('senderName');
  const senderName = typeof name === 'string' && name.trim() ? name.trim() : undefined;
  const nameProblem = name === undefined || name === '' ? undefined : typeof name !== 'string' ? 'must be text' : senderNameProblem(name);
  if (nameProblem) problems.push(`${key('senderName')} ${nameProblem} (got ${JSON.stringify(name)})`);

  let publicBaseUrl: string | undefined;
  const url = raw('publicBaseUrl');
  if (url !== undefined && url !== null && url !== '') {
    try {
      const parsed = new URL(String(url));
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error();
      publicBaseUrl = String(url).replace(/\/+$/, '');
    } catch {
      problems.push(`${key('publicBaseUrl')} must be an absolute http(s) URL, or empty to use the API's own URL (got ${JSON.stringify(url)})`);
    }
  }

  const timeZone = String(raw('timeZone') ?? 'Europe/Paris');
  if (!isTimeZone(timeZone)) problems.push(`${key('timeZone')} must be an IANA time zone such as Europe/Paris (got ${JSON.stringify(timeZone)})`);

  const holidayCalendar = String(raw('holidayCalendar') ?? 'FR');
  const calendarIssue = calendarProblem(holidayCalendar);
  if (calendarIssue) problems.push(`${key('holidayCalendar')} ${calendarIssue} (got ${JSON.stringify(holidayCalendar)})`);

  const extra = asList(raw('extraHolidays'));
  const extraHolidays: string[] = [];
  if (!extra) problems.push(`${key('extraHolidays')} must be a list of YYYY-MM-DD dates`);
  for (const d of extra ?? []) {
    try {
      parseDate(String(d));
      extraHolidays.push(String(d));
    } catch {
      problems.push(`${key('extraHolidays')} holds ${JSON.stringify(d)}, which is not a YYYY-MM-DD date`);
    }
  }

  const languages = listOf('languages', LOCALES, ['fr', 'en']);
  if (languages.length === 0) problems.push(`${key('languages')} must list at least one of ${LOCALES.join(', ')}`);

  const settings: Settings = {
    dpoEmail,
    senderEmail,
    ...(senderName && !nameProblem ? { senderName } : {}),
    replyTo,
    publicBaseUrl,
    timeZone,
    holidayCalendar,
    extraHolidays,
    languages: languages.filter(isLocale),
    verificationLinkHours: whole('verificationLinkHours', 72, 1, 720),
    decisionLinkDays: whole('decisionLinkDays', 14, 1, 60),
    autoApprove: listOf('autoApprove', RIGHTS, []).filter(isRight),
    autoRelease: listOf('autoRelease', ['access', 'portability'] as const, []).filter(isRight),
    downloadLinkDays: whole('downloadLinkDays', 7, 1, 30),
    minimiseAfterDays: whole('minimiseAfterDays', 90, 1, 3650),
    liftNoticeDays: whole('liftNoticeDays', 7, 0, 60),
    liftLinkDays: whole('liftLinkDays', 365, 1, 3650),
    reminderDays: [],
    escalationEmail: undefined,
    // With the other durations, bounded below so that the longest request stays under Step Functions' one-year limit (infra/lifecycle.ts).
    abandonAfterDays: whole('abandonAfterDays', 180, 1, 180),
    digestHour: whole('digestHour', 8, 0, 23),
    alarmEmail: undefined,
    breachReminderHours: [],
    communicationRate: whole('communicationRate', 10, 1, 500),
    createApiLogsRole: yesOrNo('createApiLogsRole', false),
    connectorConcurrency: whole('connectorConcurrency', 0, 0, 1000),
    connectors: [],
    purposes: [],
    recipients: [],
  };
  const recipients = asList(raw('recipients'));
  if (!recipients) problems.push(`${key('recipients')} must be a list of { name, email } or { name, url, secretName }`);
  for (const r of (recipients ?? []) as any[]) {
    const name = typeof r?.name === 'string' && r.name.trim() && r.name.length <= 100 ? r.name.trim() : undefined;
    const byEmail = typeof r?.email === 'string' && mailAddress(r.email);
    const byHttp = typeof r?.url === 'string' && /^https?:\/\//.test(r.url) && typeof r?.secretName === 'string' && r.secretName.trim();
    if (!name || !!byEmail === !!byHttp) problems.push(`${key('recipients')} holds ${JSON.stringify(r)}: give a name (at most 100 characters) and either an email, or a url with a secretName`);
    else settings.recipients.push(byEmail ? { name, email: byEmail } : { name, url: r.url, secretName: r.secretName });
  }
  const reminders = asList(raw('reminderDays') ?? [10, 5, 2, 0]);
  const reminderDays = (reminders ?? []).map((n) => (typeof n === 'string' ? Number(n) : n));
  if (!reminders || !reminderDays.every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 60)) problems.push(`${key('reminderDays')} must list whole numbers of days from 0 to 60 (got ${JSON.stringify(raw('reminderDays'))})`);
  else settings.reminderDays = [...new Set(reminderDays as number[])].sort((a, b) => b - a);
  if (raw('escalationEmail') !== undefined && raw('escalationEmail') !== '') settings.escalationEmail = email('escalationEmail') || undefined;
  if (raw('alarmEmail') !== undefined && raw('alarmEmail') !== '') settings.alarmEmail = email('alarmEmail') || undefined;
  const breachHours = asList(raw('breachReminderHours') ?? [24, 48, 66]);
  const breachReminderHours = (breachHours ?? []).map((n) => (typeof n === 'string' ? Number(n) : n));
  if (!breachHours || !breachReminderHours.every((n) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 71)) problems.push(`${key('breachReminderHours')} must list whole numbers of hours from 1 to 71 (got ${JSON.stringify(raw('breachReminderHours'))})`);
  else settings.breachReminderHours = [...new Set(breachReminderHours as number[])].sort((a, b) => a - b);
  const controllerName = raw('controllerName');
  if (controllerName !== undefined && (typeof controllerName !== 'string' || controllerName.length > 300 || /[\u0000-\u001f]/.test(controllerName))) problems.push(`${key('controllerName')} must be one line of text, at most 300 characters`);
  else if (typeof controllerName === 'string' && controllerName.trim()) settings.controllerName = controllerName.trim();
  const declaredPurposes = asList(raw('purposes') ?? [...BUILT_IN_PURPOSES]);
  for (const p of declaredPurposes ?? [null]) {
    if (typeof p === 'string' && (BUILT_IN_PURPOSES as readonly string[]).includes(p)) settings.purposes.push({ id: p });
    else if (p && typeof p === 'object' && /^[a-z][a-z0-9-]{0,39}$/.test((p as Purpose).id) && (languages as Locale[]).every((l) => typeof (p as Purpose).title?.[l] === 'string' && (p as Purpose).title![l].trim())) {
      settings.purposes.push({ id: (p as Purpose).id, title: (p as Purpose).title });
    } else problems.push(`${key('purposes')} holds ${JSON.stringify(p)}: use ${BUILT_IN_PURPOSES.join(', ')}, or { "id": "research", "title": { ${languages.map((l) => `"${l}": "…"`).join(', ')} } }`);
  }
  if (settings.minimiseAfterDays <= settings.downloadLinkDays) problems.push(`${key('minimiseAfterDays')} must be longer than ${key('downloadLinkDays')} (${settings.downloadLinkDays}): the download page needs the request until its link expires`);
  const longest = longestRequestDays(settings);
  if (longest > MAX_EXECUTION_DAYS) problems.push(`${key('abandonAfterDays')}, ${key('decisionLinkDays')} and ${key('downloadLinkDays')} let a request's workflow run ${longest} days, over Step Functions' ${MAX_EXECUTION_DAYS}: shorten one of them`);
  const declared = raw('connectors');
  const checked = checkConnectors(typeof declared === 'string' ? safeJson(declared) : declared ?? [], { languages: settings.languages, purposeIds: settings.purposes.map((p) => p.id) });
  problems.push(...checked.problems.map((p) => `${key('connectors')}: ${p}`));
  settings.connectors = checked.connectors;
  if (problems.length) throw new SettingsError(problems);
  return settings;
}

/** Reads the settings from a cdk.json file, as the local twin does. */
export function readSettingsFile(path: string, overrides: Record<string, unknown> = {}): Settings {
  const context = { ...(JSON.parse(readFileSync(path, 'utf8')).context ?? {}), ...overrides };
  return readSettings((key) => context[key]);
}

/**
 * The deployment's public holidays, resolved for the years around today: written into the
 * functions' bundles by the stack, set as DSR_HOLIDAY_DATES by the twin.
 */
export function holidayDates(settings: Settings, today = new Date()): string {
  const [from, to] = holidayYears(today);
  return resolveHolidays(settings.holidayCalendar, from, to);
}

/**
 * The environment every function gets: the one place that turns settings into the
 * variables functions/shared/config.ts reads.
 */
export function functionEnvironment(
  settings: Settings,
  wiring: { publicBaseUrl: string; tables: { requests: string; linkTokens: string; audit: string; breaches: string }; archiveBucket: string },
): Record<string, string> {
  return {
    REQUESTS_TABLE: wiring.tables.requests,
    LINK_TOKENS_TABLE: wiring.tables.linkTokens,
    AUDIT_TABLE: wiring.tables.audit,
    SENDER_EMAIL: settings.senderEmail,
    SENDER_NAME: settings.senderName ?? '',
    REPLY_TO: settings.replyTo,
    DPO_EMAIL: settings.dpoEmail,
    PUBLIC_BASE_URL: wiring.publicBaseUrl,
    TIME_ZONE: settings.timeZone,
    HOLIDAY_CALENDAR: settings.holidayCalendar,
    EXTRA_HOLIDAYS: settings.extraHolidays.join(','),
    LANGUAGES: settings.languages.join(','),
    VERIFICATION_LINK_SECONDS: String(settings.verificationLinkHours * 3600),
    DECISION_LINK_SECONDS: String(settings.decisionLinkDays * 86400),
    AUTO_APPROVE: settings.autoApprove.join(','),
    AUTO_RELEASE: settings.autoRelease.join(','),
    ARCHIVE_BUCKET: wiring.archiveBucket,
    DOWNLOAD_LINK_SECONDS: String(settings.downloadLinkDays * 86400),
    MINIMISE_AFTER_SECONDS: String(settings.minimiseAfterDays * 86400),
    LIFT_NOTICE_SECONDS: String(settings.liftNoticeDays * 86400),
    LIFT_LINK_SECONDS: String(settings.liftLinkDays * 86400),
    REMINDER_DAYS: settings.reminderDays.join(','),
    ESCALATION_EMAIL: settings.escalationEmail ?? '',
    ABANDON_AFTER_SECONDS: String(settings.abandonAfterDays * 86400),
    DIGEST_HOUR: String(settings.digestHour),
    BREACH_REMINDER_HOURS: settings.breachReminderHours.join(','),
    CONTROLLER_NAME: settings.controllerName ?? '',
    COMMUNICATION_RATE: String(settings.communicationRate),
    BREACHES_TABLE: wiring.tables.breaches,
  };
}

/**
 * The deployment's lists, which grow with it: the data systems (`connectorFunctions`: each
 * connector's function name), the Art. 19 recipients, the purposes, and what each system
 * declares for the learner's copy (Art. 15, by system name). A Lambda's whole
 * environment holds 4 KB, so the stack writes these into each function's bundle (as it
 * does the holidays) and the twin sets them as variables; functions/shared/config.ts reads
 * either.
 */
export function deploymentLists(settings: Settings, connectorFunctions: Record<string, string>): Record<'DSR_SYSTEMS' | 'DSR_RECIPIENTS' | 'DSR_PURPOSES' | 'DSR_DECLARATIONS', string> {
  const systems: SystemRef[] = settings.connectors.map((c) => ({
    name: c.name,
    title: c.title,
    kind: c.type,
    functionName: connectorFunctions[c.name],
    identifies: identifiesPerson(c),
    ...(isDirectory(c) ? { directory: true } : {}),
    async: c.type === 'http',
    callbackTimeoutSeconds: c.type === 'http' ? (c.callbackTimeoutSeconds ?? 86400) : 86400,
    ...(c.type === 'http' ? { secretName: c.secretName } : {}),
    does: capabilities(c),
    ...(c.type === 'dynamodb' ? { erasure: c.erase ?? { mode: 'delete' } } : {}),
    ...(c.retention ? { retention: c.retention } : {}),
    ...(c.type !== 's3' && c.rectify ? { rectifiable: c.rectify.attributes } : {}),
  }));
  // What each system declares (Art. 15) is its own list: about 1 KB a system, it lands only in the bundles that read it (functions/shared/declarations.ts).
  const declarations = Object.fromEntries(settings.connectors.flatMap((c) => (c.art15 ? [[c.name, c.art15]] : [])));
  return { DSR_SYSTEMS: JSON.stringify(systems), DSR_RECIPIENTS: JSON.stringify(settings.recipients), DSR_PURPOSES: JSON.stringify(settings.purposes), DSR_DECLARATIONS: JSON.stringify(declarations) };
}
