#!/usr/bin/env node
// `npx dsr`: the operator's command line (cli/main.ts), run from source through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
