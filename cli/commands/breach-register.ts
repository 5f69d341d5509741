import { jsonText, type CommandContext } from '../context.js';
import { breachRegisterCsv, breachRegisterRows } from '../format/breach-register.js';
import { deliver } from '../output.js';
import * as valid from '../validate.js';

/** `dsr breaches export`: the register of breaches (Art. 33(5)), oldest awareness first, as CSV or JSON. */
export async function exportBreaches(context: CommandContext): Promise<void> {
  const { options, connect } = context;
  const format = valid.format(options.format);
  const output = valid.outputFile(options.output);

  const rows = breachRegisterRows(await (await connect()).listBreaches());
  await deliver(context, format === 'csv' ? breachRegisterCsv(rows) : jsonText(rows), rows.length, output);
}
