import { describe, expect, it } from 'vitest';
import { redact } from '../../../functions/shared/logger.js';

describe('log redaction', () => {
  it('hides personal fields whatever they hold', () => {
    expect(redact('email', 'ada@example.org')).toBe('[redacted]');
    expect(redact('reason', 'health data')).toBe('[redacted]');
    expect(redact('taskToken', 'AAAA')).toBe('[redacted]');
  });

  it('hides addresses inside any text', () => {
    expect(redact('message', 'could not send to ada.lovelace@example.org today')).toBe('could not send to [email] today');
  });

  it('keeps what is not personal', () => {
    expect(redact('requestId', '37ee16e2')).toBe('37ee16e2');
    expect(redact('count', 3)).toBe(3);
  });
});
