import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/shared/config.js';
import { systemDeclarations } from '../../../functions/shared/declarations.js';
import { ConfigError } from '../../../functions/shared/errors.js';
import { deploymentLists, functionEnvironment, readSettings } from '../../../infra/settings.js';
import { ART15 } from '../../support/art15.js';

const settings = readSettings((key) => ({ 'dsr:dpoEmail': 'dpo@school.example', 'dsr:senderEmail': 'privacy@school.example', 'dsr:recipients': [{ name: 'Payments', email: 'privacy@pay.example' }] })[key]);
const env = { ...functionEnvironment(settings, { publicBaseUrl: 'https://x', tables: { requests: 'R', linkTokens: 'L', audit: 'A', breaches: 'B' }, archiveBucket: 'B' }), HOLIDAY_CALENDAR: 'none' };
const lms = { name: 'lms', title: 'LMS', kind: 'dynamodb', functionName: 'dsr-lms', identifies: true, async: false, callbackTimeoutSeconds: 86400, does: { erase: 'auto', rectify: 'not_applicable', restrict: 'not_applicable', lift: 'not_applicable' } };

/** The problem loadConfig fails with, or undefined. */
const problemWith = (variables: Record<string, string>) => {
  try {
    loadConfig({ ...env, ...variables });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};

describe('the deployment\'s lists a function reads', () => {
  it('are read as the stack writes them', () => {
    const config = loadConfig({ ...env, ...deploymentLists(settings, {}), DSR_SYSTEMS: JSON.stringify([lms]) });

    expect(config.systems).toEqual([lms]);
    expect(config.recipients).toEqual([{ name: 'Payments', email: 'privacy@pay.example' }]);
    expect(config.purposes).toEqual([{ id: 'marketing' }, { id: 'analytics' }, { id: 'profiling' }]);
  });

  it.each([
    ['a system without its function', { DSR_SYSTEMS: JSON.stringify([lms, { ...lms, functionName: undefined }]) }, 'DSR_SYSTEMS #2.functionName is missing'],
    ['a system of an unknown kind', { DSR_SYSTEMS: JSON.stringify([{ ...lms, kind: 'ftp' }]) }, 'DSR_SYSTEMS #1.kind must be one of dynamodb, s3, http, lambda'],
    ['a system without what it does for a lift', { DSR_SYSTEMS: JSON.stringify([{ ...lms, does: { ...lms.does, lift: undefined } }]) }, 'DSR_SYSTEMS #1.does.lift is missing'],
    ['a recipient whose name is not text', { DSR_RECIPIENTS: JSON.stringify([{ name: 42, email: 'privacy@pay.example' }]) }, 'DSR_RECIPIENTS #1.name must be text'],
    ['a purpose titled in a language not offered', { DSR_PURPOSES: JSON.stringify([{ id: 'research', title: { de: 'Forschung' } }]) }, 'DSR_PURPOSES #1.title has "de", which is not a language offered (fr, en)'],
    ['a list that is not one', { DSR_PURPOSES: '{"id":"marketing"}' }, 'DSR_PURPOSES must be a list'],
    ['text that is not JSON', { DSR_RECIPIENTS: '[{name:' }, 'DSR_RECIPIENTS is not valid JSON'],
  ])('fail at cold start on %s, naming the variable and the field', (_what, variables, problem) => {
    expect(problemWith(variables)).toBe(problem);
  });

  it('include what each system declares (Art. 15), checked for its shape', () => {
    expect(systemDeclarations({ DSR_DECLARATIONS: JSON.stringify({ lms: ART15 }) })).toEqual({ lms: ART15 });
    expect(() => systemDeclarations({ DSR_DECLARATIONS: JSON.stringify({ lms: { ...ART15, purposes: 'all' } }) })).toThrow(new ConfigError('DSR_DECLARATIONS.lms.purposes must be a list of 1 to 30 entries'));
    // The deployment's languages were checked at synth: a function takes the texts as they are.
    expect(systemDeclarations({ DSR_DECLARATIONS: JSON.stringify({ lms: { ...ART15, retention: { en: '3 years' } } }) }).lms.retention).toEqual({ en: '3 years' });
  });
});
