import { NeuralOpsError } from './errors.js';
import type {
  AckSignal,
  AdhocProbe,
  AdhocResult,
  ApiKey,
  BatchResult,
  CreateApiKey,
  CreatedApiKey,
  CreateProbe,
  CreateRun,
  CreateSilence,
  CurrentKey,
  EmbeddingRetry,
  EmbeddingsRetry,
  Health,
  ListRunsQuery,
  ListSignalsQuery,
  ListSilencesQuery,
  ListWorkflowsQuery,
  NotifyRun,
  Probe,
  ProbeDetail,
  RegisterWorkflow,
  Run,
  RunNowResult,
  RunRef,
  RunPage,
  SearchRuns,
  Signal,
  SignalDetail,
  SignalFeedbackBody,
  SignalPage,
  SignalRuns,
  SignalSeries,
  Silence,
  SilenceList,
  DetectorList,
  SimilarQuery,
  SimilarRuns,
  SnoozeSignal,
  StatsWindow,
  UpdateProbe,
  UpdateWorkflow,
  Workflow,
  WorkflowInsights,
  WorkflowMetrics,
  WorkflowMetricsQuery,
  WorkflowPage,
  WorkflowRunsQuery,
  WorkflowStats,
} from './types.js';

/**
 * Every route the client calls, keyed by method name, in the OpenAPI document's spelling. The
 * methods below go through this table, and a test compares it with /docs-json in both directions.
 */
export const CLIENT_ROUTES = {
  health: 'GET /health',
  createApiKey: 'POST /api-keys',
  listApiKeys: 'GET /api-keys',
  revokeApiKey: 'DELETE /api-keys/{id}',
  currentKey: 'GET /auth/me',
  recordRun: 'POST /runs',
  logRun: 'POST /langgraph/hooks/log_run',
  recordRuns: 'POST /runs/batch',
  listRuns: 'GET /runs',
  getRun: 'GET /runs/{id}',
  similarRuns: 'GET /runs/{id}/similar',
  searchRuns: 'POST /runs/search',
  retryRunEmbedding: 'POST /runs/{id}/embedding/retry',
  retryEmbeddings: 'POST /embeddings/retry',
  registerWorkflow: 'POST /workflows',
  listWorkflows: 'GET /workflows',
  getWorkflow: 'GET /workflows/{id}',
  updateWorkflow: 'PATCH /workflows/{id}',
  archiveWorkflow: 'DELETE /workflows/{id}',
  listWorkflowRuns: 'GET /workflows/{id}/runs',
  latestWorkflowRun: 'GET /workflows/{id}/runs/latest',
  notifyWorkflowRun: 'POST /workflows/{id}/runs/notify',
  workflowStats: 'GET /workflows/{id}/stats',
  workflowMetrics: 'GET /workflows/{id}/metrics',
  getWorkflowInsights: 'GET /workflows/{id}/insights',
  createProbe: 'POST /probes',
  listProbes: 'GET /probes',
  getProbe: 'GET /probes/{id}',
  updateProbe: 'PATCH /probes/{id}',
  deleteProbe: 'DELETE /probes/{id}',
  runProbe: 'POST /probes/{id}/run',
  resetProbeTuning: 'POST /probes/{id}/tuning/reset',
  probe: 'POST /probe',
  listDetectors: 'GET /detectors',
  listSignals: 'GET /signals',
  getSignal: 'GET /signals/{id}',
  signalRuns: 'GET /signals/{id}/runs',
  signalSeries: 'GET /signals/{id}/series',
  acknowledgeSignal: 'POST /signals/{id}/ack',
  snoozeSignal: 'POST /signals/{id}/snooze',
  signalFeedback: 'POST /signals/{id}/feedback',
  createSilence: 'POST /silences',
  listSilences: 'GET /silences',
  getSilence: 'GET /silences/{id}',
  expireSilence: 'DELETE /silences/{id}',
} as const;

export type ClientOperation = keyof typeof CLIENT_ROUTES;

