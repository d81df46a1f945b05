import { AppError } from './app-error';

const PG_UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|READONLY|CANTOPEN|IOERR|FULL|PERM|CORRUPT|NOTADB)/;
const MESSAGE_HINTS = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /Connection is not established/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /database is locked/i,
  /attempt to write a readonly database/i,
  /unable to open database/i,
  /The database connection is not open/i,
  // TypeORM, after the driver dropped the connection under a running transaction
  /Query runner already released/i,
  /connection provided by a query runner was already released/i,
];

function codeOf(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; driverError?: unknown };
  if (typeof e.code === 'string') return e.code;
  if (e.driverError) return codeOf(e.driverError);
  return undefined;
}

/** True when an error means "the database cannot be reached right now", not "this query is wrong". */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  if (code && (PG_UNAVAILABLE_CODES.has(code) || NET_CODES.has(code) || SQLITE_UNAVAILABLE.test(code))) return true;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return MESSAGE_HINTS.some((re) => re.test(message));
}

export function databaseUnavailable(cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly', { reason }, 1);
}
