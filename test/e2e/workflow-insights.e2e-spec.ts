import { EmbeddingWorker } from '../../src/modules/similarity/embedding.worker';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const TIMEOUT = 'TimeoutError: OCR service did not answer within 30000 ms';
const QUOTA = 'RateLimitError: 429 Too Many Requests from the enrichment API';
const WF = 'wf-insights';

/**
 * A history whose answer is known. Previous 7 days: 40 runs; `enrich` takes 300–339 ms, `ocr`
 * fails twice. Last 7 days: 40 runs; `enrich` takes 1000–1195 ms, `ocr` fails 20 times (12
 * timeouts, 8 rate limits), and the runs whose `ocr` failed are failed runs with its error.
 * `fetch` is unchanged. Each run's duration is the sum of its nodes'.
 */
function history(now: number): Array<Record<string, unknown>> {
  const runs: Array<Record<string, unknown>> = [];
  for (const current of [false, true]) {
    for (let i = 0; i < 40; i++) {
      const at = new Date(now - (current ? 3 : 10) * DAY + i * 60_000).toISOString();
      const fetch = 100 + (i % 5);
      const enrich = current ? 1000 + i * 5 : 300 + i;
      const ocrError = current ? (i < 12 ? TIMEOUT : i < 20 ? QUOTA : null) : i < 2 ? TIMEOUT : null;
      runs.push({
        wpk_id: WF,
        run_id: `${current ? 'now' : 'before'}-${i}`,
        status: ocrError ? 'failed' : 'completed',
        error: ocrError,
        duration_ms: fetch + enrich + 50,
        started_at: at,
        created_at: at,
        node_logs: [
          { node: 'fetch', status: 'completed', duration_ms: fetch },
          { node: 'enrich', status: 'completed', duration_ms: enrich },
          ocrError ? { node: 'ocr', status: 'failed', error: ocrError, duration_ms: 50 } : { node: 'ocr', status: 'completed', duration_ms: 50 },
        ],
      });
    }
  }
  return runs;
}

