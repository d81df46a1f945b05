/**
 * Ablation of the speed changes in the request path (src/common/perf/hot-path.ts): the compiled
 * server as deployed beside one server per change with that change turned off (HOT_PATH_OFF), all
 * on the same PostgreSQL data, measured in the same run in alternating order, on the targets each
 * change serves. A change pays when its median gain is ≥ 5 % and the 95 % interval of its gain
 * excludes zero (bench/stats.ts, pairedGain). Written as reports/performance/10-ablation.md by
 * `npm run bench:ablation`.
 */
import { HOT_PATH_TRICKS, HotPathTrick } from '../src/common/perf/hot-path';
import { ADMIN_KEY, checked, createDatabase, load, realisticRun, Server, startNeuralOps } from './lib';
import { alternating, Gain, pairedGain, pct, withRepeats } from './stats';

interface Target {
  name: string;
  /** the changes measured on it */
  tricks: readonly HotPathTrick[];
  /** the figure and whether higher is better */
  figure: 'req/s' | 'p95 ms';
}

const READ: Target = { name: '`GET /workflows/:id/runs` first page, 16 connections', tricks: ['server-classes', 'timestamp-parsers', 'rendered-pages', 'fast-validation', 'middleware-chain'], figure: 'req/s' };
const INGEST: Target = { name: '`POST /runs`, 64 connections', tricks: ['server-classes', 'timestamp-parsers', 'statement-texts', 'fast-validation', 'middleware-chain'], figure: 'req/s' };
const SIMILAR: Target = { name: '`GET /runs/:id/similar?k=10`, 4 connections', tricks: ['wasm-dot-kernel'], figure: 'p95 ms' };

const WORKFLOWS = 100;

async function postBatch(url: string, runs: unknown[]): Promise<Array<{ id: string; error?: unknown }>> {
  const res = await fetch(`${url}/runs/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify({ runs }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`ablation load: ${res.status} ${text.slice(0, 300)}`);
  const items = (JSON.parse(text) as { items: Array<{ id: string; error?: unknown }> }).items;
  if (items.some((i) => i.error)) throw new Error(`ablation load: error items, e.g. ${JSON.stringify(items.find((i) => i.error))}`);
  return items;
}

function bodies(tag: string, count: number): string[] {
  const template = JSON.stringify(realisticRun('WPK', 'RUNID'));
  return Array.from({ length: count }, (_, i) => template.replaceAll('RUNID', `${tag}-${i}`).replace('"WPK"', `"abl-wf-${i % WORKFLOWS}"`));
}

interface Measured {
  /** per server key ('' = everything on), the figure of each repeat */
  figures: Map<string, number[]>;
}

async function measure(target: Target, servers: Map<string, Server>, repeat: number, run: (server: Server, key: string, r: number) => Promise<number>): Promise<Measured> {
  const keys = ['', ...target.tricks];
  const figures = new Map(keys.map((k) => [k, [] as number[]]));
  for (let r = 0; r < repeat; r++) {
    for (const key of alternating(keys, r)) figures.get(key)!.push(await run(servers.get(key)!, key, r));
  }
  return { figures };
}

function rows(target: Target, measured: Measured, verdicts: Map<HotPathTrick, Gain[]>): string[] {
  const on = measured.figures.get('')!;
  const higher = target.figure === 'req/s';
  return target.tricks.map((trick) => {
    const off = measured.figures.get(trick)!;
    const gain = pairedGain(on, off, { higherIsBetter: higher });
    verdicts.set(trick, [...(verdicts.get(trick) ?? []), gain]);
    return `| \`${trick}\` | ${target.name} | ${target.figure} | ${withRepeats(on, higher ? 0 : 2)} | ${withRepeats(off, higher ? 0 : 2)} | **${pct(gain.median)}** (${gain.gains.map((g) => pct(g)).join(' / ')}) | ${pct(gain.low)} … ${pct(gain.high)} | ${gain.pays ? 'pays' : 'does not pay'} |`;
  });
}

