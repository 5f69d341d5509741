import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from './context.js';
import { RefusedError } from './errors.js';

/**
 * An export's text to stdout, or to `output` (relative to `cwd`) with the row count on stderr.
 *
 * @example await deliver(context, csvText, rows.length, 'register.csv');
 */
export async function deliver({ stdout, stderr, cwd }: Pick<CommandContext, 'stdout' | 'stderr' | 'cwd'>, text: string, rows: number, output: string | undefined): Promise<void> {
  if (output === undefined) {
    stdout.write(text);
    return;
  }
  const file = resolve(cwd ?? process.cwd(), output);
  try {
    // Owner-only: registers are personal data. The mode applies when the file is created.
    await writeFile(file, text, { mode: 0o600 });
  } catch (error) {
    throw new RefusedError(`cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, undefined, { cause: error });
  }
  stderr.write(`Wrote ${rows} row${rows === 1 ? '' : 's'} to ${output}.\n`);
}
