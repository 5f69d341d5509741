import { describe, expect, it } from 'vitest';
import { deploymentLists, functionEnvironment, holidayDates, readSettings, readSettingsFile, SettingsError } from '../../../infra/settings.js';
import { loadConfig } from '../../../functions/shared/config.js';
import { ART15 } from '../../support/art15.js';
import { systemDeclarations } from '../../../functions/shared/declarations.js';

const base = { 'dsr:dpoEmail': 'dpo@school.example', 'dsr:senderEmail': 'privacy@school.example' };
const read = (context: Record<string, unknown>) => readSettings((key) => context[key]);

describe('readSettings', () => {
  it('fills the documented defaults', () => {
    expect(read(base)).toEqual({
      dpoEmail: 'dpo@school.example',
      senderEmail: 'privacy@school.example',
      replyTo: 'dpo@school.example', // replies go to the DPO
      publicBaseUrl: undefined,
      timeZone: 'Europe/Paris',
      holidayCalendar: 'FR',
      extraHolidays: [],
      languages: ['fr', 'en'],
      verificationLinkHours: 72,
      decisionLinkDays: 14,
      autoApprove: [],
      autoRelease: [],
      downloadLinkDays: 7,
      connectors: [],
      purposes: [{ id: 'marketing' }, { id: 'analytics' }, { id: 'profiling' }],
      recipients: [],
      minimiseAfterDays: 90,
      liftNoticeDays: 7,
      liftLinkDays: 365,
      reminderDays: [10, 5, 2, 0],
      escalationEmail: undefined,
      abandonAfterDays: 180,
      digestHour: 8,
      alarmEmail: undefined,
      breachReminderHours: [24, 48, 66],
      communicationRate: 10,
      createApiLogsRole: false,
      connectorConcurrency: 0,
    });
  });

  it('reads values given on the command line as strings', () => {
    const settings = read({ ...base, 'dsr:languages': 'en,fr', 'dsr:autoApprove': '["access","portability"]', 'dsr:verificationLinkHours': '24' });
    expect(settings.languages).toEqual(['en', 'fr']);
    expect(settings.autoApprove).toEqual(['access', 'portability']);
    expect(settings.verificationLinkHours).toBe(24);
  });

  it('reads every kind of value given on the command line as text, and quotes it as given when it is wrong', () => {
    const settings = read({
      ...base,
      'dsr:reminderDays': '5, 2,5',
      'dsr:breachReminderHours': '["48","24"]',
      'dsr:createApiLogsRole': 'true',
      'dsr:connectorConcurrency': '3',
      'dsr:extraHolidays': '2026-12-24,2026-12-31',
      'dsr:purposes': 'marketing',
      'dsr:recipients': '[{"name":"Payments","url":"https://pay.example/dsr","secretName":"dsr/pay"}]',
      'dsr:connectors': JSON.stringify([{ name: 'lms', title: 'LMS', type: 'dynamodb', table: 't', match: { attribute: 'email', subjectField: 'email' }, art15: ART15 }]),
    });

    expect(settings).toMatchObject({
      reminderDays: [5, 2],
      breachReminderHours: [24, 48],
      createApiLogsRole: true,
      connectorConcurrency: 3,
      extraHolidays: ['2026-12-24', '2026-12-31'],
      purposes: [{ id: 'marketing' }],
      recipients: [{ name: 'Payments', url: 'https://pay.example/dsr', secretName: 'dsr/pay' }],
      connectors: [{ name: 'lms', art15: ART15 }],
    });
    expect(() => read({ ...base, 'dsr:reminderDays': '5,x' })).toThrow('dsr:reminderDays must list whole numbers of days from 0 to 60 (got "5,x")');
    expect(() => read({ ...base, 'dsr:digestHour': '8am' })).toThrow('dsr:digestHour must be a whole number from 0 to 23 (got "8am")');
    expect(() => read({ ...base, 'dsr:connectors': '[{"name":' })).toThrow('dsr:connectors: must be a list of connector declarations');
  });

  it('says what is wrong between keys, and in the connectors, alongside the problems of other keys', () => {
    let error: SettingsError | undefined;
    try {
      read({ 'dsr:senderEmail': 'privacy@school.example', 'dsr:minimiseAfterDays': '7', 'dsr:connectors': [{ name: 'lms', title: 'LMS', type: 'dynamodb', match: { attribute: 'email', subjectField: 'email' }, art15: ART15 }] });
    } catch (e) {
      error = e as SettingsError;
    }

    expect(error?.problems).toEqual([
      'dsr:dpoEmail must be an email address (got null)',
      'dsr:minimiseAfterDays must be longer than dsr:downloadLinkDays (7): the download page needs the request until its link expires',
      'dsr:connectors: connector lms: table is required',
    ]);
  });

  it('reports every problem at once, naming each key', () => {
    let error: SettingsError | undefined;
    try {
      read({ 'dsr:senderEmail': 'nope', 'dsr:timeZone': 'Europe/Atlantis', 'dsr:autoApprove': ['access', 'everything'], 'dsr:extraHolidays': ['2026-02-30'], 'dsr:verificationLinkHours': 0, 'dsr:publicBaseUrl': 'ftp://x', 'dsr:createApiLogsRole': 'yes', 'dsr:connectorConcurrency': -1 });
    } catch (e) {
      error = e as SettingsError;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const keys = ['dsr:dpoEmail', 'dsr:senderEmail', 'dsr:timeZone', 'dsr:autoApprove', 'dsr:extraHolidays', 'dsr:verificationLinkHours', 'dsr:publicBaseUrl', 'dsr:createApiLogsRole', 'dsr:connectorConcurrency'];
    for (const key of keys) expect(error!.message).toContain(key);
    expect(error!.problems).toHaveLength(keys.length);
  });

  it('takes any calendar date-holidays knows, and names what is wrong with the others', () => {
    for (const code of ['FR-57', 'FR-GP', 'DE-BY', 'BE', 'ES-MD', 'none']) expect(read({ ...base, 'dsr:holidayCalendar': code }).holidayCalendar).toBe(code);
    expect(() => read({ ...base, 'dsr:holidayCalendar': 'FR-971' })).toThrow(/dsr:holidayCalendar 971 is not a region of FR \(known: 57, 67, 68/);
    expect(() => read({ ...base, 'dsr:holidayCalendar': 'XX' })).toThrow(/dsr:holidayCalendar XX is not a country/);
    expect(() => read({ ...base, 'dsr:holidayCalendar': 'france' })).toThrow(/must be a country code such as FR/);
  });

  it('takes a sender name in any script, and where replies go', () => {
    const settings = read({ ...base, 'dsr:senderName': ' Université X — Protection des données ', 'dsr:replyTo': 'privacy-team@school.example' });
    expect(settings).toMatchObject({ senderName: 'Université X — Protection des données', replyTo: 'privacy-team@school.example' });
    expect(read({ ...base, 'dsr:senderName': '' })).not.toHaveProperty('senderName');
  });

  it.each([
    ['a line break', 'DPO\r\nBcc: all@example.org', /dsr:senderName must be one line/],
    ['quotes', 'The "DPO"', /dsr:senderName must not contain quotes/],
    ['over 100 characters', 'x'.repeat(101), /dsr:senderName must be at most 100 characters/],
    ['a number', 42, /dsr:senderName must be text/],
  ])('refuses a sender name with %s, naming the key', (_what, senderName, message) => {
    expect(() => read({ ...base, 'dsr:senderName': senderName })).toThrow(message);
  });

  it('refuses a reply-to that is not an address', () => {
    expect(() => read({ ...base, 'dsr:replyTo': 'the DPO' })).toThrow(/dsr:replyTo must be an email address/);
  });

  it('holds addresses to the form\'s rule and keeps an international domain as it is mailed', () => {
    expect(() => read({ ...base, 'dsr:replyTo': 'dpo.@school.example' })).toThrow(/dsr:replyTo must be an email address/);
    expect(() => read({ ...base, 'dsr:recipients': [{ name: 'Payments', email: 'privacy@pay\u200b.example' }] })).toThrow(/dsr:recipients #1: give a name \(at most 100 characters\) and either an email, or a url with a secretName \(got \{"name":"Payments"/);
    expect(read({ ...base, 'dsr:dpoEmail': 'dpo@école.example', 'dsr:recipients': [{ name: 'Payments', email: 'privacy@bücher.example' }] })).toMatchObject({
      dpoEmail: 'dpo@xn--cole-9oa.example',
      recipients: [{ name: 'Payments', email: 'privacy@xn--bcher-kva.example' }],
    });
  });

  it('refuses durations that would let a request outlive Step Functions\' one-year execution', () => {
    expect(() => read({ ...base, 'dsr:abandonAfterDays': 180, 'dsr:decisionLinkDays': 60, 'dsr:downloadLinkDays': 30 })).toThrow(/run 380 days, over Step Functions' 365/);
    expect(read({ ...base, 'dsr:abandonAfterDays': 180, 'dsr:decisionLinkDays': 60, 'dsr:downloadLinkDays': 7 }).abandonAfterDays).toBe(180);
  });

  it('accepts the repository’s cdk.json as it is', () => {
    expect(readSettingsFile('cdk.json').dpoEmail).toMatch(/@/);
  });
});

describe('readSettings: what each system declares (art15)', () => {
  const lms = (art15: unknown) => ({ name: 'lms-account', title: 'LMS', type: 'dynamodb', table: 't', match: { attribute: 'email', subjectField: 'email' }, art15 });
  const problems = (context: Record<string, unknown>) => {
    try {
      read({ ...base, ...context });
      return [];
    } catch (error) {
      return (error as SettingsError).problems;
    }
  };

  it('names the connector, the field and the language missing, for each of dsr:languages', () => {
    const englishOnly = { ...ART15, retention: { en: '3 years' } };

    expect(problems({ 'dsr:connectors': [lms(englishOnly)] })).toEqual(['dsr:connectors: connector lms-account: art15.retention has no "fr"']);
    expect(problems({ 'dsr:connectors': [lms(englishOnly)], 'dsr:languages': ['en'] })).toEqual([]);
    expect(problems({ 'dsr:connectors': JSON.stringify([lms(undefined)]) })).toEqual([expect.stringMatching(/^dsr:connectors: connector lms-account: art15 is required/)]);
  });

  it('checks a purpose id against the deployment\'s own dsr:purposes', () => {
    const research = { ...ART15, purposes: [{ ...ART15.purposes[0], purposeId: 'research' }] };
    const purposes = [{ id: 'research', title: { fr: 'Recherche', en: 'Research' } }];

    expect(problems({ 'dsr:connectors': [lms(research)], 'dsr:purposes': purposes })).toEqual([]);
    expect(problems({ 'dsr:connectors': [lms(research)] })).toEqual([expect.stringMatching(/art15\.purposes #1\.purposeId must be one of dsr:purposes \(marketing, analytics, profiling\)/)]);
  });
});

describe('functionEnvironment and loadConfig', () => {
  it('carry the settings to the functions unchanged', () => {
    const settings = read({
      ...base,
      'dsr:autoApprove': ['access'],
      'dsr:extraHolidays': ['2026-12-24'],
      'dsr:languages': ['en'],
      'dsr:connectors': [{ name: 'lms', title: 'LMS', type: 'dynamodb', table: 't', match: { attribute: 'email', subjectField: 'email' }, identifies: { userId: 'id' }, directory: { attribute: 'id', email: 'email' }, art15: ART15 }],
      'dsr:recipients': [{ name: 'Payments', email: 'privacy@pay.example' }],
    });
    const env = functionEnvironment(settings, { publicBaseUrl: 'https://dsr.example/', tables: { requests: 'R', linkTokens: 'L', audit: 'A', breaches: 'B' }, archiveBucket: 'B' });
    const lists = deploymentLists(settings, { lms: 'dsr-lms' });
    const config = loadConfig({ ...env, ...lists, DSR_HOLIDAY_DATES: holidayDates(settings, new Date('2026-11-24')) });
    expect(config).toMatchObject({
      tables: { requests: 'R', linkTokens: 'L', audit: 'A', breaches: 'B' },
      mail: { sender: 'privacy@school.example', dpo: 'dpo@school.example' },
      publicBaseUrl: 'https://dsr.example',
      calendar: { timeZone: 'Europe/Paris', holidays: { calendar: 'FR', extraDates: ['2026-12-24'], dates: expect.stringMatching(/^2025-2056\|0101,0421,0501,0508,0529,0609,0714,0815,1101,1111,1225\|/) } },
      languages: ['en'],
      linkLifetimes: { verificationSeconds: 72 * 3600, decisionSeconds: 14 * 86400 },
      autoApprove: ['access'],
      systems: [{ name: 'lms', functionName: 'dsr-lms', identifies: true, directory: true }],
      recipients: [{ name: 'Payments', email: 'privacy@pay.example' }],
    });
    // What each system declares (Art. 15) reaches the functions that read it, by system name.
    expect(systemDeclarations({ ...env, ...lists })).toEqual({ lms: ART15 });
    // The lists that grow with the deployment stay out of the environment (4 KB on Lambda).
    expect(Object.keys(env).filter((k) => /SYSTEMS|RECIPIENTS|PURPOSES|DECLARATIONS/.test(k))).toEqual([]);
  });

  it('carry the sender\'s name and the reply-to to every function, and refuse a name that would break the From header', () => {
    const settings = read({ ...base, 'dsr:senderName': 'Université X — Protection des données' });
    const env = { ...functionEnvironment(settings, { publicBaseUrl: 'https://x', tables: { requests: 'R', linkTokens: 'L', audit: 'A', breaches: 'B' }, archiveBucket: 'B' }), HOLIDAY_CALENDAR: 'none' };
    expect(loadConfig(env).mail).toEqual({ sender: 'privacy@school.example', dpo: 'dpo@school.example', senderName: 'Université X — Protection des données', replyTo: 'dpo@school.example', configurationSet: undefined });
    expect(loadConfig({ ...env, MAIL_CONFIGURATION_SET: 'dsr-mail' }).mail.configurationSet).toBe('dsr-mail');
    expect(() => loadConfig({ ...env, SENDER_NAME: 'DPO\nBcc: all@example.org' })).toThrow(/SENDER_NAME must be one line/);
    expect(() => loadConfig({ ...env, REPLY_TO: 'nobody' })).toThrow(/REPLY_TO/);
  });

  it('fail fast when the holiday calendar was not resolved into the function', () => {
    const env = functionEnvironment(read(base), { publicBaseUrl: 'https://x', tables: { requests: 'R', linkTokens: 'L', audit: 'A', breaches: 'B' }, archiveBucket: 'B' });
    expect(() => loadConfig(env)).toThrow(/FR holiday calendar was not resolved/);
    expect(loadConfig({ ...env, HOLIDAY_CALENDAR: 'none' }).calendar.holidays.dates).toBe('');
  });

  it('fail fast on a missing variable, naming it', () => {
    expect(() => loadConfig({})).toThrow(/TIME_ZONE/);
    const env = functionEnvironment(read(base), { publicBaseUrl: 'https://x', tables: { requests: 'R', linkTokens: 'L', audit: 'A', breaches: 'B' }, archiveBucket: 'B' });
    delete env.AUDIT_TABLE;
    expect(() => loadConfig({ ...env, DSR_HOLIDAY_DATES: holidayDates(read(base)) })).toThrow(/AUDIT_TABLE/);
  });
});
