import { describe, expect, it } from 'vitest';
import { checkSignature, sign, signedHeaders } from '../../../functions/connectors/signing.js';
import { toCsv } from '../../../functions/connectors/csv.js';
import { safeName } from '../../../functions/connectors/staging.js';
import { ART15 } from '../../support/art15.js';
import { checkConnectors, identifiesPerson, isDirectory } from '../../../functions/connectors/declarations.js';
import { fillTemplate } from '../../../functions/connectors/kit.js';

describe('request signing', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const body = '{"status":"done"}';

  it('verifies a body signed with the shared secret within five minutes', () => {
    const headers = signedHeaders('s3cret', body, now);
    expect(checkSignature('s3cret', { timestamp: headers['x-dsr-timestamp'], signature: headers['x-dsr-signature'] }, body, new Date(now.getTime() + 299_000))).toBeUndefined();
  });

  it('refuses another secret, another body, a stale or future timestamp, and missing headers', () => {
    const headers = signedHeaders('s3cret', body, now);
    const given = { timestamp: headers['x-dsr-timestamp'], signature: headers['x-dsr-signature'] };
    expect(checkSignature('other', given, body, now)).toBe('mismatch');
    expect(checkSignature('s3cret', given, body.replace('done', 'partial'), now)).toBe('mismatch');
    expect(checkSignature('s3cret', given, body, new Date(now.getTime() + 301_000))).toBe('stale');
    expect(checkSignature('s3cret', given, body, new Date(now.getTime() - 301_000))).toBe('stale');
    expect(checkSignature('s3cret', {}, body, now)).toBe('missing');
  });

  it('signs timestamp and body together, so neither can be swapped', () => {
    expect(sign('k', 1, 'ab')).not.toBe(sign('k', 2, 'ab'));
    expect(sign('k', 1, 'ab')).toMatch(/^v1=[0-9a-f]{64}$/);
  });
});

