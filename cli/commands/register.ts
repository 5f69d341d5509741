import { jsonText, type CommandContext } from '../context.js';
import { registerCsv, registerRows } from '../format/register.js';
import { deliver } from '../output.js';
import * as valid from '../validate.js';

/** `dsr register export`: every request, oldest received first, as CSV or JSON, to stdout or a file. */
export async function exportRegister(context: CommandContext): Promise<void> {
  const { options, connect } = context;
  const format = valid.format(options.format);
  const output = valid.outputFile(options.output);
  const withAddresses = options['with-addresses'] === true;

  const rows = registerRows(await (await connect()).listRequests({ addresses: withAddresses }), withAddresses);
  await deliver(context, format === 'csv' ? registerCsv(rows, withAddresses) : jsonText(rows), rows.length, output);
}
