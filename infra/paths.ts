import { join } from 'node:path';

/** The repository root, from which infra/functions.ts and the ASL paths are given. */
export const ROOT = join(import.meta.dirname, '..');
