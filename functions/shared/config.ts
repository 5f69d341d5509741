import { isTimeZone, parseDate } from './civil-date.js';
import { ConfigError } from './errors.js';
import { deployedHolidayDates } from './holidays.js';
import type { ControllerCalendar } from './legal-clock.js';
import { senderNameProblem } from './sender.js';
import { isEmailAddress } from './validation.js';
import { BUILT_IN_PURPOSES, isLocale, isRight, type Locale, type Purpose, type Right } from './rights.js';
import { deployedValue, purpose, recipient, systemRef, type Recipient, type SystemRef } from './deployment-lists.js';
import * as z from 'zod/mini';

export type { Recipient, SystemRef } from './deployment-lists.js';

/**
 * What every handler knows about its deployment, read from the environment once at cold
 * start. The CDK stack and the local twin both set these variables from the same
 * validated settings (infra/settings.ts), so a missing one is a wiring bug: fail fast and
 * name it.
 */
export interface Config {
  /** `breaches` is empty where no function of that kind reads it (the twin and the stack set it for all). */
  tables: { requests: string; linkTokens: string; audit: string; breaches: string };
  stateMachineArn?: string;
  /**
   * The sender's address and display name, where replies go (the DPO by default), and the
   * SES configuration set of every email but a breach communication's (none in the twin).
   */
  mail: { sender: string; dpo: string; senderName?: string; replyTo: string; configurationSet?: string };
  publicBaseUrl: string;
  calendar: ControllerCalendar;
  languages: Locale[];
  linkLifetimes: { verificationSeconds: number; decisionSeconds: number };
  autoApprove: Right[];
  autoRelease: Right[];
  archiveBucket: string;
  downloadLinkSeconds: number;
  systems: SystemRef[];
  /** Purposes a learner may restrict or object to. */
  purposes: Purpose[];
  recipients: Recipient[];
  /** How long a closed request keeps the learner's address and details. */
  minimiseAfterSeconds: number;
  /** How long before lifting a restriction the learner is told (Art. 18(3)). */
  liftNoticeSeconds: number;
  /** How long the DPO's link to lift a restriction works. */
  liftLinkSeconds: number;
  /** Days before the due date the DPO is reminded (0: the due date itself). */
  reminderDays: number[];
  /** Who else is told each working day a request is overdue. */
  escalationEmail?: string;
  deadlineStateMachineArn?: string;
  /** How long after its due date a request still waiting on the DPO is closed as abandoned. */
  abandonAfterSeconds: number;
  /** The local hour the daily digest goes out. */
  digestHour: number;
  /** Hours after awareness of a breach at which the DPO is reminded (dsr:breachReminderHours). */
  breachReminderHours: number[];
  controllerName?: string;
  breachStateMachineArn?: string;
  communicationStateMachineArn?: string;
  /** Emails a second a breach's communication is sent at: under the SES account's quota. */
  communicationRate: number;
  /** The SES configuration set a communication's emails go through: its events report bounces (none in the twin). */
  communicationConfigurationSet?: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`environment variable ${name} is not set`);
  return value;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