describe('toCsv', () => {
  it('writes RFC 4180 with a header of every column', () => {
    expect(toCsv([{ a: 1, b: 'x,y' }, { a: 2, c: 'say "hi"\nbye' }])).toBe('a,b,c\r\n1,"x,y",\r\n2,,"say ""hi""\nbye"\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv([{ a: '=HYPERLINK("x")', b: '+1', c: '-2', d: '@SUM' }])).toBe(`a,b,c,d\r\n"'=HYPERLINK(""x"")",'+1,'-2,'@SUM\r\n`);
  });
});

describe('safeName', () => {
  it('keeps folders and refuses escapes', () => {
    expect(safeName('project/report.md')).toBe('project/report.md');
    expect(safeName('../../etc/passwd')).toBe('etc/passwd');
    expect(safeName('/abs//x')).toBe('abs/x');
    expect(() => safeName('..')).toThrow(/usable file name/);
    expect(() => safeName('_files.json')).toThrow(/usable file name/);
    expect(() => safeName('/_answer.json')).toThrow(/usable file name/);
  });

  it('replaces characters that hide or reorder what a name says', () => {
    expect(safeName('invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(safeName('re\u200Bport\u0085.pdf')).toBe('re_port_.pdf');
    expect(safeName('a\ud800.txt')).toBe('a_.txt'); // half a pair: an S3 key cannot hold it
    expect(safeName('line\u2028two\u2060.txt')).toBe('line_two_.txt');
  });

  it('refuses a name longer than an S3 key allows, without quoting it', () => {
    const name = `learner-jane-doe/${'n'.repeat(5_000_000)}.txt`;
    expect(() => safeName(name)).toThrow(/usable file name/);
    let message = '';
    try {
      safeName(name);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('jane');
    expect(message.length).toBeLessThan(100);
    expect(safeName(`${'é'.repeat(248)}.txt`)).toHaveLength(252); // 500 bytes
    expect(() => safeName(`${'é'.repeat(249)}.txt`)).toThrow(/longer than 500 bytes/);
  });
});

describe('fillTemplate', () => {
  it('fills from the subject and says when it cannot', () => {
    expect(fillTemplate('submissions/{userId}/', { email: 'a@b.fr', userId: 'u 1' })).toBe('submissions/u%201/');
    expect(fillTemplate('submissions/{userId}/', { email: 'a@b.fr' })).toBeUndefined();
  });
});

describe('checkConnectors', () => {
  it('accepts the three built-in kinds', () => {
    const { connectors, problems } = checkConnectors([
      { name: 'lms', title: 'LMS', type: 'dynamodb', table: 't', match: { attribute: 'email', subjectField: 'email' }, identifies: { userId: 'id' } , art15: ART15 },
      { name: 'files', title: 'Files', type: 's3', bucket: 'b', prefix: 'x/{userId}/' , art15: ART15 },
      { name: 'video', title: 'Video', type: 'http', url: 'https://v.example/dsr', secretName: 's' , art15: ART15 },
    ]);
    expect(problems).toEqual([]);
    expect(connectors.map(identifiesPerson)).toEqual([true, false, false]);
  });

  it('takes a table, an external system or a connector of its own as a directory of people, and says what a directory needs', () => {
    const directories = checkConnectors([
      { name: 'lms', title: 'LMS', type: 'dynamodb', table: 't', match: { attribute: 'email', subjectField: 'email' }, directory: { attribute: 'id', email: 'email', language: 'lang' } , art15: ART15 },
      { name: 'alumni', title: 'Alumni', type: 'http', url: 'https://a.example/dsr', secretName: 's', directory: true , art15: ART15 },
      { name: 'crm', title: 'CRM', type: 'lambda', entry: 'connectors/crm.ts', directory: true , art15: ART15 },
      { name: 'files', title: 'Files', type: 's3', bucket: 'b', prefix: 'x/{userId}/' , art15: ART15 },
    ]);
    expect(directories.problems).toEqual([]);
    expect(directories.connectors.map(isDirectory)).toEqual([true, true, true, false]);
    const { problems } = checkConnectors([
      { name: 'lms', title: 'LMS', type: 'dynamodb', table: 't', match: { attribute: 'email', subjectField: 'email' }, directory: { attribute: 'id' } , art15: ART15 },
      { name: 'files', title: 'Files', type: 's3', bucket: 'b', prefix: 'x/{userId}/', directory: true , art15: ART15 },
      { name: 'alumni', title: 'Alumni', type: 'http', url: 'https://a.example/dsr', secretName: 's', directory: 'yes' , art15: ART15 },
    ]);
    expect(problems).toEqual([
      'connector lms: directory needs attribute (holding the user id: the table\'s key, or through index) and email, and may name language',
      'connector files: directory: an S3 prefix cannot be a directory of people',
      'connector alumni: directory is true or false (whether the system answers resolve)',
    ]);
  });

  it('refuses the name whose page would be the archive’s index.html', () => {
    const { problems } = checkConnectors([{ name: 'index', title: 'Index', type: 's3', bucket: 'b', prefix: 'x/{userId}/', art15: ART15 }]);
    expect(problems).toEqual(["connector index: name is taken: the archive's index.html sits beside each system's page, named after the system"]);
  });

  it('names the connector and field of every problem', () => {
    const { problems } = checkConnectors([
      { name: 'Bad Name', title: 'x', type: 'dynamodb', table: 't', match: {} , art15: ART15 },
      { name: 'files', type: 's3', bucket: 'b', prefix: 'everything/' , art15: ART15 },
      { name: 'files', title: 'Again', type: 'ftp' , art15: ART15 },
      { name: 'video', title: 'V', type: 'http', url: 'ftp://x', secretName: '', timeoutSeconds: 600 , art15: ART15 },
    ]);
    expect(problems).toEqual([
      'connector Bad Name: name must be lowercase letters, digits and dashes, starting with a letter',
      'connector Bad Name: match needs attribute and subjectField',
      'connector files: title is required (what the learner reads)',
      'connector files: prefix must name the person, e.g. "submissions/{userId}/"',
      'connector files: type must be dynamodb, s3, http or lambda',
      'connector files: name is used twice',
      'connector video: url must be an http(s) URL',
      'connector video: secretName (a Secrets Manager secret) is required',
      'connector video: timeoutSeconds must be 1–60',
    ]);
  });
});
