import { describe, expect, it } from 'vitest';
import { addressesOf, parseAffected } from '../../../functions/shared/communication.js';

const languages = ['en', 'fr'] as const;

describe('parseAffected', () => {
  it('reads addresses with or without a header, once each without case, in the language asked or the first offered', () => {
    expect(parseAffected('\uFEFFemail,language\r\nAda@One.example,fr\r\nada@one.example\r\n\r\ngrace@one.example\r\n', languages)).toEqual({
      kind: 'emails',
      recipients: [{ email: 'ada@one.example', locale: 'fr' }, { email: 'grace@one.example', locale: 'en' }],
      refusedLines: 0,
    });
    expect(parseAffected('alan@one.example\nnot an address\nalan@two.example,de\n', languages)).toEqual({ kind: 'emails', recipients: [{ email: 'alan@one.example', locale: 'en' }], refusedLines: 2 });
  });

  it('holds addresses to the form\'s rule, and mails an international domain in punycode, once', () => {
    const list = parseAffected(['ada@bücher.example', 'ada@xn--bcher-kva.example', 'a..da@one.example', 'ad\u200ba@one.example', 'ada@one..example'].join('\n'), languages);
    expect(list).toEqual({ kind: 'emails', recipients: [{ email: 'ada@xn--bcher-kva.example', locale: 'en' }], refusedLines: 3 });
  });

  it('reads user ids under a userId header, as written, refusing what no system could hold as an id', () => {
    const list = parseAffected(['userId,language', 'u-1001', '"u-1002",FR', 'U-1001', 'u-1001', 'two words', 'u-1003,de', `u-${'9'.repeat(200)}`].join('\n'), languages);
    expect(list).toEqual({ kind: 'userIds', userIds: [{ userId: 'u-1001' }, { userId: 'u-1002', language: 'fr' }, { userId: 'U-1001' }], refusedLines: 3 });
  });
});

describe('addressesOf', () => {
  const listed = [{ userId: 'a' }, { userId: 'b', language: 'fr' }, { userId: 'c' }, { userId: 'd' }, { userId: 'e' }];

  it('takes the first directory that knows an id, the list\'s language first, then the directory\'s when offered', () => {
    const first = [{ userId: 'a', email: 'Ada@One.example', language: 'fr-FR' }, { userId: 'b', email: 'bob@one.example', language: 'en' }, { userId: 'c', email: 'not an address' }];
    const second = [{ userId: 'a', email: 'ada@elsewhere.example' }, { userId: 'c', email: 'carol@two.example', language: 'de' }, { userId: 'd', email: 'ADA@one.example' }];
    expect(addressesOf(listed, [first, second], languages)).toEqual({
      recipients: [
        { email: 'ada@one.example', locale: 'fr' },
        { email: 'bob@one.example', locale: 'fr' },
        { email: 'carol@two.example', locale: 'en' },
      ],
      unresolved: 1, // e; d shares ada's address and gets no second email
    });
  });

  it('counts every id unresolved when no directory knows any', () => {
    expect(addressesOf(listed, [[], []], languages)).toEqual({ recipients: [], unresolved: 5 });
  });
});
