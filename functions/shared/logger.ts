import { Logger } from '@aws-lambda-powertools/logger';

/** Fields that hold personal data; their values never reach a log line. */
const PERSONAL_FIELDS = new Set(['email', 'details', 'reason', 'to', 'destination', 'subject', 'body', 'token', 'taskToken']);
const EMAIL_ADDRESS = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g;

/** Redacts personal fields and any email address that slips into a message or error. */
export function redact(key: string, value: unknown): unknown {
  if (PERSONAL_FIELDS.has(key) && value !== undefined) return '[redacted]';
  if (typeof value === 'string') return value.replace(EMAIL_ADDRESS, '[email]');
  return value;
}

export const logger = new Logger({ serviceName: 'dsr-workflow', jsonReplacerFn: redact });
