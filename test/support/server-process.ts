import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import request from 'supertest';

const ROOT = path.join(__dirname, '..', '..');

/** `npm start` as a child process (through ts-node), with its output collected. */
export class ServerProcess {
  stdout = '';
  stderr = '';
  exitCode: number | null = null;
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(env: Record<string, string | undefined>) {
    this.child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), path.join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
  }

  /** Everything written, stdout then stderr. */
  get output(): string {
    return this.stdout + this.stderr;
  }

  /** stdout split into lines, each parsed as JSON (a line that is not JSON fails the parse). */
  jsonLines(): Array<Record<string, unknown>> {
    return this.stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** Waits for the process to exit by itself; kills it (and fails) after `timeoutMs`. */
  async exit(timeoutMs = 60_000): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once `GET /health` answers 200 at `base`; rejects when the process exits first. */
  async ready(base: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== null) throw new Error(`the server exited with ${this.exitCode}: ${this.output}`);
      const ok = await request(base).get('/health').then((r) => r.status === 200, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server did not become ready: ${this.output}`);
  }

  async stop(): Promise<void> {
    if (this.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exit(15_000);
  }
}
