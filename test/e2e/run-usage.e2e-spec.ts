import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunMetricsSource } from '../../src/modules/insight/sources/run-metrics.source';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

/** Tokens, cost and models sent with runs over REST: stored, priced, filtered, summed and probed. */
describeDb('run usage and models over REST', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-prices-'));
  const pricesFile = path.join(dir, 'prices.json');
  fs.writeFileSync(pricesFile, JSON.stringify({ 'gpt-4o-mini': { input_per_million: 0.15, output_per_million: 0.6 }, 'gpt-4o': { input_per_million: 2.5, output_per_million: 10 } }));

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false', MODEL_PRICES_FILE: pricesFile } });
    auth = t.admin.header;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const now = Date.now();
  const run = (runId: string, extra: object) => ({ wpk_id: 'usage-wf', run_id: runId, status: 'completed', started_at: new Date(now - 120_000).toISOString(), ...extra });

  it('stores usage and models, prices what the table knows, per node log and for the run', async () => {
    const res = await t.http().post('/runs').set(auth).send(run('r1', {
      models: ['gpt-4o-mini-2024-07-18', 'gpt-4o', 'gpt-4o'],
      usage: { input_tokens: 3_000_000, output_tokens: 1_000_000 },
      node_logs: [
        { node: 'draft', step: 1, models: ['gpt-4o-mini-2024-07-18'], usage: { input_tokens: 2_000_000, output_tokens: 0 } },
        { node: 'review', step: 2, models: ['gpt-4o'], usage: { input_tokens: 1_000_000, output_tokens: 1_000_000 } },
        { node: 'store', step: 3 },
      ],
    }));
    expect(res.status).toBe(201);
    expect(res.body.models).toEqual(['gpt-4o', 'gpt-4o-mini-2024-07-18']);
    expect(res.body.usage).toEqual({ input_tokens: 3_000_000, output_tokens: 1_000_000, total_tokens: 4_000_000, cost_usd: 0.3 + 12.5 });
    expect(res.body.node_logs.map((n: { usage?: unknown }) => n.usage)).toEqual([
      { input_tokens: 2_000_000, output_tokens: 0, total_tokens: 2_000_000, cost_usd: 0.3 },
      { input_tokens: 1_000_000, output_tokens: 1_000_000, total_tokens: 2_000_000, cost_usd: 12.5 },
      undefined,
    ]);
    const got = await t.http().get(`/runs/${res.body.id}`).set(auth);
    expect(got.body.usage).toEqual(res.body.usage);

    // a model without a price: its tokens count, the cost is what is priced, and it is named
    const partly = await t.http().post('/runs').set(auth).send(run('r2', { models: ['llama-3-70b'], usage: { input_tokens: 100, output_tokens: 20, cost_usd: null } }));
    expect(partly.body.usage).toEqual({ input_tokens: 100, output_tokens: 20, total_tokens: 120, cost_usd: null, unpriced_models: ['llama-3-70b'] });
    // a cost the client gives is kept
    const given = await t.http().post('/runs').set(auth).send(run('r3', { models: ['gpt-4o'], usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20, cost_usd: 1.25 } }));
    expect(given.body.usage.cost_usd).toBe(1.25);
  });

  it('a present field replaces the stored one; absent keeps it; the batch and fast paths agree', async () => {
    const batch = await t.http().post('/runs/batch').set(auth).send({ runs: [
      run('b1', { models: ['gpt-4o'], usage: { input_tokens: 1, output_tokens: 1 } }),
      run('b2', { usage: { input_tokens: -1 } }),
      run('b3', { models: [''] }),
      run('b4', { usage: { input_tokens: 1, tokens: 2 } }),
    ] });
    expect(batch.body.items.map((i: { result: string }) => i.result)).toEqual(['created', 'error', 'error', 'error']);
    expect(batch.body.items[1].error.details).toEqual([{ field: 'usage', message: 'usage.input_tokens must be an integer from 0 to 1000000000000000' }]);
    expect(batch.body.items[3].error.details).toEqual([{ field: 'usage', message: 'usage.tokens is not a known field' }]);
    const bad = await t.http().post('/runs').set(auth).send(run('b5', { node_logs: [{ node: 'n', usage: { cost_usd: -1 } }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'node_logs[0].usage', message: 'cost_usd must be a number from 0 to 1000000000000' }]);

    const keep = await t.http().post('/runs').set(auth).send({ wpk_id: 'usage-wf', run_id: 'b1', error: 'late note' });
    expect(keep.status).toBe(200);
    expect(keep.body.models).toEqual(['gpt-4o']);
    const cleared = await t.http().post('/runs').set(auth).send({ wpk_id: 'usage-wf', run_id: 'b1', usage: null, models: null });
    expect(cleared.body).toMatchObject({ usage: null, models: null });
  });

  it('GET /runs filters by model and lists usage; stats and the runs source sum tokens and cost', async () => {
    const page = await t.http().get('/runs').query({ model: 'gpt-4o' }).set(auth);
    expect(page.status).toBe(200);
    expect(page.body.items.map((r: { run_id: string }) => r.run_id).sort()).toEqual(['r1', 'r3']);
    expect(page.body.items.find((r: { run_id: string }) => r.run_id === 'r3').usage).toEqual({ input_tokens: 10, output_tokens: 10, total_tokens: 20, cost_usd: 1.25 });
    expect((await t.http().get('/runs').query({ model: 'gpt-4' }).set(auth)).body.items).toEqual([]);

    const stats = await t.http().get('/workflows/usage-wf/stats').query({ window: '1h' }).set(auth);
    expect(stats.status).toBe(200);
    expect(stats.body.usage).toEqual({ input_tokens: 3_000_110, output_tokens: 1_000_030, total_tokens: 4_000_140, cost_usd: 14.05 });

    const metrics = await t.http().get('/workflows/usage-wf/metrics').query({ step: '1h' }).set(auth);
    expect(metrics.status).toBe(200);
    const buckets = metrics.body.buckets as Array<{ total_tokens: number; cost_usd: number | null }>;
    expect(buckets.reduce((sum, b) => sum + b.total_tokens, 0)).toBe(4_000_140);
    expect(buckets.reduce((sum, b) => sum + (b.cost_usd ?? 0), 0)).toBeCloseTo(14.05, 8);
    expect(buckets.filter((b) => b.total_tokens === 0).every((b) => b.cost_usd === null)).toBe(true);

    const source = t.app.get(RunMetricsSource);
    const range = { startMs: Math.floor((now - 600_000) / 60_000) * 60_000, endMs: Math.floor(now / 60_000) * 60_000 + 60_000, stepMs: 60_000, points: 12 };
    for (const [query, value] of [['runs_tokens_total', 4_000_140], ['runs_cost_usd', 14.05]] as const) {
      const [series] = await source.query(query, range, 'usage-wf');
      expect(series.points.reduce((s, [, v]) => s + v, 0)).toBeCloseTo(value, 6);
      const probe = await t.http().post('/probe').set(auth).send({ source: 'runs', query, wpk_id: 'usage-wf', lookback: '10m', step: '60s', store: false });
      expect(probe.status).toBe(200);
    }
  });
});
