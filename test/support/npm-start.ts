import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../infra/local/emulators.js';

/** `npm start` in a process group of its own, on free ports, stopped with Ctrl-C (SIGINT) as a person would. */
export class NpmStart {
  base = '';
  mail = '';
  log = '';
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private running = false;

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(timeoutMs = 120_000): Promise<this> {
    const [port, mailPort] = [await freePort(), await freePort()];
    this.base = `http://127.0.0.1:${port}`;
    this.mail = `http://127.0.0.1:${mailPort}`;
    this.child = spawn('npm', ['start'], {
      env: { ...process.env, PORT: String(port), MAIL_PORT: String(mailPort), DSR_TWIN_DIR: `.twin-test-${port}`, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.running = true;
    this.exited = new Promise((resolve) => this.child!.once('exit', () => { this.running = false; resolve(); }));
    this.child.stdout!.on('data', (d) => (this.log += d));
    this.child.stderr!.on('data', (d) => (this.log += d));
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.running) throw new Error(`npm start exited:\n${this.log}`);
      const ready = await Promise.all([fetch(this.base + '/'), fetch(this.mail + '/store')]).then(([a, b]) => a.ok && b.ok, () => false);
      if (ready) return this;
      await sleep(300);
    }
    throw new Error(`npm start not ready:\n${this.log}`);
  }

  /** Sends Ctrl-C to the whole process group, as a terminal does, and waits for it to end. */
  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    process.kill(-this.child.pid!, 'SIGINT');
    const outcome = await Promise.race([this.exited!.then(() => 'stopped' as const), sleep(15_000).then(() => 'timeout' as const)]);
    if (outcome === 'timeout') {
      process.kill(-this.child.pid!, 'SIGKILL');
      throw new Error('npm start did not stop on Ctrl-C');
    }
  }
}
