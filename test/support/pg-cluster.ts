import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
export { freePort } from './free-port';
import { freePort } from './free-port';


function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * A throwaway PostgreSQL cluster (initdb into a temp dir, a free port, run as the postgres user)
 * that a test may stop and kill. The machine's shared server is never touched.
 */
export class PgCluster {
  readonly dir: string;
  port = 0;
  private readonly bin: string;

  private constructor(bin: string) {
    this.bin = bin;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-pg-'));
  }

  static available(): string | undefined {
    if (!pgBinDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql';
    if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) return 'no postgres user to run initdb as';
    return undefined;
  }

  static async create(): Promise<PgCluster> {
    const bin = pgBinDir();
    if (!bin) throw new Error('PostgreSQL binaries not found');
    const cluster = new PgCluster(bin);
    cluster.port = await freePort();
    fs.chmodSync(cluster.dir, 0o777);
    cluster.asPostgres(path.join(bin, 'initdb'), ['-D', cluster.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    fs.appendFileSync(
      path.join(cluster.data, 'postgresql.conf'),
      `\nport = ${cluster.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${cluster.dir}'\nfsync = off\nmax_connections = 100\n`,
    );
    cluster.start();
    return cluster;
  }

  get data(): string {
    return path.join(this.dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private asPostgres(cmd: string, args: string[]): string {
    const asRoot = process.getuid?.() === 0;
    const file = asRoot ? 'runuser' : cmd;
    const argv = asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args;
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  start(): void {
    this.asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-l', path.join(this.dir, 'log'), '-w', '-t', '30', 'start']);
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', mode, '-w', '-t', '30', 'stop']);
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
