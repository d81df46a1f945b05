import type { Server } from 'node:http';
import { INestApplication, LoggerService } from '@nestjs/common';
import { DrainState } from './drain';

export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * SIGTERM/SIGINT: stop accepting connections, refuse new requests on open ones, let in-flight
 * requests finish, then close the app (scheduler and workers stop, the database pool closes) and
 * exit 0 — or exit 1 if that has not happened within the deadline.
 */
export function installGracefulShutdown(app: INestApplication, logger: LoggerService, exit: (code: number) => void = process.exit): void {
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    const deadline = setTimeout(() => {
      logger.error(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting`, 'Shutdown');
      exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      logger.log(`${signal} received: draining`, 'Shutdown');
      const drain = app.get(DrainState);
      drain.draining = true;
      const server = app.getHttpServer() as Server;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await drain.idle(SHUTDOWN_DEADLINE_MS - 1000);
      server.closeIdleConnections();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 500))]);
      server.closeAllConnections();
      await app.close();
      logger.log('shutdown complete', 'Shutdown');
      clearTimeout(deadline);
      exit(0);
    } catch (err) {
      logger.error(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`, 'Shutdown');
      exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
