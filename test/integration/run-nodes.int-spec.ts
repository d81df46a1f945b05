import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { RunNodes1764380500000 } from '../../migrations/1764380500000-RunNodes';
import { Database } from '../../src/database/database.service';
import { happenedAt, nodeRows } from '../../src/modules/run-insights/domain/node-rows';
import { rankSums } from '../../src/modules/run-insights/domain/statistics';
import { RunNodesRepository } from '../../src/modules/run-insights/run-nodes.repository';
import { nearestRank } from '../../src/modules/runs/domain/percentile';
import { newRun, Run } from '../../src/modules/runs/domain/run';
import { RunsRepository } from '../../src/modules/runs/runs.repository';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const T0 = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;

describeDb('workflow_run_nodes: the repository against a reference computed in TypeScript', () => {
  let t: TestApp;
  let nodes: RunNodesRepository;
  let runs: RunsRepository;
  let db: Database;
  const written: Run[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    nodes = t.app.get(RunNodesRepository);
    runs = t.app.get(RunsRepository);
    db = t.app.get(Database);
    // 600 runs over 20 h: durations drawn from a few dozen values (many ties), some logs without a
    // duration, failures with a handful of error texts, a node that only runs in the later half
    const rand = lcg(7);
    const errors = ['timeout', 'quota', 'Timeout', 'bad input', '😀 astral'];
    await db.write(async (tx) => {
      for (let i = 0; i < 600; i++) {
        const at = new Date(T0 + Math.floor(rand() * 20 * HOUR));
        const late = at.getTime() >= T0 + 10 * HOUR;
        const log = (node: string, base: number) => {
          const failed = rand() < (late ? 0.2 : 0.05);
          return {
            node,
            status: failed ? (rand() < 0.5 ? 'failed' : 'error') : 'completed',
            ...(rand() < 0.05 ? {} : { duration_ms: base + Math.floor(rand() * 30) * (late ? 3 : 2) }),
            ...(failed && rand() < 0.9 ? { error: errors[Math.floor(rand() * errors.length)] } : {}),
          };
        };
        const logs = [log('fetch', 100), log('parse', 200), ...(late ? [log('enrich', 50)] : [])];
        const run = newRun(randomUUID(), { wpk_id: 'wf-nodes', run_id: `r${i}`, status: 'completed', duration_ms: 400 + i, node_logs: logs, started_at: at, created_at: at }, at);
        await runs.insertIfAbsent(run, tx);
        await nodes.replaceForRun(run, tx);
        written.push(run);
      }
    });
  });
  afterAll(() => t.close());

  /** What the node rows of the written runs say, computed here from the runs themselves. */
  function reference(previousFrom: number, from: number, to: number) {
    const cur = new Map<string, { d: number[]; n: number; f: number }>();
    const prev = new Map<string, { d: number[]; n: number; f: number }>();
    let runDur = 0;
    for (const run of written) {
      const at = happenedAt(run).getTime();
      if (at < previousFrom || at >= to) continue;
      const side = at >= from ? cur : prev;
      for (const row of nodeRows(run.node_logs, run.duration_ms)) {
        const s = side.get(row.node) ?? { d: [], n: 0, f: 0 };
        s.n++;
        if (row.failed) s.f++;
        if (row.duration_ms !== null) s.d.push(row.duration_ms);
        side.set(row.node, s);
        if (side === cur && row.run_duration_ms !== null) runDur += row.run_duration_ms;
      }
    }
    return { cur, prev, runDur };
  }

  it('answers exactly the reference: counts, nearest-rank p50/p95, duration sums and Mann-Whitney rank sums', async () => {
    const [previousFrom, from, to] = [T0, T0 + 10 * HOUR, T0 + 20 * HOUR];
    const got = await nodes.windowFigures('wf-nodes', new Date(previousFrom), new Date(from), new Date(to));
    const ref = reference(previousFrom, from, to);
    expect(got.run_duration_sum_ms).toBe(ref.runDur);
    expect(got.nodes.map((n) => n.node).sort()).toEqual(['enrich', 'fetch', 'parse']);
    for (const n of got.nodes) {
      const c = ref.cur.get(n.node) ?? { d: [], n: 0, f: 0 };
      const p = ref.prev.get(n.node) ?? { d: [], n: 0, f: 0 };
      const sc = [...c.d].sort((a, b) => a - b);
      const sp = [...p.d].sort((a, b) => a - b);
      expect({ node: n.node, current: n.current, previous: n.previous }).toEqual({
        node: n.node,
        current: { executions: c.n, timed: c.d.length, failures: c.f, p50_ms: nearestRank(sc, 0.5), p95_ms: nearestRank(sc, 0.95), duration_sum_ms: c.d.reduce((a, b) => a + b, 0) },
        previous: { executions: p.n, timed: p.d.length, failures: p.f, p50_ms: nearestRank(sp, 0.5), p95_ms: nearestRank(sp, 0.95), duration_sum_ms: p.d.reduce((a, b) => a + b, 0) },
      });
      const r = rankSums(c.d, p.d);
      expect({ node: n.node, ...n.ranks }).toEqual({ node: n.node, n1: r.n1, n2: r.n2, rankSum1: r.rankSum1, tieSum: r.tieSum });
    }
  });

  it('lists the commonest errors per node: by count, then text in code-point order, failures without text last', async () => {
    const from = T0 + 10 * HOUR;
    const got = await nodes.topErrors('wf-nodes', new Date(from), new Date(T0 + 20 * HOUR), 3);
    const counts = new Map<string, Map<string | null, number>>();
    for (const run of written) {
      if (happenedAt(run).getTime() < from) continue;
      for (const row of nodeRows(run.node_logs, run.duration_ms)) {
        if (!row.failed) continue;
        const m = counts.get(row.node) ?? new Map<string | null, number>();
        m.set(row.error, (m.get(row.error) ?? 0) + 1);
        counts.set(row.node, m);
      }
    }
    const expected = new Map(
      [...counts].map(([node, m]) => [
        node,
        [...m]
          .sort(([ea, a], [eb, b]) => b - a || (ea === null ? 1 : eb === null ? -1 : ea < eb ? -1 : ea > eb ? 1 : 0))
          .slice(0, 3)
          .map(([error, count]) => ({ error, count })),
      ]),
    );
    expect(new Map([...got].sort())).toEqual(new Map([...expected].sort()));
  });

  it('reads the node aggregate with JIT off for that statement alone (PostgreSQL); a plain read elsewhere', async () => {
    if (currentDriver() !== 'postgres') {
      expect(await db.readWithoutJit('SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
      return;
    }
    const [{ jit: serverDefault }] = await db.query<{ jit: string }>("SELECT current_setting('jit') AS jit");
    expect(await db.readWithoutJit("SELECT current_setting('jit') AS jit", [])).toEqual([{ jit: 'off' }]);
    // SET LOCAL ended with its transaction: every pooled connection still has the server's setting
    const after = await Promise.all(Array.from({ length: 12 }, () => db.query<{ jit: string }>("SELECT current_setting('jit') AS jit")));
    expect(new Set(after.map(([r]) => r.jit))).toEqual(new Set([serverDefault]));
  });

  it('an empty range answers no nodes; replacing and deleting a run moves its rows', async () => {
    expect(await nodes.windowFigures('wf-nodes', new Date(T0 - 2 * HOUR), new Date(T0 - HOUR), new Date(T0))).toEqual({ nodes: [], run_duration_sum_ms: 0 });
    const run = written[0];
    const at = happenedAt(run);
    const window = () => nodes.windowFigures('wf-nodes', new Date(at.getTime() - 1), new Date(at.getTime()), new Date(at.getTime() + 1));
    const updated = { ...run, node_logs: [{ node: 'only', duration_ms: 9 }] };
    await db.write((tx) => nodes.replaceForRun(updated, tx));
    const one = await window();
    expect(one.nodes.map((n) => [n.node, n.current.executions, n.current.p50_ms])).toEqual([['only', 1, 9]]);
    await db.write((tx) => nodes.deleteForRuns([run.id], tx));
    expect((await window()).nodes).toEqual([]);
  });
});

describeDb('the RunNodes migration', () => {
  it('fills workflow_run_nodes for runs stored before it, by the rules new runs get their rows', async () => {
    const pg = currentDriver() === 'postgres';
    const { options, cleanup } = await emptyMigrationDatabase();
    try {
      const old = await new DataSource({ ...options, migrations: MIGRATIONS.filter((m) => m !== RunNodes1764380500000) } as never).initialize();
      await old.runMigrations({ transaction: 'all' });
      const p = (i: number) => (pg ? `$${i}` : '?');
      const time = (d: Date) => (pg ? d.toISOString() : d.toISOString().replace('T', ' ').replace('Z', ''));
      const created = new Date('2026-11-20T10:00:00.000Z');
      const cases: Array<{ started: Date | null; duration: number | null; logs: unknown }> = [
        { started: new Date('2026-11-20T09:59:00.000Z'), duration: 1500, logs: [{ node: 'fetch', status: 'completed', duration_ms: 300 }, { node: 'parse', status: 'failed', duration_ms: 1200, error: 'boom' }] },
        { started: new Date('2026-11-20T10:06:00.000Z'), duration: null, logs: [{ node: 'a', status: 'error' }, { node: 'b', error: '', status: 'ok' }, { step: 3 }, { node: 'c', error: `x${'😀'.repeat(600)}` }] },
        { started: null, duration: 7, logs: null },
        { started: new Date('2026-11-20T10:04:59.999Z'), duration: 8, logs: [{ node: 'z', duration_ms: 0, status: 'completed' }] },
      ];
      const ids: string[] = [];
      for (const [i, c] of cases.entries()) {
        const id = randomUUID();
        ids.push(id);
        await old.query(
          `INSERT INTO workflow_runs (id, wpk_id, run_id, status, duration_ms, node_logs, started_at, created_at, updated_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')})`,
          [id, 'wf-m', `m${i}`, 'completed', c.duration, c.logs === null ? null : JSON.stringify(c.logs), c.started ? time(c.started) : null, time(created), time(created)],
        );
      }
      await old.destroy();

      const after = await new DataSource({ ...options, migrations: MIGRATIONS } as never).initialize();
      expect((await after.runMigrations({ transaction: 'all' })).map((m) => m.name)).toEqual(['RunNodes1764380500000']);
      const rows: Array<Record<string, unknown>> = await after.query('SELECT * FROM workflow_run_nodes');
      await after.destroy();
      const iso = (v: unknown) => new Date(v instanceof Date ? v : `${String(v).replace(' ', 'T')}Z`).toISOString();
      const got = rows
        .map((r) => ({ run: ids.indexOf(String(r.run_id)), position: Number(r.position), wpk_id: r.wpk_id, node: r.node, happened_at: iso(r.happened_at), duration_ms: r.duration_ms === null ? null : Number(r.duration_ms), failed: Number(r.failed) === 1, error: r.error, run_duration_ms: r.run_duration_ms === null ? null : Number(r.run_duration_ms) }))
        .sort((a, b) => a.run - b.run || a.position - b.position);
      const expected = cases.flatMap((c, run) =>
        nodeRows(c.logs as unknown[] | null, c.duration).map((r) => ({ run, position: r.position, wpk_id: 'wf-m', node: r.node, happened_at: happenedAt({ started_at: c.started, created_at: created }).toISOString(), duration_ms: r.duration_ms, failed: r.failed, error: r.error, run_duration_ms: r.run_duration_ms })),
      );
      expect(expected).toHaveLength(6);
      expect(got).toEqual(expected);
    } finally {
      await cleanup();
    }
  });
});