export interface NeuralOpsClientOptions {
  /** e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** sent as X-API-Key */
  apiKey?: string;
  /** per request; default 10 s */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** a fetch implementation; default the global fetch (Node 18+, browsers) */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | boolean | undefined>;

interface CallOptions {
  params?: Record<string, string>;
  query?: object;
  body?: unknown;
  /** statuses answered with their body instead of an error */
  accept?: number[];
  headers?: Record<string, string>;
}

/** `{ return: 'minimal' }` asks a run write to answer only the run's reference (`Prefer: return=minimal`). */
export interface RunWriteOptions {
  return?: 'minimal' | 'representation';
}

function preferHeader(options?: RunWriteOptions): Record<string, string> | undefined {
  return options?.return === 'minimal' ? { Prefer: 'return=minimal' } : undefined;
}

/** A small typed client for the NeuralOps API: one method per route, errors thrown as NeuralOpsError. */
export class NeuralOpsClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: NeuralOpsClientOptions) {
    if (!options?.baseUrl) throw new TypeError('NeuralOpsClient needs a baseUrl');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const impl = options.fetch ?? globalThis.fetch;
    if (typeof impl !== 'function') throw new TypeError('NeuralOpsClient needs a global fetch (Node 18+, browsers) or options.fetch');
    // called on its own, not as this client's method: a browser's fetch refuses any other `this`
    this.fetchImpl = (input, init) => impl(input, init);
  }

  health(): Promise<Health> {
    return this.call('health', { accept: [503] });
  }

  createApiKey(body: CreateApiKey): Promise<CreatedApiKey> {
    return this.call('createApiKey', { body });
  }
  listApiKeys(): Promise<{ items: ApiKey[] }> {
    return this.call('listApiKeys', {});
  }
  async revokeApiKey(id: string): Promise<void> {
    await this.call('revokeApiKey', { params: { id } });
  }
  /** The key this client uses: id, name, role and prefix (any role may ask). */
  currentKey(): Promise<CurrentKey> {
    return this.call('currentKey', {});
  }

  /**
   * Idempotent on wpk_id + run_id: a second call merges into the stored run. Answers the stored
   * run, or with `{ return: 'minimal' }` only its reference (less to send back for a logger).
   */
  recordRun(run: CreateRun): Promise<Run>;
  recordRun(run: CreateRun, options: { return: 'minimal' }): Promise<RunRef>;
  recordRun(run: CreateRun, options?: RunWriteOptions): Promise<Run | RunRef>;
  recordRun(run: CreateRun, options?: RunWriteOptions): Promise<Run | RunRef> {
    return this.call('recordRun', { body: run, headers: preferHeader(options) });
  }
  /** The seed's hook path; same body and answer as recordRun. */
  logRun(run: CreateRun): Promise<Run> {
    return this.call('logRun', { body: run });
  }
  recordRuns(runs: CreateRun[]): Promise<BatchResult> {
    return this.call('recordRuns', { body: { runs } });
  }
  listRuns(query: ListRunsQuery = {}): Promise<RunPage> {
    return this.call('listRuns', { query });
  }
  getRun(id: string): Promise<Run> {
    return this.call('getRun', { params: { id } });
  }
  /** 409 EMBEDDING_PENDING until the embedding worker has seen the run. */
  similarRuns(id: string, query: SimilarQuery = {}): Promise<SimilarRuns> {
    return this.call('similarRuns', { params: { id }, query });
  }
  searchRuns(body: SearchRuns): Promise<SimilarRuns> {
    return this.call('searchRuns', { body });
  }
  /** Admin: queue again a run whose embedding failed. */
  retryRunEmbedding(id: string): Promise<EmbeddingRetry> {
    return this.call('retryRunEmbedding', { params: { id } });
  }
  /** Admin: queue again every run whose embedding failed. */
  retryEmbeddings(): Promise<EmbeddingsRetry> {
    return this.call('retryEmbeddings', {});
  }

  registerWorkflow(body: RegisterWorkflow): Promise<Workflow> {
    return this.call('registerWorkflow', { body });
  }
  listWorkflows(query: ListWorkflowsQuery = {}): Promise<WorkflowPage> {
    return this.call('listWorkflows', { query });
  }
  getWorkflow(id: string): Promise<Workflow> {
    return this.call('getWorkflow', { params: { id } });
  }
  updateWorkflow(id: string, body: UpdateWorkflow): Promise<Workflow> {
    return this.call('updateWorkflow', { params: { id }, body });
  }
  archiveWorkflow(id: string): Promise<Workflow> {
    return this.call('archiveWorkflow', { params: { id } });
  }
  listWorkflowRuns(id: string, query: WorkflowRunsQuery = {}): Promise<RunPage> {
    return this.call('listWorkflowRuns', { params: { id }, query });
  }
  latestWorkflowRun(id: string): Promise<Run> {
    return this.call('latestWorkflowRun', { params: { id } });
  }
  notifyWorkflowRun(id: string, body: NotifyRun): Promise<Run> {
    return this.call('notifyWorkflowRun', { params: { id }, body });
  }
  workflowStats(id: string, window?: StatsWindow): Promise<WorkflowStats> {
    return this.call('workflowStats', { params: { id }, query: { window } });
  }
  /** Runs per bucket by status, failure ratio and p50/p95 duration; every bucket of the range is listed. */
  workflowMetrics(id: string, query: WorkflowMetricsQuery = {}): Promise<WorkflowMetrics> {
    return this.call('workflowMetrics', { params: { id }, query });
  }
  /**
   * Slowest and failing nodes, failed runs grouped by similarity and regressions (in words) over a
   * window (default 24h), each against the window of the same length before it.
   */
  getWorkflowInsights(id: string, window?: StatsWindow): Promise<WorkflowInsights> {
    return this.call('getWorkflowInsights', { params: { id }, query: { window } });
  }

  createProbe(body: CreateProbe): Promise<Probe> {
    return this.call('createProbe', { body });
  }
  listProbes(): Promise<{ items: Probe[] }> {
    return this.call('listProbes', {});
  }
  getProbe(id: string): Promise<ProbeDetail> {
    return this.call('getProbe', { params: { id } });
  }
  updateProbe(id: string, body: UpdateProbe): Promise<Probe> {
    return this.call('updateProbe', { params: { id }, body });
  }
  async deleteProbe(id: string): Promise<void> {
    await this.call('deleteProbe', { params: { id } });
  }
  /** Runs a stored probe now and answers with the probe run (points scored, signals changed). */
  runProbe(id: string): Promise<RunNowResult> {
    return this.call('runProbe', { params: { id } });
  }
  /** Undoes what feedback did to the probe's effective threshold (admin). */
  resetProbeTuning(id: string): Promise<Probe> {
    return this.call('resetProbeTuning', { params: { id } });
  }
  /** An ad-hoc analysis (POST /probe); `store: true` records its signals. */
  probe(body: AdhocProbe): Promise<AdhocResult> {
    return this.call('probe', { body });
  }
  /** The detectors a probe can use, each sensitivity level's threshold and how often it alerted on healthy series. */
  listDetectors(): Promise<DetectorList> {
    return this.call('listDetectors', {});
  }

  listSignals(query: ListSignalsQuery = {}): Promise<SignalPage> {
    return this.call('listSignals', { query });
  }
  /** One signal, with its deliveries per channel. */
  getSignal(id: string): Promise<SignalDetail> {
    return this.call('getSignal', { params: { id } });
  }
  /** The runs around a signal, failed first. */
  signalRuns(id: string, query: { limit?: number } = {}): Promise<SignalRuns> {
    return this.call('signalRuns', { params: { id }, query });
  }
  /**
   * The series around a signal's episode, fetched again and re-scored with its probe's current
   * spec; 409 SERIES_UNAVAILABLE for a signal of POST /probe or of a deleted probe.
   */
  signalSeries(id: string): Promise<SignalSeries> {
    return this.call('signalSeries', { params: { id } });
  }
  /** "Seen it": the alert keeps firing in Alertmanager, annotated acknowledged; the webhook hears it once (admin). */
  acknowledgeSignal(id: string, body: AckSignal = {}): Promise<Signal> {
    return this.call('acknowledgeSignal', { params: { id }, body });
  }
  /** "Not now": no webhook deliveries, and a silence on its labels, until `until` (admin). */
  snoozeSignal(id: string, body: SnoozeSignal): Promise<Signal> {
    return this.call('snoozeSignal', { params: { id }, body });
  }
  /** "Useful" or "noise" (one label per key); noise on a probe's signal raises its effective threshold a step (admin). */
  signalFeedback(id: string, body: SignalFeedbackBody): Promise<Signal> {
    return this.call('signalFeedback', { params: { id }, body });
  }

  /** A maintenance window: matching signals get no webhook deliveries; mirrored to Alertmanager (admin). */
  createSilence(body: CreateSilence): Promise<Silence> {
    return this.call('createSilence', { body });
  }
  listSilences(query: ListSilencesQuery = {}): Promise<SilenceList> {
    return this.call('listSilences', { query });
  }
  getSilence(id: string): Promise<Silence> {
    return this.call('getSilence', { params: { id } });
  }
  /** Ends a silence now (admin); a signal it held back and still firing is delivered once. */
  async expireSilence(id: string): Promise<void> {
    await this.call('expireSilence', { params: { id } });
  }

  private async call<T>(operation: ClientOperation, options: CallOptions): Promise<T> {
    const [method, template] = CLIENT_ROUTES[operation].split(' ') as [string, string];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = options.params?.[name];
      if (value === undefined || value === '') throw new TypeError(`${operation}: missing ${name}`);
      return encodeURIComponent(value);
    });
    return this.request<T>(method, path + queryString(options.query as Query | undefined), options.body, options.accept, options.headers);
  }

  private async request<T>(method: string, path: string, body: unknown, accept: number[] = [], extraHeaders?: Record<string, string>): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers, ...extraHeaders };
    if (this.options.apiKey) headers['X-API-Key'] = this.options.apiKey;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // AbortSignal.timeout rejects with a DOMException, not an Error on every Node version
      const name = (err as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new NeuralOpsError({
        status: 0,
        code: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
        message: timedOut ? `${method} ${path}: no answer within ${this.timeoutMs} ms` : `${method} ${path}: ${describe(err)}`,
        cause: err,
      });
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (response.ok || accept.includes(response.status)) return parsed as T;
    const envelope = (parsed ?? {}) as { error?: { code?: unknown; message?: unknown; details?: unknown }; request_id?: unknown };
    throw new NeuralOpsError({
      status: response.status,
      code: typeof envelope.error?.code === 'string' ? envelope.error.code : `HTTP_${response.status}`,
      message: typeof envelope.error?.message === 'string' ? envelope.error.message : `${method} ${path} answered ${response.status}`,
      details: envelope.error?.details,
      request_id: typeof envelope.request_id === 'string' ? envelope.request_id : (response.headers.get('x-request-id') ?? undefined),
    });
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
  }
  return String(err);
}
