import { Injectable } from '@nestjs/common';
import type { AxiosError, AxiosInstance } from 'axios';
import { AppError } from '../../../common/errors/app-error';
import { DependencyStatus } from '../../../common/health/health-indicators';
import { lazyAxios } from '../../../common/http/lazy-axios';
import { redactCredentials } from '../../../common/security/url-credentials';
import { AppConfig } from '../../../config/config';
import { QueryRange } from '../domain/range';
import { Series } from '../domain/series';

interface PromBody {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: Array<{ metric?: Record<string, string>; values?: Array<[number, string]> }> };
}

/** Prometheus error types that mean "the query is wrong", as opposed to "Prometheus cannot answer now". */
const QUERY_ERRORS = new Set(['bad_data', 'execution']);

/**
 * The Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`) through axios. Every failure
 * becomes an AppError carrying Prometheus's own message: PROBE_QUERY_INVALID when Prometheus
 * rejects the query, PROBE_SOURCE_UNREACHABLE when it cannot be asked (down, timeout, 5xx).
 */
@Injectable()
export class PrometheusSource {
  /** made on the first query */
  private readonly http: (() => AxiosInstance) | undefined;
  private readonly timeoutMs: number;
  /** PROM_URL as shown in messages and /health: a password in it is masked */
  readonly url: string | undefined;

  constructor(config: AppConfig) {
    const prom = config.insight.prometheus;
    this.url = prom ? redactCredentials(prom.url) : undefined;
    this.timeoutMs = config.insight.promTimeoutMs;
    if (!prom) return;
    this.http = lazyAxios({
      baseURL: prom.url,
      timeout: config.insight.promTimeoutMs,
      headers: prom.bearerToken ? { Authorization: `Bearer ${prom.bearerToken}` } : {},
      auth: prom.username ? { username: prom.username, password: prom.password ?? '' } : undefined,
      validateStatus: () => true,
      responseType: 'json',
      transitional: { clarifyTimeoutError: true },
    });
  }

  get configured(): boolean {
    return this.http !== undefined;
  }

  private client(): AxiosInstance {
    if (!this.http) throw new AppError('PROBE_SOURCE_UNREACHABLE', 'Prometheus is not configured (set PROM_URL)');
    return this.http();
  }

  private async post(path: string, form: Record<string, string>, signal?: AbortSignal): Promise<PromBody> {
    let status: number;
    let body: unknown;
    try {
      const res = await this.client().post(path, new URLSearchParams(form).toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        signal,
      });
      status = res.status;
      body = res.data;
    } catch (err) {
      throw this.unreachable(err);
    }
    const parsed = (body && typeof body === 'object' ? body : {}) as PromBody;
    if (parsed.status === 'error') {
      const message = `Prometheus: ${parsed.error ?? 'unknown error'}${parsed.errorType ? ` (${parsed.errorType})` : ''}`;
      if (parsed.errorType && QUERY_ERRORS.has(parsed.errorType)) throw new AppError('PROBE_QUERY_INVALID', message, { prometheus: parsed.error });
      throw new AppError('PROBE_SOURCE_UNREACHABLE', message, { prometheus: parsed.error }, 5);
    }
    if (status < 200 || status >= 300 || parsed.status !== 'success') {
      throw new AppError('PROBE_SOURCE_UNREACHABLE', `Prometheus at ${this.url} answered HTTP ${status} without a result`, undefined, 5);
    }
    return parsed;
  }

  private unreachable(err: unknown): AppError {
    const e = err as AxiosError;
    const timeout = e?.code === 'ETIMEDOUT' || e?.code === 'ECONNABORTED';
    const reason = timeout ? `did not answer within ${this.timeoutMs} ms` : redactCredentials(e?.message ?? String(err));
    return new AppError('PROBE_SOURCE_UNREACHABLE', `Prometheus at ${this.url} is unreachable: ${reason}`, undefined, 5);
  }

  /** Asks Prometheus to evaluate the query once, so a query it rejects is refused when a probe is saved. */
  async validate(query: string): Promise<void> {
    await this.post('/api/v1/query', { query });
  }

  async queryRange(query: string, range: QueryRange, signal?: AbortSignal): Promise<Series[]> {
    const body = await this.post(
      '/api/v1/query_range',
      { query, start: String(range.startMs / 1000), end: String(range.endMs / 1000), step: `${range.stepMs / 1000}s` },
      signal,
    );
    const data = body.data;
    if (data?.resultType !== 'matrix') {
      throw new AppError('PROBE_QUERY_INVALID', `Prometheus: the query must return a range vector (got ${data?.resultType ?? 'nothing'})`);
    }
    return (data.result ?? []).map((r) => ({
      metric: query,
      labels: { ...(r.metric ?? {}) },
      points: (r.values ?? []).map(([t, v]) => [Math.round(Number(t) * 1000), Number(v)] as [number, number]),
    }));
  }

  async health(): Promise<DependencyStatus> {
    if (!this.http) return { status: 'disabled', required: false, detail: 'PROM_URL is not set' };
    try {
      const res = await this.http().get('/-/ready', { responseType: 'text' });
      return res.status === 200 ? { status: 'up', required: false, url: this.url } : { status: 'down', required: false, url: this.url, detail: `HTTP ${res.status}` };
    } catch (err) {
      return { status: 'down', required: false, url: this.url, detail: this.unreachable(err).message };
    }
  }
}
