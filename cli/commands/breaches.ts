import { newBreach, newNotification } from '../breach-input.js';
import { jsonText, type CommandContext } from '../context.js';
import { deadlineText } from '../format/breach-deadline.js';
import { breachTable, sortBreaches } from '../format/breach-list.js';
import { breachPage } from '../format/breach-page.js';
import { printable } from '../format/printable.js';
import * as valid from '../validate.js';

/** `dsr breaches open --aware-at ISO --summary TEXT --risk R ...`: the id alone on the first line, for scripts; the deadline on the second. */
export async function openBreach({ options, stdout, connect }: CommandContext): Promise<void> {
  const facts = newBreach(options);
  const answer = await (await connect()).openBreach(facts);
  stdout.write(options.json ? jsonText(answer) : `${printable(answer.breach.breachId)}\nDeadline: ${printable(deadlineText(answer.breach))}\n`);
}

/** `dsr breaches list`: every breach, newest awareness first. */
export async function listBreaches({ options, stdout, connect }: CommandContext): Promise<void> {
  const breaches = sortBreaches(await (await connect()).listBreaches());
  stdout.write(options.json ? jsonText(breaches) : breachTable(breaches));
}

/** `dsr breaches show ID`. */
export async function showBreach({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.breachId(args[0]);
  const detail = await (await connect()).getBreach(id);
  stdout.write(options.json ? jsonText(detail) : breachPage(detail));
}

/** `dsr breaches notify ID --phase initial|follow-up --reference REF [--at ISO] [--delay-reason TEXT]`. */
export async function notifyBreach({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.breachId(args[0]);
  const notification = newNotification(options);
  const answer = await (await connect()).notifyBreach(id, notification);
  stdout.write(
    options.json
      ? jsonText(answer)
      : `Breach ${id}: ${notification.phase} notification recorded (reference ${printable(notification.reference)}); state ${printable(String(answer.breach.state))}.\n`,
  );
}

/** `dsr breaches no-notification ID --reason TEXT`: the decision that the authority need not be notified. */
export async function decideNoNotification({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.breachId(args[0]);
  const reason = valid.reason(options.reason);
  const answer = await (await connect()).decideNoNotification(id, reason);
  stdout.write(options.json ? jsonText(answer) : `Breach ${id}: recorded that no notification is due; state ${printable(String(answer.breach.state))}.\n`);
}

/** `dsr breaches form-link`: the DPO gets, by email, a link to the page that records a breach. */
export async function emailFormLink({ options, stdout, connect }: CommandContext): Promise<void> {
  const answer = await (await connect()).emailFormLink();
  stdout.write(options.json ? jsonText(answer) : `A link to record a breach was emailed to ${printable(String(answer.sentTo))}; it works until ${printable(String(answer.expiresAt))}.\n`);
}

/** `dsr breaches draft ID`: the text exactly as the service drafted it, to paste into the authority's form. */
export async function draftNotification({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.breachId(args[0]);
  const draft = await (await connect()).draftNotification(id);
  stdout.write(options.json ? jsonText(draft) : draft.text);
}
