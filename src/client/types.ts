/**
 * Wire types of the NeuralOps HTTP API, written out by hand for the client (the client must not
 * import from src/modules, so it can ship alone). They mirror the DTOs in the OpenAPI document at
 * /docs-json; test/e2e/client-openapi.sqlite-only.e2e-spec.ts fails when a route drifts.
 */

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';
export type ApiKeyRole = 'ingest' | 'read' | 'admin';
export type JsonObject = Record<string, unknown>;

export interface NodeLog {
  node: string;
  step?: number;
  status?: string;
  started_at?: string;
  ended_at?: string;
  duration_ms?: number;
  error?: string | null;
  inputs?: unknown;
  outputs?: unknown;
  /** the enclosing subgraph nodes, outermost first, for nodes of subgraphs */
  path?: string[];
  checkpoint_ns?: string;
  thread_id?: string;
  metadata?: JsonObject;
}

export interface CreateRun {
  wpk_id: string;
  run_id: string;
  status: RunStatus;
  inputs?: JsonObject;
  outputs?: JsonObject;
  duration_ms?: number | null;
  node_logs?: NodeLog[];
  error?: string | null;
  tags?: string[];
  metadata?: JsonObject | null;
  started_at?: string | null;
  ended_at?: string | null;
  created_at?: string;
}

/** What a run write answers with `Prefer: return=minimal`: the stored status after the write. */
export interface RunRef {
  id: string;
  wpk_id: string;
  run_id: string;
  status: RunStatus;
}

