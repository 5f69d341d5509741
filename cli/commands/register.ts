import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jsonText, type CommandContext } from '../context.js';
import { RefusedError } from '../errors.js';
import { registerCsv, registerRows } from '../format/register.js';
import * as valid from '../validate.js';

/** `dsr register export`: every request, oldest received first, as CSV or JSON, to stdout or a file. */
export async function exportRegister({ options, stdout, stderr, cwd, connect }: CommandContext): Promise<void> {
  const format = valid.format(options.format);
  const output = valid.outputFile(options.output);
  const withAddresses = options['with-addresses'] === true;

  const rows = registerRows(await (await connect()).listRequests({ addresses: withAddresses }), withAddresses);
  const text = format === 'csv' ? registerCsv(rows, withAddresses) : jsonText(rows);
  if (output === undefined) {
    stdout.write(text);
    return;
  }
  const file = resolve(cwd ?? process.cwd(), output);
  try {
    // Owner-only: the register is personal data (more so with addresses). The mode applies when the file is created.
    await writeFile(file, text, { mode: 0o600 });
  } catch (error) {
    throw new RefusedError(`cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, undefined, { cause: error });
  }
  stderr.write(`Wrote ${rows.length} row${rows.length === 1 ? '' : 's'} to ${output}.\n`);
}