describeDb('workflow insights over a seeded history', () => {
  let t: TestApp;
  let worker: EmbeddingWorker;
  const runs = history(Date.now());
  const current = runs.filter((r) => String(r.run_id).startsWith('now-'));

  beforeAll(async () => {
    t = await startTestApp({ env: { EMBEDDING_WORKER_INTERVAL_MS: '3600000' } });
    worker = t.app.get(EmbeddingWorker);
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs });
    expect(res.body).toMatchObject({ created: 80, failed: 0 });
    await t.http().post('/workflows').set(t.admin.header).send({ id: 'wf-quiet' });
  });
  afterAll(() => t.close());

  const insights = (id: string, query: Record<string, string> = { window: '7d' }) => t.http().get(`/workflows/${id}/insights`).query(query).set(t.admin.header);

  it('ranks the slowest nodes with p50/p95, their share of the run time and the change against the window before', async () => {
    const res = await insights(WF);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ workflow_id: WF, window: '7d' });
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(7 * DAY);
    expect(Date.parse(body.from) - Date.parse(body.previous_from)).toBe(7 * DAY);
    const total = current.reduce((s, r) => s + Number(r.duration_ms), 0);
    const sum = (node: string) => current.reduce((s, r) => s + Number((r.node_logs as Array<{ node: string; duration_ms: number }>).find((l) => l.node === node)!.duration_ms), 0);
    const share = (node: string) => Math.round((sum(node) / total) * 10_000) / 10_000;
    expect(body.slowest_nodes).toEqual([
      { node: 'enrich', executions: 40, p50_ms: 1095, p95_ms: 1185, share_of_run_time: share('enrich'), previous: { executions: 40, p50_ms: 319, p95_ms: 337 }, p95_change: Math.round((1185 / 337 - 1) * 1e4) / 1e4, p50_change: Math.round((1095 / 319 - 1) * 1e4) / 1e4 },
      { node: 'fetch', executions: 40, p50_ms: 102, p95_ms: 104, share_of_run_time: share('fetch'), previous: { executions: 40, p50_ms: 102, p95_ms: 104 }, p95_change: 0, p50_change: 0 },
      { node: 'ocr', executions: 40, p50_ms: 50, p95_ms: 50, share_of_run_time: share('ocr'), previous: { executions: 40, p50_ms: 50, p95_ms: 50 }, p95_change: 0, p50_change: 0 },
    ]);
  });

  it('lists the failing nodes with their failure ratio and commonest errors', async () => {
    const { body } = await insights(WF);
    expect(body.failing_nodes).toEqual([
      { node: 'ocr', executions: 40, failures: 20, failure_ratio: 0.5, previous_failure_ratio: 0.05, top_errors: [{ error: TIMEOUT, count: 12 }, { error: QUOTA, count: 8 }] },
    ]);
  });

  it('names the regressions in words: enrich got slower, ocr fails more; fetch did not change', async () => {
    const { body } = await insights(WF);
    const since = body.from.slice(0, 10);
    expect(body.regressions.map((r: { message: string }) => r.message)).toEqual([
      `node \`enrich\` p95 rose from 337 ms to 1.2 s since ${since}`,
      `node \`ocr\` failure ratio rose from 5% to 50% since ${since}`,
    ]);
    const [enrich, ocr] = body.regressions;
    expect(enrich).toMatchObject({ node: 'enrich', kind: 'duration', metric: 'p95_ms', from: 337, to: 1185, samples: { current: 40, previous: 40 }, since: body.from });
    // complete separation of 40 against 40: U = 1600, z = (800 − ½) / √(40·40·81/12)
    expect(enrich.z).toBeCloseTo(799.5 / Math.sqrt((40 * 40 * 81) / 12), 3);
    expect(enrich.p_value).toBeLessThan(1e-12);
    // 20/40 against 2/40, pooled 22/80
    expect(ocr).toMatchObject({ kind: 'failure_ratio', metric: 'failure_ratio', from: 0.05, to: 0.5 });
    expect(ocr.z).toBeCloseTo(0.45 / Math.sqrt((22 / 80) * (58 / 80) * (2 / 40)), 3);
    expect(ocr.p_value).toBeLessThan(0.01);
  });

  it('groups failed runs only once most are embedded; then two clusters, timeouts and rate limits', async () => {
    const before = (await insights(WF)).body;
    expect(before.failure_clusters).toBeNull();
    expect(before.failure_clustering).toEqual({ failed_runs: 20, embedded: 0, reason: expect.stringContaining('20 of the window') });
    await worker.drainAll();
    const { body } = await insights(WF);
    expect(body.failure_clustering).toEqual({ failed_runs: 20, embedded: 20, reason: null });
    const ids = new Map<string, string>();
    const page = await t.http().get('/runs').query({ wpk_id: WF, status: 'failed', limit: 100 }).set(t.admin.header);
    for (const r of page.body.items) ids.set(r.id, r.run_id);
    const at = (runId: string) => new Date(String(current.find((r) => r.run_id === runId)!.started_at)).toISOString();
    expect(body.failure_clusters.map((c: { size: number; representative_error: string; first_seen: string; last_seen: string }) => [c.size, c.representative_error, c.first_seen, c.last_seen])).toEqual([
      [12, TIMEOUT, at('now-0'), at('now-11')],
      [8, QUOTA, at('now-12'), at('now-19')],
    ]);
    expect(body.failure_clusters[0].run_ids.map((id: string) => ids.get(id))).toEqual(['now-11', 'now-10', 'now-9', 'now-8', 'now-7']);
    expect(body.failure_clusters[1].run_ids.map((id: string) => ids.get(id))).toEqual(['now-19', 'now-18', 'now-17', 'now-16', 'now-15']);
  });

  it('follows run updates and deletions: new node logs replace a run’s rows', async () => {
    // every current enrich call of run now-39 becomes a failure
    const res = await t.http().post('/runs').set(t.admin.header).send({
      wpk_id: WF, run_id: 'now-39', node_logs: [{ node: 'fetch', duration_ms: 104 }, { node: 'enrich', status: 'failed', error: 'boom', duration_ms: 1195 }],
    });
    expect(res.status).toBe(200);
    const { body } = await insights(WF);
    expect(body.failing_nodes.find((n: { node: string }) => n.node === 'enrich')).toMatchObject({ failures: 1, top_errors: [{ error: 'boom', count: 1 }] });
    expect(body.slowest_nodes.find((n: { node: string }) => n.node === 'ocr').executions).toBe(39);
  });

  it('answers empty lists for a workflow without runs, over every window', async () => {
    for (const window of ['1h', '24h', '7d', '30d']) {
      const res = await insights('wf-quiet', { window });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ window, slowest_nodes: [], failing_nodes: [], failure_clusters: [], regressions: [], failure_clustering: { failed_runs: 0, embedded: 0, reason: null } });
    }
    expect((await t.http().get('/workflows/wf-quiet/insights').set(t.admin.header)).body.window).toBe('24h');
  });

  it('refuses an unknown window with a 400 naming window, and an unknown workflow with a 404', async () => {
    for (const window of ['2h', '', '7D', '1d']) {
      const res = await insights(WF, { window });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('window');
    }
    const missing = await insights('no-such-workflow');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('WORKFLOW_NOT_FOUND');
    const extra = await insights(WF, { window: '7d', node: 'x' });
    expect(extra.status).toBe(400);
  });
});

describeDb('workflow insights with similar-run search off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EMBEDDINGS_ENABLED: 'false' } });
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs: history(Date.now()) });
    expect(res.body.created).toBe(80);
  });
  afterAll(() => t.close());

  it('still answers the node figures, and failure_clusters null with the reason', async () => {
    const { body } = await t.http().get(`/workflows/${WF}/insights`).query({ window: '7d' }).set(t.admin.header);
    expect(body.slowest_nodes.map((n: { node: string }) => n.node)).toEqual(['enrich', 'fetch', 'ocr']);
    expect(body.regressions).toHaveLength(2);
    expect(body.failure_clusters).toBeNull();
    expect(body.failure_clustering.reason).toMatch(/EMBEDDINGS_ENABLED=false/);
  });
});
