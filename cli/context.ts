import type { AdminClient } from './admin-client.js';
import type { OptionValues } from './args.js';

/** Where output goes: process.stdout in use, a string collector in tests. */
export interface Writer {
  write(chunk: string): unknown;
}

/** What `run` gets from the process, so tests can call it without spawning one. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: Writer;
  stderr: Writer;
  /** Where a relative --output is resolved; the process's directory by default. */
  cwd?: string;
}

/** What a command gets: its arguments and options, and the client once its input is checked. */
export interface CommandContext extends CliIo {
  args: string[];
  options: OptionValues;
  /** The admin API client; commands call it only after validating their input, so no bad call is sent. */
  connect(): Promise<AdminClient>;
}

/** Pretty JSON with a final newline, for --json and the JSON register. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
