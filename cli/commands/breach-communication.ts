import { communicationAsk } from '../communication-input.js';
import { jsonText, type CommandContext } from '../context.js';
import { putPresigned } from '../presigned-upload.js';
import * as valid from '../validate.js';

/**
 * `dsr breaches communicate ID --recipients FILE.csv --message FILE.json`: uploads the
 * addresses where the service says, then asks for the communication (Art. 34), which the DPO
 * approves by email before anything is sent. `--resume` restarts an interrupted sending.
 */
export async function communicateBreach({ args, options, stdout, cwd, connect }: CommandContext): Promise<void> {
  const id = valid.breachId(args[0]);
  const ask = await communicationAsk(options, cwd ?? process.cwd());
  const client = await connect();

  if (ask.kind === 'resume') {
    const answer = await client.resumeCommunication(id);
    const resumes = answer.breach.communication?.resumes;
    stdout.write(
      options.json ? jsonText(answer) : `Breach ${id}: sending resumed${typeof resumes === 'number' ? ` (resume ${resumes})` : ''}; only the addresses still pending are written to.\n`,
    );
    return;
  }

  const upload = await client.recipientsUpload(id);
  await putPresigned(upload.url, { bytes: ask.recipients, contentType: 'text/csv', what: 'the addresses' });
  const answer = await client.askCommunication(id, upload.key, ask.texts);
  // The service counts the addresses when it reads them, after this answer; a count, if any, is shown.
  const recipients = answer.breach.communication?.recipients;
  const addresses = typeof recipients === 'number' ? `${recipients} address${recipients === 1 ? '' : 'es'}` : 'the addresses';
  stdout.write(
    options.json
      ? jsonText(answer)
      : `Breach ${id}: the message and ${addresses} are with the service; the DPO will get an email to approve it (nothing is sent before).\nFollow it with: dsr breaches show ${id}\n`,
  );
}
