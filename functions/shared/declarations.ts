import { art15Schema, type Art15Declaration } from '../connectors/art15.js';
import type { Locale } from './rights.js';
import { deployedValue } from './deployment-lists.js';
import * as z from 'zod/mini';

/** Checked for their languages and purposes at synth: here, for their shape. */
const declarations = z.record(z.string(), art15Schema());

/**
 * What each data system declares for the learner's copy (Art. 15), by system name:
 * checked at synth (functions/connectors/art15.ts), written by the stack into the bundles
 * that import this module only (esbuild `define` replaces the very expression below), set
 * as `DSR_DECLARATIONS` by the twin and tests.
 *
 * @example systemDeclarations()['video-platform']?.recipients // [{ name: {…}, country: 'US', safeguard: 'scc' }]
 */
export function systemDeclarations(env: NodeJS.ProcessEnv = process.env): Record<string, Art15Declaration> {
  const raw = env.DSR_DECLARATIONS || process.env.DSR_DECLARATIONS;
  // Checked once per text, not at every invocation: fifty systems' declarations take about 2 ms to check.
  if (!read || read.raw !== raw) read = { raw, value: deployedValue('DSR_DECLARATIONS', raw, declarations, {}) };
  return read.value;
}
let read: { raw: string | undefined; value: Record<string, Art15Declaration> } | undefined;

/** A system's name as the learner reads it: the one it declares in their language (`art15.title`), else its `title`. `declarations`: `systemDeclarations()`, read once by the caller. */
export const learnerTitle = (system: { name: string; title: string }, locale: Locale, declarations: Record<string, Art15Declaration>): string =>
  declarations[system.name]?.title?.[locale] ?? system.title;
