import * as net from 'node:net';

/**
 * A loopback TCP proxy the test can cut and restore, to take a real database "down" for one app
 * without touching the shared server.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /** How long a new connection is held before it reaches the target: a busy server slow to start a backend. */
  connectDelayMs = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = this.port): Promise<number> {
    if (this.server) return this.port;
    const server = net.createServer((client) => {
      if (this.connectDelayMs > 0) {
        client.pause();
        this.sockets.add(client);
        const timer = setTimeout(() => this.pipe(client), this.connectDelayMs);
        client.on('close', () => clearTimeout(timer));
        client.on('error', () => client.destroy());
        return;
      }
      this.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  private pipe(client: net.Socket): void {
    if (client.destroyed) return;
    const upstream = net.connect(this.targetPort, this.targetHost);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.resume();
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** Resets the open connections and keeps accepting new ones, so a pool must connect again. */
  resetConnections(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Refuses new connections and resets the open ones, like a crashed server. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
