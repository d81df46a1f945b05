import * as http from 'node:http';
import request from 'supertest';
import { RunsService } from '../../src/modules/runs/runs.service';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>;

/**
 * Concurrent `POST /runs` are written together (the `group-commit` change,
 * src/common/perf/group-commit.ts): new runs on PostgreSQL in one statement, and on SQLite the
 * writes of requests that arrive in the same turn of the event loop in one transaction. These hold what callers rely on — every acknowledged
 * run stored once with its own answer, exact workflow counters, one winner per key — and that the
 * grouping happens at all, so a change that silently stops it fails here.
 */
describeDb('POST /runs under concurrency: group commit', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false' } });
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
  });
  afterAll(() => t.close());

  const post = (body: Json) => request(url).post('/runs').set(t.admin.header).send(body);

  /** POSTs over kept-alive connections opened beforehand, all sent in one turn: requests a loaded server takes in together. */
  async function postTogether(bodies: Json[]): Promise<Array<{ status: number; body: Json }>> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: bodies.length });
    const send = (method: string, path: string, body?: Json) =>
      new Promise<{ status: number; body: Json }>((resolve, reject) => {
        const req = http.request(`${url}${path}`, { method, agent, headers: { ...t.admin.header, 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
        });
        req.on('error', reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      });
    try {
      await Promise.all(bodies.map(() => send('GET', '/health')));
      return await Promise.all(bodies.map((b) => send('POST', '/runs', b)));
    } finally {
      agent.destroy();
    }
  }

  it('stores every one of 96 concurrent new runs once, answers each with its own run, and keeps the counters exact', async () => {
    const groups = { postgres: t.app.get(RunsService).creates.stats.groups, sqlite: t.app.get(RunsService).transactions.stats.groups };
    const bodies = Array.from({ length: 96 }, (_, i) => ({
      wpk_id: `gc-wf-${i % 3}`, run_id: `gc-${i}`, status: i % 4 === 0 ? 'failed' : 'completed', error: i % 4 === 0 ? 'boom' : undefined,
      duration_ms: i, inputs: { i }, node_logs: [{ node: 'a', status: 'completed', duration_ms: 1 }],
    }));
    const answers = await postTogether(bodies);
    answers.forEach((res, i) => {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ wpk_id: bodies[i].wpk_id, run_id: bodies[i].run_id, status: bodies[i].status, inputs: { i } });
    });
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(96);
    for (let w = 0; w < 3; w++) {
      const mine = bodies.filter((b) => b.wpk_id === `gc-wf-${w}`);
      const wf = await request(url).get(`/workflows/gc-wf-${w}`).set(t.admin.header);
      expect(wf.body).toMatchObject({ runs_total: mine.length, runs_failed: mine.filter((b) => b.status === 'failed').length, last_run_id: expect.any(String) });
      const page = await request(url).get(`/workflows/gc-wf-${w}/runs?limit=200`).set(t.admin.header);
      expect(page.body.items.map((r: Json) => r.run_id).sort()).toEqual(mine.map((b) => b.run_id).sort());
      const stored = await request(url).get(`/runs/${answers[bodies.indexOf(mine[0])].body.id}`).set(t.admin.header);
      expect(stored.body.node_logs).toHaveLength(1);
    }
    // grouped: fewer statements (PostgreSQL) or transactions (SQLite) than runs
    const service = t.app.get(RunsService);
    const grouping = currentDriver() === 'postgres' ? service.creates : service.transactions;
    const written = grouping.stats.groups - groups[currentDriver()];
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(96);
    // exported: one observation per statement or transaction, their sizes summing to the runs they held
    const metrics = (await request(url).get('/metrics')).text;
    const count = Number(/^neuralops_run_write_group_size_count (\d+)/m.exec(metrics)?.[1]);
    const sum = Number(/^neuralops_run_write_group_size_sum (\d+)/m.exec(metrics)?.[1]);
    expect(count).toBe(service.creates.stats.groups + service.transactions.stats.groups);
    expect(sum).toBe(service.creates.stats.items + service.transactions.stats.items);
  });

  it('concurrent updates of stored runs are each answered with their own merged run, the counters exact', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, async (_, i) => (await post({ wpk_id: 'gc-upd', run_id: `u${i}`, status: 'running' })).body.id));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post({ wpk_id: 'gc-upd', run_id: `u${i}`, status: i % 5 ? 'completed' : 'failed', error: i % 5 ? undefined : 'e', outputs: { i } })));
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ids[i], run_id: `u${i}`, status: i % 5 ? 'completed' : 'failed', outputs: { i } });
    });
    const wf = await request(url).get('/workflows/gc-upd').set(t.admin.header);
    expect(wf.body).toMatchObject({ runs_total: 40, runs_failed: 8 });
  });

  it('of concurrent writes of one run, exactly one creates it; the others update it and the counters count it once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post({ wpk_id: 'gc-same', run_id: 'only', status: i % 2 ? 'failed' : 'completed', error: i % 2 ? 'x' : undefined, duration_ms: i })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(23);
    const ids = new Set(answers.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const wf = await request(url).get('/workflows/gc-same').set(t.admin.header);
    const run = await request(url).get(`/runs/${[...ids][0]}`).set(t.admin.header);
    expect(wf.body).toMatchObject({ runs_total: 1, runs_failed: run.body.status === 'failed' ? 1 : 0, last_run_id: 'only', last_status: run.body.status });
  });

  it('a run refused by validation among concurrent good ones is refused alone', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(i === 7 ? { wpk_id: 'gc-bad', run_id: 'b7', status: 'completed', duration_ms: -5 } : { wpk_id: 'gc-bad', run_id: `b${i}`, status: 'completed' })),
    );
    answers.forEach((res, i) => expect(res.status).toBe(i === 7 ? 400 : 201));
    expect(answers[7].body).toMatchObject({ error: expect.anything() });
    const wf = await request(url).get('/workflows/gc-bad').set(t.admin.header);
    expect(wf.body.runs_total).toBe(19);
  });
});
