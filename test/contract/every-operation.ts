/**
 * Every operation of the API, called through openapi-fetch with the types openapi-typescript
 * generated from /docs-json: a client anyone could generate. Type-checked with tsc by the contract
 * test, then run against the real server.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../../packages/client/src/generated/openapi';

export type Api = Client<paths>;
type Schemas = components['schemas'];

export function apiClient(baseUrl: string, apiKey: string): Api {
  return createClient<paths>({ baseUrl, headers: { 'X-API-Key': apiKey } });
}

/** The value of a successful call, or a thrown error naming the call and what came back. */
function ok<T>(call: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined && result.response.status !== 204) {
    throw new Error(`${call} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  }
  return result.data as T;
}

const NIL = '00000000-0000-0000-0000-000000000000';

export async function callEveryOperation(api: Api): Promise<void> {
  const health: Schemas['HealthDto'] = ok('health', await api.GET('/health'));
  if (health.status !== 'ok') throw new Error(`health: ${health.status}`);

  const me: Schemas['CurrentKeyDto'] = ok('currentKey', await api.GET('/auth/me'));
  if (me.role !== 'admin') throw new Error(`currentKey: role ${me.role}`);

  const key: Schemas['CreatedApiKeyDto'] = ok('createApiKey', await api.POST('/api-keys', { body: { name: 'contract', role: 'read' } }));
  const keys = ok('listApiKeys', await api.GET('/api-keys'));
  if (!keys.items.some((k) => k.id === key.id)) throw new Error('listApiKeys: the new key is missing');
  ok('revokeApiKey', await api.DELETE('/api-keys/{id}', { params: { path: { id: key.id } } }));

  const run = ok('recordRun', await api.POST('/runs', {
    body: { wpk_id: 'contract-wf', run_id: 'r1', status: 'failed', error: 'upstream timeout', inputs: [1, 'two'], outputs: 3, duration_ms: 1200, node_logs: [{ node: 'fetch', step: 1, duration_ms: 12 }], tags: ['contract'], metadata: { model: 'm' }, started_at: '2026-01-15T10:00:00Z' },
  }));
  if (!('inputs' in run)) throw new Error('recordRun: expected the full run');
  const minimal = ok('recordRun', await api.POST('/runs', { body: { wpk_id: 'contract-wf', run_id: 'r1', status: 'failed' }, headers: { Prefer: 'return=minimal' } }));
  if ('inputs' in minimal) throw new Error('recordRun: Prefer return=minimal gave the full run');
  ok('logRun', await api.POST('/langgraph/hooks/log_run', { body: { wpk_id: 'contract-wf', run_id: 'r2', status: 'completed', duration_ms: 800 } }));
  const batch: Schemas['BatchResultDto'] = ok('recordRuns', await api.POST('/runs/batch', { body: { runs: [{ wpk_id: 'contract-wf', run_id: 'r3', status: 'running' }] } }));
  if (batch.created !== 1) throw new Error(`recordRuns: ${JSON.stringify(batch)}`);
  const exported = ok('exportTraces', await api.POST('/v1/traces', {
    body: {
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'contract-svc' } }] },
        scopeSpans: [{ spans: [{
          traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'invoke_agent contract-wf', kind: 1,
          startTimeUnixNano: '1768471200000000000', endTimeUnixNano: '1768471201000000000',
          attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'invoke_agent' } }, { key: 'gen_ai.agent.name', value: { stringValue: 'contract-wf' } }],
          status: { code: 1 },
        }] }],
      }],
    },
  }));
  if (typeof exported !== 'object' || exported.partialSuccess) throw new Error(`exportTraces: ${JSON.stringify(exported)}`);
  const page = ok('listRuns', await api.GET('/runs', { params: { query: { wpk_id: 'contract-wf', status: 'failed', limit: 10 } } }));
  if (page.items.length !== 1) throw new Error(`listRuns: ${page.items.length} items`);
  const full = ok('getRun', await api.GET('/runs/{id}', { params: { path: { id: run.id } } }));
  if (full.node_logs?.[0]?.node !== 'fetch') throw new Error('getRun: node logs lost');

  // the embedding worker catches up within a few of its intervals
  let similar: Schemas['SimilarRunsDto'] | undefined;
  for (let i = 0; i < 100 && !similar; i++) {
    const res = await api.GET('/runs/{id}/similar', { params: { path: { id: run.id }, query: { k: 2 } } });
    if (res.data) similar = res.data;
    else if (res.response.status === 409 && res.error?.error.code === 'EMBEDDING_PENDING') await new Promise((r) => setTimeout(r, 100));
    else throw new Error(`similarRuns answered ${res.response.status}: ${JSON.stringify(res.error)}`);
  }
  if (!similar) throw new Error('similarRuns: never embedded');
  ok('searchRuns', await api.POST('/runs/search', { body: { query: 'upstream timeout', k: 1, status: 'failed' } }));
  const retried = ok('retryRunEmbedding', await api.POST('/runs/{id}/embedding/retry', { params: { path: { id: run.id } } }));
  if (retried.requeued || retried.state !== 'done') throw new Error(`retryRunEmbedding: ${JSON.stringify(retried)}`);
  const retriedAll = ok('retryEmbeddings', await api.POST('/embeddings/retry', {}));
  if (retriedAll.requeued !== 0) throw new Error(`retryEmbeddings: ${JSON.stringify(retriedAll)}`);

  ok('registerWorkflow', await api.POST('/workflows', { body: { id: 'contract-wf', name: 'Contract', tags: ['contract'] } }));
  ok('listWorkflows', await api.GET('/workflows', { params: { query: { tag: 'contract', include_archived: false } } }));
  const withStats = ok('listWorkflows', await api.GET('/workflows', { params: { query: { include: 'stats_24h' } } }));
  if (withStats.items[0]?.stats_24h?.hourly.length !== 24) throw new Error('listWorkflows: no stats_24h');
  ok('getWorkflow', await api.GET('/workflows/{id}', { params: { path: { id: 'contract-wf' } } }));
  ok('updateWorkflow', await api.PATCH('/workflows/{id}', { params: { path: { id: 'contract-wf' } }, body: { owner: 'team-a', description: null } }));
  ok('listWorkflowRuns', await api.GET('/workflows/{id}/runs', { params: { path: { id: 'contract-wf' }, query: { page: 1, limit: 2, tag: 'contract' } } }));
  const metrics: Schemas['WorkflowMetricsDto'] = ok('workflowMetrics', await api.GET('/workflows/{id}/metrics', {
    params: { path: { id: 'contract-wf' }, query: { from: '2026-01-15T00:00:00Z', to: '2026-01-16T00:00:00Z', step: '1h' } },
  }));
  if (metrics.buckets.length !== 24 || metrics.buckets[10].failed !== 1) throw new Error(`workflowMetrics: ${JSON.stringify(metrics.buckets[10])}`);
  ok('latestWorkflowRun', await api.GET('/workflows/{id}/runs/latest', { params: { path: { id: 'contract-wf' } } }));
  ok('notifyWorkflowRun', await api.POST('/workflows/{id}/runs/notify', { params: { path: { id: 'contract-wf' } }, body: { run_id: 'r3', status: 'completed', ended_at: '2026-01-15T10:00:02Z' } }));
  const stats: Schemas['WorkflowStatsDto'] = ok('workflowStats', await api.GET('/workflows/{id}/stats', { params: { path: { id: 'contract-wf' }, query: { window: '30d' } } }));
  if (stats.window !== '30d') throw new Error('workflowStats: wrong window');
  const insights: Schemas['WorkflowInsightsDto'] = ok('getWorkflowInsights', await api.GET('/workflows/{id}/insights', { params: { path: { id: 'contract-wf' }, query: { window: '7d' } } }));
  if (insights.window !== '7d' || !Array.isArray(insights.slowest_nodes) || !Array.isArray(insights.regressions)) throw new Error(`getWorkflowInsights: ${JSON.stringify(insights)}`);

  const detectors: Schemas['DetectorListDto'] = ok('listDetectors', await api.GET('/detectors'));
  if (detectors.items.filter((d) => d.default).length !== 1) throw new Error('listDetectors: not exactly one default detector');
  const probe = ok('createProbe', await api.POST('/probes', { body: { name: 'contract-p95', source: 'runs', query: 'runs_duration_p95_ms', wpk_id: 'contract-wf', detector: 'zscore', lookback: '10m', step: '60s' } }));
  ok('listProbes', await api.GET('/probes'));
  ok('getProbe', await api.GET('/probes/{id}', { params: { path: { id: probe.id } } }));
  ok('updateProbe', await api.PATCH('/probes/{id}', { params: { path: { id: probe.id } }, body: { threshold: 4, cron: null } }));
  ok('runProbe', await api.POST('/probes/{id}/run', { params: { path: { id: probe.id } } }));
  const untuned: Schemas['ProbeDto'] = ok('resetProbeTuning', await api.POST('/probes/{id}/tuning/reset', { params: { path: { id: probe.id } } }));
  if (untuned.effective_threshold !== untuned.configured_threshold || untuned.tuning_steps !== 0) throw new Error(`resetProbeTuning: ${JSON.stringify(untuned)}`);
  const adhoc = ok('probe', await api.POST('/probe', { body: { source: 'runs', query: 'runs_count', lookback: '10m', step: '60s', store: false, samples: true } }));
  if (adhoc.stored) throw new Error('probe: stored with store false');
  if (!adhoc.series.every((s) => s.samples?.length === s.scored)) throw new Error('probe: samples missing');
  ok('listSignals', await api.GET('/signals', { params: { query: { state: 'firing', min_score: 0, limit: 5, wpk_id: 'contract-wf', active_from: '2026-01-15T00:00:00Z', active_to: '2026-01-16T00:00:00Z' } } }));
  // no signal exists here: the documented 404 comes back typed
  const signal = await api.GET('/signals/{id}', { params: { path: { id: NIL } } });
  if (signal.response.status !== 404 || signal.error?.error.code !== 'SIGNAL_NOT_FOUND') throw new Error(`getSignal: ${signal.response.status}`);
  const signalRuns = await api.GET('/signals/{id}/runs', { params: { path: { id: NIL }, query: { limit: 5 } } });
  if (signalRuns.response.status !== 404) throw new Error(`signalRuns: ${signalRuns.response.status}`);
  const series = await api.GET('/signals/{id}/series', { params: { path: { id: NIL } } });
  if (series.response.status !== 404 || series.error?.error.code !== 'SIGNAL_NOT_FOUND') throw new Error(`signalSeries: ${series.response.status}`);
  // acting on a signal that does not exist: the documented 404 comes back typed
  const ack = await api.POST('/signals/{id}/ack', { params: { path: { id: NIL } }, body: { note: 'seen' } });
  if (ack.response.status !== 404 || ack.error?.error.code !== 'SIGNAL_NOT_FOUND') throw new Error(`acknowledgeSignal: ${ack.response.status}`);
  const snooze = await api.POST('/signals/{id}/snooze', { params: { path: { id: NIL } }, body: { until: new Date(Date.now() + 3_600_000).toISOString() } });
  if (snooze.response.status !== 404 || snooze.error?.error.code !== 'SIGNAL_NOT_FOUND') throw new Error(`snoozeSignal: ${snooze.response.status}`);
  const feedback = await api.POST('/signals/{id}/feedback', { params: { path: { id: NIL } }, body: { label: 'noise', note: 'expected' } });
  if (feedback.response.status !== 404 || feedback.error?.error.code !== 'SIGNAL_NOT_FOUND') throw new Error(`signalFeedback: ${feedback.response.status}`);
  const silence: Schemas['SilenceDto'] = ok('createSilence', await api.POST('/silences', {
    body: { matchers: [{ name: 'probe', value: 'contract-.*', is_regex: true }], ends_at: new Date(Date.now() + 3_600_000).toISOString(), comment: 'contract window' },
  }));
  if (silence.state !== 'active') throw new Error(`createSilence: ${silence.state}`);
  const silences = ok('listSilences', await api.GET('/silences', { params: { query: { state: 'active' } } }));
  if (!silences.items.some((s) => s.id === silence.id)) throw new Error('listSilences: the new silence is missing');
  ok('getSilence', await api.GET('/silences/{id}', { params: { path: { id: silence.id } } }));
  ok('expireSilence', await api.DELETE('/silences/{id}', { params: { path: { id: silence.id } } }));
  ok('deleteProbe', await api.DELETE('/probes/{id}', { params: { path: { id: probe.id } } }));
  ok('archiveWorkflow', await api.DELETE('/workflows/{id}', { params: { path: { id: 'contract-wf' } } }));
}
