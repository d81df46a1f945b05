/**
 * The bench's HTTP load generator: `connections` keep-alive connections, each sending its next
 * request when the previous answer has been read in full (closed loop), for `duration` seconds.
 * Every request is timed with process.hrtime from the write to the last byte of the answer, and
 * every latency is kept, so percentiles are real ones at microsecond resolution (autocannon
 * reports whole milliseconds and p97.5, not p95). Bodies come from `body()`, which callers fill
 * from rows prepared before the timer starts.
 */
import * as http from 'node:http';
import { percentile } from './stats';

export interface LoadResult {
  /** answers per second over the timed window */
  rps: number;
  /** latency percentiles in milliseconds, from every request's own timing */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** connection errors and timeouts */
  errors: number;
  non2xx: number;
  requests: number;
  /** the most requests that were in flight at once: the concurrency actually applied */
  maxInFlight: number;
  /** status and start of the first non-2xx answer, to say why a figure was refused */
  firstFailure?: string;
  /** what `onAnswer` summed over the 2xx answers (e.g. rows a batch stored) */
  counted: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** the next request's body; null ends the load early (every prepared body sent) */
  body?: () => string | null;
  path?: () => string;
  /** reads each 2xx answer's body; what it returns is summed into `counted` */
  onAnswer?: (status: number, body: string) => number;
  /** per-request timeout in ms (default 30 s); a timed-out request counts as an error */
  timeoutMs?: number;
}

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let counted = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let firstFailure: string | undefined;
  const headers = { 'content-type': 'application/json', ...opts.headers };
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(opts.duration * 1e9));

  const one = (body: string | undefined): Promise<void> =>
    new Promise((resolve) => {
      const pathname = opts.path?.() ?? (base.pathname + base.search || '/');
      const t0 = process.hrtime.bigint();
      inFlight++;
      if (inFlight > maxInFlight) maxInFlight = inFlight;
      const finish = (ok: boolean, status = 0, text = '') => {
        inFlight--;
        const t1 = process.hrtime.bigint();
        if (!ok) errors++;
        else if (status < 200 || status >= 300) {
          non2xx++;
          firstFailure ??= `${status} ${text.slice(0, 300)}`;
        } else {
          latencies.push(Number(t1 - t0) / 1e6);
          if (opts.onAnswer) counted += opts.onAnswer(status, text);
        }
        resolve();
      };
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: opts.method ?? 'GET',
          path: pathname,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: opts.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          const keep = opts.onAnswer !== undefined || (res.statusCode ?? 0) >= 300 || (res.statusCode ?? 0) < 200;
          res.on('data', (c: Buffer) => keep && chunks.push(c));
          res.on('end', () => finish(true, res.statusCode ?? 0, keep ? Buffer.concat(chunks).toString('utf8') : ''));
          res.on('error', () => finish(false));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => finish(false));
      req.end(body);
    });

  const worker = async () => {
    while (process.hrtime.bigint() < deadline) {
      const body = opts.body?.();
      if (body === null) return;
      await one(body);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors,
    non2xx,
    requests: latencies.length + non2xx + errors,
    maxInFlight,
    firstFailure,
    counted,
  };
}

/** Equal concurrency, or no figure: every side must have had `connections` requests in flight at once. */
export function assertConcurrency(what: string, sides: Record<string, number>, connections: number): void {
  const off = Object.entries(sides).filter(([, n]) => n !== connections);
  if (off.length) throw new Error(`${what}: unequal concurrency (${off.map(([k, n]) => `${k} reached ${n}`).join(', ')}; ${connections} asked); no figure is reported`);
}

/** A figure only counts when every request succeeded and the asked concurrency was applied. */
export function checked(res: LoadResult, what: string, connections?: number): LoadResult {
  if (res.non2xx + res.errors > 0) {
    throw new Error(`${what}: ${res.non2xx} non-2xx and ${res.errors} errors of ${res.requests}; no figure is reported${res.firstFailure ? ` (first: ${res.firstFailure})` : ''}`);
  }
  if (res.requests === 0) throw new Error(`${what}: no request completed; no figure is reported`);
  if (connections !== undefined) assertConcurrency(what, { load: res.maxInFlight }, connections);
  return res;
}
