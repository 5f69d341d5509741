import { CliError, RefusedError, UsageError } from './errors.js';
import { printable } from './format/printable.js';

const REASONS: Record<number, string> = {
  403: 'access denied; check DSR_ADMIN_TOKEN, or the AWS credentials and region used to sign',
  404: 'not found',
  409: 'refused',
  413: 'the request is too large',
  429: 'too many requests; try again later',
};

/**
 * The error for an answer that is not a success: a 400 is the operator's input (exit 2, with
 * the field the service names); everything else is the service refusing or failing (exit 1).
 */
export function errorFromAnswer(status: number, body: string): CliError {
  const { message, field } = readProblem(body);
  if (status === 400) return new UsageError(`the service rejected the input: ${message}${field ? ` (field: ${field})` : ''}`);
  const reason = REASONS[status] ?? (status >= 500 ? 'the service failed' : 'unexpected answer');
  return new RefusedError(`${reason} (HTTP ${status}): ${message}`, status);
}

/** `{message, field?}` when the body is the API's JSON, else a short line of whatever it is. */
function readProblem(body: string): { message: string; field?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      const { message, field } = parsed as { message: string; field?: unknown };
      return { message: oneLine(message), field: typeof field === 'string' ? oneLine(field) : undefined };
    }
  } catch {
    // Not JSON: a proxy's page or plain text, shown shortened below.
  }
  return { message: oneLine(body) || '(empty answer)' };
}

const oneLine = (text: string): string => {
  const line = printable(text.replace(/\s+/g, ' ').trim());
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
};
