import type { Art15Declaration } from '../connectors/art15.js';
import { ConfigError } from './errors.js';

/**
 * What each data system declares for the learner's copy (Art. 15), by system name:
 * checked at synth (functions/connectors/art15.ts), written by the stack into the bundles
 * that import this module only (esbuild `define` replaces the very expression below), set
 * as `DSR_DECLARATIONS` by the twin and tests.
 *
 * @example systemDeclarations()['video-platform']?.recipients // [{ name: {…}, country: 'US', safeguard: 'scc' }]
 */
export function systemDeclarations(env: NodeJS.ProcessEnv = process.env): Record<string, Art15Declaration> {
  const value = env.DSR_DECLARATIONS || process.env.DSR_DECLARATIONS;
  try {
    return value ? (JSON.parse(value) as Record<string, Art15Declaration>) : {};
  } catch (cause) {
    throw new ConfigError('DSR_DECLARATIONS is not valid JSON', { cause });
  }
}
