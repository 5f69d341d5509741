/**
 * Errors of the command line. Each carries the exit code the operator's scripts see, so
 * `run` can turn any of them into one line on stderr and that code.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line was wrong, or the service rejected the input (HTTP 400): exit 2. */
export class UsageError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 2, options);
  }
}

/**
 * The service refused or failed, could not be reached, or there was nothing to sign with:
 * exit 1. `status` is the HTTP status when there was an answer.
 */
export class RefusedError extends CliError {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, 1, options);
  }
}
