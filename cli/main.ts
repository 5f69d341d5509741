/** The process entry of `dsr` (bin/dsr.mjs imports it): argv and the process's streams into `run`. */
import { run } from './run.js';

// `dsr register export | head` closes the pipe early: that ends the output, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));

process.exitCode = await run(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
