import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the dsr executable', () => {
  it('runs from bin/dsr.mjs and exits 0 on --help', async () => {
    // Act: rejects on a non-zero exit code.
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/dsr.mjs', '--help'], { cwd: ROOT });

    // Assess
    expect(stdout).toContain('Exit codes:');
  });

  it('exits 2 on bad usage, with one line on stderr', async () => {
    const error = await promisify(execFile)(process.execPath, ['bin/dsr.mjs', 'requests', 'frobnicate'], { cwd: ROOT }).catch((failure: { code: number; stderr: string }) => failure);

    expect(error).toMatchObject({ code: 2, stderr: 'dsr: unknown command "dsr requests frobnicate"; "dsr requests" takes list, show, extend, retry, cancel\n' });
  });
});
