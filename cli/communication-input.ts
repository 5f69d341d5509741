import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MAX_RECIPIENTS_BYTES } from '../functions/shared/communication.js';
import type { CommunicationTexts } from './api-types.js';
import type { OptionValues } from './args.js';
import { UsageError } from './errors.js';
import { shorten } from './validate.js';

/** The message file holds a subject and a body per language; far less than this. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

const MESSAGE_SHAPE = '{"fr": {"subject": "…", "body": "…"}, "en": {…}}';

/** What `dsr breaches communicate` asks the service for, its files read and checked. */
export type CommunicationAsk = { kind: 'resume' } | { kind: 'ask'; recipients: Uint8Array; texts: CommunicationTexts };

/**
 * Reads `--recipients FILE.csv --message FILE.json`, or `--resume` alone, before any call:
 * the CSV is kept as is (the service reads it), the message checked for its shape only (the
 * service checks the languages it offers and the lengths). Relative names are read from `cwd`.
 *
 * @example await communicationAsk({ recipients: 'people.csv', message: 'message.json' }, process.cwd())
 */
export async function communicationAsk(options: OptionValues, cwd: string): Promise<CommunicationAsk> {
  const given = (['recipients', 'message'] as const).filter((option) => options[option] !== undefined);
  if (options.resume) {
    if (given.length) throw new UsageError(`--resume goes alone, without --${given.join(' or --')}: the sending resumed keeps its addresses and message`);
    return { kind: 'resume' };
  }
  if (!given.length) throw new UsageError('give --recipients FILE.csv and --message FILE.json, or --resume to restart an interrupted sending');
  if (options.recipients === undefined) throw new UsageError('--recipients FILE.csv is required with --message: the addresses to write to');
  if (options.message === undefined) throw new UsageError('--message FILE.json is required with --recipients: the text to send, in each language');
  return { kind: 'ask', recipients: await recipientsFile(options.recipients, cwd), texts: await messageFile(options.message, cwd) };
}

/** The CSV of addresses or user ids, as is: a file, not empty, with at least one line besides the header, at most 20 MiB. */
async function recipientsFile(value: string | boolean, cwd: string): Promise<Uint8Array> {
  const name = fileName('recipients', value);
  const bytes = await readSmallFile('recipients', name, cwd, MAX_RECIPIENTS_BYTES);
  // The same reading as the service's: a BOM, blank lines and an `email,…` or `userId,…` header are nobody.
  const lines = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim());
  const people = /^"?\s*(email|userid)\s*"?\s*(,|$)/i.test(lines[0]?.trim() ?? '') ? lines.slice(1) : lines;
  if (!bytes.length) throw new UsageError(`--recipients ${name} is empty`);
  if (!people.length) throw new UsageError(`--recipients ${name} holds no address or user id, only a header or blank lines`);
  return bytes;
}

/** `{ <language>: { subject, body } }`: JSON, an object of objects with a string subject and body each. */
async function messageFile(value: string | boolean, cwd: string): Promise<CommunicationTexts> {
  const name = fileName('message', value);
  const bytes = await readSmallFile('message', name, cwd, MAX_MESSAGE_BYTES);
  const where = `--message ${name}`;
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    parsed = JSON.parse(text);
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message.replace(/\s+/g, ' ').slice(0, 120) : 'not UTF-8 text';
    throw new UsageError(`${where} is not valid JSON (${why})`);
  }
  if (!isObject(parsed) || !Object.keys(parsed).length) throw new UsageError(`${where} must hold one entry per language, such as ${MESSAGE_SHAPE}`);
  for (const [language, text] of Object.entries(parsed)) {
    const at = shorten(language);
    if (!isObject(text)) throw new UsageError(`${where}: "${at}" must be an object with a "subject" and a "body", such as ${MESSAGE_SHAPE}`);
    for (const field of ['subject', 'body']) {
      if (typeof text[field] !== 'string') throw new UsageError(`${where}: ${at}.${field} ${text[field] === undefined ? 'is missing' : 'must be a string'}`);
    }
  }
  return parsed as CommunicationTexts;
}

function fileName(option: string, value: string | boolean): string {
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${option} needs a file name`);
  return value;
}

/** The file's bytes; a missing, unreadable, special or too large file is the operator's to fix (exit 2). */
async function readSmallFile(option: string, name: string, cwd: string, max: number): Promise<Uint8Array> {
  const cannot = (why: string) => new UsageError(`cannot read --${option} ${name} (${why})`);
  let handle;
  try {
    handle = await open(resolve(cwd, name), 'r');
  } catch (error) {
    throw cannot((error as NodeJS.ErrnoException).code ?? 'unknown error');
  }
  try {
    // Size from the open file, so the check and the read are of the same file.
    const info = await handle.stat();
    if (!info.isFile()) throw cannot('not a regular file');
    const tooLarge = (size: number) => new UsageError(`--${option} ${name} is ${size} bytes; at most ${max} (${mebibytes(max)})`);
    if (info.size > max) throw tooLarge(info.size);
    const bytes = await handle.readFile();
    if (bytes.length > max) throw tooLarge(bytes.length);
    return bytes;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw cannot((error as NodeJS.ErrnoException).code ?? 'unknown error');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const mebibytes = (bytes: number): string => `${bytes / 1024 / 1024} MiB`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