function seconds(env: NodeJS.ProcessEnv, name: string, min = 1): number {
  const value = Number(required(env, name));
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number of seconds`);
  return value;
}

/**
 * The deployment's lists, which grow with it: the stack writes them into each bundle
 * (esbuild `define` replaces these very expressions), since a Lambda's environment holds
 * 4 KB; the twin and tests set the variables.
 */
const deployedLists = (): Record<'DSR_SYSTEMS' | 'DSR_RECIPIENTS' | 'DSR_PURPOSES', string | undefined> => ({
  DSR_SYSTEMS: process.env.DSR_SYSTEMS,
  DSR_RECIPIENTS: process.env.DSR_RECIPIENTS,
  DSR_PURPOSES: process.env.DSR_PURPOSES,
});

/** One of the deployment's lists, checked for its shape: a wrong one names the variable and the field. */
const listIn = <T extends z.core.$ZodType>(env: NodeJS.ProcessEnv, name: 'DSR_SYSTEMS' | 'DSR_RECIPIENTS' | 'DSR_PURPOSES', item: T, fallback: z.output<T>[]): z.output<T>[] =>
  deployedValue(name, env[name] || deployedLists()[name], z.array(item), fallback);

function mailOf(env: NodeJS.ProcessEnv): Config['mail'] {
  const dpo = required(env, 'DPO_EMAIL');
  const senderName = env.SENDER_NAME?.trim() || undefined;
  const problem = senderName && senderNameProblem(senderName);
  if (problem) throw new ConfigError(`SENDER_NAME ${problem}`);
  const replyTo = env.REPLY_TO?.trim() || dpo;
  if (!isEmailAddress(replyTo)) throw new ConfigError('REPLY_TO is not an email address');
  return { sender: required(env, 'SENDER_EMAIL'), dpo, senderName, replyTo, configurationSet: env.MAIL_CONFIGURATION_SET?.trim() || undefined };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const timeZone = required(env, 'TIME_ZONE');
  if (!isTimeZone(timeZone)) throw new ConfigError(`TIME_ZONE ${timeZone} is not a known time zone`);
  const calendar = required(env, 'HOLIDAY_CALENDAR');
  // Set in the environment by the twin (and by tests), written into the bundle by the stack.
  const holidayDates = env.DSR_HOLIDAY_DATES || deployedHolidayDates();
  if (calendar !== 'none' && !holidayDates) throw new ConfigError(`the ${calendar} holiday calendar was not resolved into this function (DSR_HOLIDAY_DATES)`);
  const extraDates = list(env.EXTRA_HOLIDAYS);
  extraDates.forEach((d) => parseDate(d));
  const languages = list(required(env, 'LANGUAGES'));
  if (!languages.every(isLocale)) throw new ConfigError('LANGUAGES lists a language that is not offered');
  const autoApprove = list(env.AUTO_APPROVE);
  if (!autoApprove.every(isRight)) throw new ConfigError('AUTO_APPROVE lists an unknown right');
  const autoRelease = list(env.AUTO_RELEASE);
  if (!autoRelease.every(isRight)) throw new ConfigError('AUTO_RELEASE lists an unknown right');
  const systems = listIn(env, 'DSR_SYSTEMS', systemRef, []);
  const purposes = listIn(env, 'DSR_PURPOSES', purpose, BUILT_IN_PURPOSES.map((id) => ({ id })));
  return {
    tables: {
      requests: required(env, 'REQUESTS_TABLE'),
      linkTokens: required(env, 'LINK_TOKENS_TABLE'),
      audit: required(env, 'AUDIT_TABLE'),
      breaches: env.BREACHES_TABLE?.trim() || '',
    },
    stateMachineArn: env.STATE_MACHINE_ARN?.trim() || undefined,
    mail: mailOf(env),
    publicBaseUrl: required(env, 'PUBLIC_BASE_URL').replace(/\/+$/, ''),
    calendar: { timeZone, holidays: { calendar, extraDates, dates: holidayDates } },
    languages: languages as Locale[],
    linkLifetimes: {
      verificationSeconds: seconds(env, 'VERIFICATION_LINK_SECONDS'),
      decisionSeconds: seconds(env, 'DECISION_LINK_SECONDS'),
    },
    autoApprove: autoApprove as Right[],
    autoRelease: autoRelease as Right[],
    archiveBucket: required(env, 'ARCHIVE_BUCKET'),
    downloadLinkSeconds: seconds(env, 'DOWNLOAD_LINK_SECONDS'),
    systems,
    purposes,
    recipients: listIn(env, 'DSR_RECIPIENTS', recipient, []),
    minimiseAfterSeconds: seconds(env, 'MINIMISE_AFTER_SECONDS'),
    liftNoticeSeconds: seconds(env, 'LIFT_NOTICE_SECONDS', 0),
    liftLinkSeconds: seconds(env, 'LIFT_LINK_SECONDS'),
    reminderDays: list(env.REMINDER_DAYS).map(Number).filter((n) => Number.isInteger(n) && n >= 0),
    escalationEmail: env.ESCALATION_EMAIL?.trim() || undefined,
    deadlineStateMachineArn: env.DEADLINE_STATE_MACHINE_ARN?.trim() || undefined,
    abandonAfterSeconds: seconds(env, 'ABANDON_AFTER_SECONDS'),
    digestHour: Number(env.DIGEST_HOUR ?? 8),
    breachReminderHours: list(env.BREACH_REMINDER_HOURS).map(Number).filter((n) => Number.isInteger(n) && n > 0 && n < 72),
    controllerName: env.CONTROLLER_NAME?.trim() || undefined,
    breachStateMachineArn: env.BREACH_STATE_MACHINE_ARN?.trim() || undefined,
    communicationStateMachineArn: env.COMMUNICATION_STATE_MACHINE_ARN?.trim() || undefined,
    communicationConfigurationSet: env.COMMUNICATION_CONFIGURATION_SET?.trim() || undefined,
    communicationRate: Number(env.COMMUNICATION_RATE ?? 10) > 0 ? Number(env.COMMUNICATION_RATE ?? 10) : 10,
  };
}