export async function ablation(opts: { smoke: boolean; repeat: number; duration: number; command: string; runs?: number; similarRuns?: number }): Promise<string[]> {
  if (opts.repeat < 2) throw new Error('the ablation needs at least 2 repeats for an interval (5 for figures to quote)');
  const runs = opts.runs ?? (opts.smoke ? 5_000 : 100_000);
  const similarRuns = opts.similarRuns ?? (opts.smoke ? 2_000 : 100_000);
  const verdicts = new Map<HotPathTrick, Gain[]>();
  const table: string[] = [];

  // reads and ingest: one database, one server per variant
  const db = await createDatabase('ablation');
  const servers = new Map<string, Server>();
  try {
    const keys = [...new Set(['', ...READ.tricks, ...INGEST.tricks])] as Array<'' | HotPathTrick>;
    for (const key of keys) servers.set(key, await startNeuralOps({ databaseUrl: db.url, env: { HOT_PATH_OFF: key } }));
    const loader = servers.get('')!;
    const base = Date.now() - runs * 1000;
    for (let i = 0; i < runs; i += 1000) {
      await postBatch(loader.url, Array.from({ length: Math.min(1000, runs - i) }, (_, k) => {
        const n = i + k;
        const run = realisticRun(`abl-wf-${n % WORKFLOWS}`, `h${n}`, new Date(base + n * 1000));
        run.created_at = new Date(base + n * 1000).toISOString();
        delete run.node_logs;
        return run;
      }));
    }
    const page = () => `/workflows/abl-wf-${Math.floor(Math.random() * WORKFLOWS)}/runs?limit=20`;
    // every server warmed on both routes before anything is timed
    for (const [key, server] of servers) {
      checked(await load({ url: server.url, connections: 16, duration: 1, path: page }), `warm-up read, ${key || 'all on'}`);
      const warm = bodies(`warm-${key || 'on'}`, 3000);
      let w = 0;
      checked(await load({ url: `${server.url}/runs`, method: 'POST', connections: 16, duration: 1, body: () => warm[w++ % warm.length] }), `warm-up ingest, ${key || 'all on'}`);
    }
    const read = await measure(READ, servers, opts.repeat, async (server, key) =>
      checked(await load({ url: server.url, connections: 16, duration: opts.duration, path: page }), `read, ${key || 'all on'}`, 16).rps,
    );
    table.push(...rows(READ, read, verdicts));
    const ingest = await measure(INGEST, servers, opts.repeat, async (server, key, r) => {
      const prepared = bodies(`i-${key || 'on'}-${r}-${Date.now().toString(36)}`, Math.ceil(opts.duration * 8000));
      let next = 0;
      const body = () => {
        if (next >= prepared.length) throw new Error('ablation ingest: all prepared bodies sent');
        return prepared[next++];
      };
      return checked(await load({ url: `${server.url}/runs`, method: 'POST', connections: 64, duration: opts.duration, body }), `ingest, ${key || 'all on'}`, 64).rps;
    });
    table.push(...rows(INGEST, ingest, verdicts));
  } finally {
    for (const server of servers.values()) await server.stop();
    await db.drop();
  }

  // similar search: vectors embedded by the first server, searched by both
  const sdb = await createDatabase('ablation_similar');
  const similar = new Map<string, Server>();
  try {
    const env = { EMBEDDINGS_ENABLED: 'true', EMBEDDING_BATCH_SIZE: '256', EMBEDDING_WORKER_INTERVAL_MS: '200' };
    const on = await startNeuralOps({ databaseUrl: sdb.url, env });
    similar.set('', on);
    const ids: string[] = [];
    for (let i = 0; i < similarRuns; i += 1000) {
      const items = await postBatch(on.url, Array.from({ length: Math.min(1000, similarRuns - i) }, (_, k) => {
        const n = i + k;
        return { wpk_id: `sim-wf-${n % 20}`, run_id: `s${n}`, status: n % 3 ? 'completed' : 'failed', error: n % 3 ? null : `failure family ${n % 5} (attempt ${n % 7})`, inputs: { n, doc: `document-${n % 101}` } };
      }));
      ids.push(...items.slice(0, 5).map((x) => x.id));
    }
    const started = Date.now();
    for (;;) {
      const metrics = await (await fetch(`${on.url}/metrics`)).text();
      const backlog = Number(/^neuralops_embedding_backlog(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? NaN);
      if (backlog === 0) break;
      if (Date.now() - started > 30 * 60_000) throw new Error(`embedding did not finish (backlog ${backlog})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    similar.set('wasm-dot-kernel', await startNeuralOps({ databaseUrl: sdb.url, env: { ...env, HOT_PATH_OFF: 'wasm-dot-kernel' } }));
    const path = () => `/runs/${ids[Math.floor(Math.random() * ids.length)]}/similar?k=10`;
    for (const [key, server] of similar) checked(await load({ url: server.url, connections: 4, duration: 2, path }), `warm-up similar, ${key || 'all on'}`);
    const measuredSimilar = await measure(SIMILAR, similar, opts.repeat, async (server, key) =>
      checked(await load({ url: server.url, connections: 4, duration: opts.duration, path }), `similar, ${key || 'all on'}`, 4).p95,
    );
    table.push(...rows(SIMILAR, measuredSimilar, verdicts));
  } finally {
    for (const server of similar.values()) await server.stop();
    await sdb.drop();
  }

  const verdictLines = HOT_PATH_TRICKS.map((trick) => {
    const gains = verdicts.get(trick) ?? [];
    const pays = gains.some((g) => g.pays);
    return `| \`${trick}\` | ${pays ? '**pays**' : 'does not pay'} | ${gains.map((g) => `${pct(g.median)} [${pct(g.low)} … ${pct(g.high)}]`).join('; ')} |`;
  });

  return [
    '## 10. Ablation of the speed changes in the request path',
    '',
    `The compiled server as deployed ("with") against the same server with one change turned off ("without": \`HOT_PATH_OFF=<name>\`, src/common/perf/hot-path.ts), every server on the same PostgreSQL database (${runs.toLocaleString('en')} runs of ${WORKFLOWS} workflows; for similar search ${similarRuns.toLocaleString('en')} runs embedded by the local embedder), all measured in the same run: ${opts.repeat} repeats, the servers of a repeat in alternating order, ${opts.duration} s per load, bodies made before the timer. Gain per repeat: with / without − 1 for req/s, without / with − 1 for a latency; the median gain, then each repeat's; the 95 % interval is Student's t over the repeats' gains. A change pays when its median gain on a target it serves is ≥ 5 % and the interval excludes zero.`,
    '',
    '| change | target | figure | with | without | median gain (each repeat) | 95 % interval | verdict |',
    '|---|---|---|---:|---:|---:|---:|---|',
    ...table,
    '',
    '| change | verdict over its targets | median gain [95 % interval] per target |',
    '|---|---|---|',
    ...verdictLines,
    '',
    `Regenerate: ${opts.command}`,
  ];
}