export interface RunSummary {
  id: string;
  wpk_id: string;
  run_id: string;
  status: RunStatus;
  duration_ms: number | null;
  error: string | null;
  tags: string[];
  metadata: JsonObject | null;
  started_at: string | null;
  ended_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Run extends RunSummary {
  inputs: JsonObject | null;
  outputs: JsonObject | null;
  /** null when the run was recorded without node logs */
  node_logs: NodeLog[] | null;
}

export interface RunPage {
  items: RunSummary[];
  limit: number;
  next_cursor: string | null;
  page?: number;
  total?: number;
}

export interface ListRunsQuery {
  wpk_id?: string;
  run_id?: string;
  status?: RunStatus;
  since?: string;
  until?: string;
  tag?: string;
  limit?: number;
  cursor?: string;
  page?: number;
}

export interface BatchItemResult {
  index: number;
  result: 'created' | 'updated' | 'error';
  id?: string;
  error?: { code: string; message: string; details?: unknown };
}

export interface BatchResult {
  items: BatchItemResult[];
  created: number;
  updated: number;
  failed: number;
}

export interface SimilarRun {
  score: number;
  run: { id: string; wpk_id: string; run_id: string; status: RunStatus; error: string | null; created_at: string };
}

export interface SimilarRuns {
  items: SimilarRun[];
}

export interface SimilarQuery {
  k?: number;
  wpk_id?: string;
  status?: RunStatus;
  since?: string;
}

export interface SearchRuns extends SimilarQuery {
  query: string;
}

export interface RegisterWorkflow {
  id: string;
  name?: string;
  description?: string | null;
  version?: string | null;
  owner?: string | null;
  tags?: string[];
  metadata?: JsonObject | null;
}

export type UpdateWorkflow = Omit<RegisterWorkflow, 'id'>;

export interface Workflow {
  id: string;
  name: string;
  description: string | null;
  version: string | null;
  owner: string | null;
  tags: string[];
  metadata: JsonObject | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  last_run_id: string | null;
  last_status: RunStatus | null;
  last_run_at: string | null;
  last_duration_ms: number | null;
  last_error: string | null;
  runs_total: number;
  runs_failed: number;
}

export interface WorkflowPage {
  items: Workflow[];
  limit: number;
  next_cursor: string | null;
}

export interface ListWorkflowsQuery {
  owner?: string;
  tag?: string;
  last_status?: RunStatus;
  q?: string;
  include_archived?: boolean;
  limit?: number;
  cursor?: string;
}

export type WorkflowRunsQuery = Pick<ListRunsQuery, 'status' | 'since' | 'until' | 'limit' | 'cursor' | 'page'>;

export interface NotifyRun {
  run_id: string;
  status: RunStatus;
  duration_ms?: number | null;
  outputs?: JsonObject;
  error?: string | null;
  ended_at?: string | null;
}

export type StatsWindow = '1h' | '24h' | '7d' | '30d';

export interface WorkflowStats {
  window: StatsWindow;
  runs: number;
  failures: number;
  success_rate?: number | null;
  duration_ms: { p50: number | null; p95: number | null; max: number | null };
}

export type ProbeSource = 'prometheus' | 'runs';

/** How readily a probe alerts; medium is the detector's default threshold. */
export type Sensitivity = 'low' | 'medium' | 'high';

export interface ProbeSpec {
  source?: ProbeSource;
  detector?: string;
  detector_params?: JsonObject;
  /** Not with threshold. */
  sensitivity?: Sensitivity;
  /** In the detector's unit; not with sensitivity. */
  threshold?: number;
  lookback?: string;
  step?: string;
  cooldown_s?: number;
  min_consecutive?: number;
  wpk_id?: string | null;
}

export interface CreateProbe extends ProbeSpec {
  name: string;
  query: string;
  interval_s?: number;
  cron?: string | null;
  enabled?: boolean;
}

export type UpdateProbe = Partial<CreateProbe>;

export interface Probe {
  id: string;
  name: string;
  query: string;
  source: ProbeSource;
  detector: string;
  detector_params: JsonObject;
  /** null when a numeric threshold was given */
  sensitivity: Sensitivity | null;
  threshold: number;
  /** The threshold scores are judged against now, in the detector's unit. */
  effective_threshold: number;
  lookback: string;
  step: string;
  interval_s: number | null;
  cron: string | null;
  cooldown_s: number;
  min_consecutive: number;
  enabled: boolean;
  wpk_id: string | null;
  last_run_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  next_run_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProbeRun {
  id: string;
  started_at: string;
  finished_at: string;
  points_scored: number;
  signals: number;
  error: string | null;
}

export interface ProbeSeries {
  metric: string;
  series: string;
  labels: Record<string, string>;
  last_at: string;
  last_value: number;
  last_score: number;
  /** When the detector is (or was) first allowed to alert on this series. */
  warming_up_until: string | null;
}

export interface ProbeDetail extends Probe {
  recent_runs: ProbeRun[];
  series: ProbeSeries[];
}

export interface RunNowResult {
  run: ProbeRun;
  probe: Probe;
}

export interface AdhocProbe extends ProbeSpec {
  query: string;
  store?: boolean;
}

export interface Anomaly {
  metric: string;
  series: string;
  labels: Record<string, string>;
  observed_at: string;
  peak_at: string;
  value: number;
  score: number;
  state: 'firing' | 'resolved';
  resolved_at: string | null;
  hint: string;
  signal_id: string | null;
}

export interface AdhocResult {
  query: string;
  source: string;
  detector: string;
  detector_params: JsonObject;
  sensitivity: Sensitivity | null;
  threshold: number;
  effective_threshold: number;
  unit: string;
  lookback: string;
  step: string;
  start: string;
  end: string;
  stored: boolean;
  series: Array<{
    metric: string;
    series: string;
    labels: Record<string, string>;
    points: number;
    scored: number;
    warming_up_until: string | null;
    latest: unknown;
    anomalies: Anomaly[];
  }>;
  anomalies: Anomaly[];
}

export interface Signal {
  id: string;
  probe_id: string | null;
  metric: string;
  labels: Record<string, string>;
  series: string;
  value: number;
  score: number;
  hint: string;
  detector: string;
  threshold: number;
  step_s: number;
  observed_at: string;
  last_anomalous_at: string;
  state: 'firing' | 'resolved';
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SignalPage {
  items: Signal[];
  limit: number;
  next_cursor: string | null;
}

export interface ListSignalsQuery {
  state?: 'firing' | 'resolved';
  probe_id?: string;
  metric?: string;
  since?: string;
  until?: string;
  min_score?: number;
  limit?: number;
  cursor?: string;
}

export interface LinkedRun {
  id: string;
  wpk_id: string;
  run_id: string;
  status: string;
  duration_ms: number | null;
  error: string | null;
  started_at: string | null;
  ended_at: string | null;
  created_at: string;
}

export interface SignalRuns {
  signal_id: string;
  wpk_id: string | null;
  since: string;
  until: string;
  items: LinkedRun[];
  limit: number;
}

export interface CreateApiKey {
  name: string;
  role: ApiKeyRole;
}

export interface ApiKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  prefix: string;
  /** the secret, shown once */
  key: string;
  created_at: string;
}

export interface Health {
  status: string;
  [key: string]: unknown;
}
