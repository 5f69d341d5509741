import { readFileSync } from 'node:fs';
import { holidayYears, resolveHolidays } from './holiday-calendars.js';
import { capabilities, connectorProblems, identifiesPerson, isDirectory } from '../functions/connectors/declarations.js';
import type { SystemRef } from '../functions/shared/config.js';
import * as z from 'zod/mini';
import { judge, problemOf } from '../functions/shared/schema.js';
import { jsonFromText } from './context-values.js';
import { languagesSetting, purposesSetting, settingsSchema } from './settings-schema.js';

/**
 * The deployment's settings, from `cdk.json` context keys prefixed `dsr:` (what each
 * accepts: infra/settings-schema.ts). The stack and the local twin read the same keys
 * through `readSettings`, which checks every value and reports all problems at once,
 * naming each key.
 */
export type Settings = z.output<ReturnType<typeof settingsSchema>>;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid dsr settings in cdk.json context:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Reads a context value; values given with `-c key=value` arrive as strings, so lists may be JSON or comma-separated. */
export type ContextReader = (key: string) => unknown;

export function readSettings(context: ContextReader): Settings {
  const given = (name: string) => context(`dsr:${name}`) ?? undefined;
  // The purposes' titles and the connectors are checked against the languages and purposes as read, or the defaults where those cannot be read.
  const languages = judge(languagesSetting, given('languages')).data ?? ['fr', 'en'];
  const purposeIds = (judge(purposesSetting(languages), given('purposes')).data ?? []).map((p) => p.id);
  const schema = settingsSchema({ languages, purposeIds });
  const values = Object.fromEntries(Object.keys(schema.def.in.shape).map((name) => [name, given(name)]).filter(([, value]) => value !== undefined));
  const result = judge(schema, values);
  if (result.success) return result.data;
  const ofConnectors = result.error.issues.filter((issue) => issue.path[0] === 'connectors');
  throw new SettingsError([
    ...result.error.issues.filter((issue) => !ofConnectors.includes(issue)).map((issue) => `dsr:${problemOf(issue)}`),
    ...connectorProblems(ofConnectors.map((issue) => ({ ...issue, path: issue.path.slice(1) })), jsonFromText(values.connectors)).map((p) => `dsr:connectors: ${p}`),
  ]);
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
