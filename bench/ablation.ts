/**
 * Ablation of the speed changes in the request path (src/common/perf/hot-path.ts): the compiled
 * server as deployed beside one server per change with that change turned off (HOT_PATH_OFF), all
 * on the same PostgreSQL data, measured in the same run in alternating order, on the targets each
 * change serves. A change pays when its median gain is ≥ 5 % and the 95 % interval of its gain
 * excludes zero (bench/stats.ts, pairedGain). Written as reports/performance/12-ablation.md by
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

const READ: Target = { name: '`GET /workflows/:id/runs` first page, 16 connections', tricks: ['server-classes', 'fast-validation'], figure: 'req/s' };
const INGEST: Target = { name: '`POST /runs`, 64 connections', tricks: ['server-classes', 'fast-validation', 'group-commit'], figure: 'req/s' };
const INGEST_SQLITE: Target = { name: '`POST /runs` on SQLite, 64 connections', tricks: ['group-commit'], figure: 'req/s' };
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

/** One change on one target: the figure of each repeat, with the change and without it. */
interface Pair {
  on: number[];
  off: number[];
}

/** `repeat` paired repeats, the two servers in alternating order. */
async function paired(repeat: number, run: (which: 'on' | 'off', r: number) => Promise<number>): Promise<Pair> {
  const pair: Pair = { on: [], off: [] };
  for (let r = 0; r < repeat; r++) {
    for (const which of alternating(['on', 'off'] as const, r)) pair[which].push(await run(which, r));
  }
  return pair;
}

function row(trick: HotPathTrick, target: Target, pair: Pair, verdicts: Map<HotPathTrick, Gain[]>): string {
  const higher = target.figure === 'req/s';
  const gain = pairedGain(pair.on, pair.off, { higherIsBetter: higher });
  verdicts.set(trick, [...(verdicts.get(trick) ?? []), gain]);
  return `| \`${trick}\` | ${target.name} | ${target.figure} | ${withRepeats(pair.on, higher ? 0 : 2)} | ${withRepeats(pair.off, higher ? 0 : 2)} | **${pct(gain.median)}** (${gain.gains.map((g) => pct(g)).join(' / ')}) | ${pct(gain.low)} … ${pct(gain.high)} | ${gain.pays ? 'pays' : 'does not pay'} |`;
}

export async function ablation(opts: { smoke: boolean; repeat: number; duration: number; command: string; runs?: number; similarRuns?: number }): Promise<string[]> {
  if (opts.repeat < 2) throw new Error('the ablation needs at least 2 repeats for an interval (5 for figures to quote)');
  const runs = opts.runs ?? (opts.smoke ? 5_000 : 100_000);
  const similarRuns = opts.similarRuns ?? (opts.smoke ? 2_000 : 100_000);
  const verdicts = new Map<HotPathTrick, Gain[]>();
  const table: string[] = [];

  // reads and ingest: one database; for each change, the server as deployed and the server
  // without it side by side (two at a time, to stay within PostgreSQL's connection limit)
  const db = await createDatabase('ablation');
  try {
    const loader = await startNeuralOps({ databaseUrl: db.url });
    try {
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
    } finally {
      await loader.stop();
    }
    const page = () => `/workflows/abl-wf-${Math.floor(Math.random() * WORKFLOWS)}/runs?limit=20`;
    const tricks = [...new Set([...READ.tricks, ...INGEST.tricks])];
    for (const trick of tricks) {
      const servers = { on: await startNeuralOps({ databaseUrl: db.url }), off: await startNeuralOps({ databaseUrl: db.url, env: { HOT_PATH_OFF: trick } }) };
      try {
        // both warmed on both routes before anything is timed
        for (const [which, server] of Object.entries(servers)) {
          checked(await load({ url: server.url, connections: 16, duration: 1, path: page }), `warm-up read, ${trick} ${which}`);
          const warm = bodies(`warm-${trick}-${which}-${Date.now().toString(36)}`, 4000);
          let w = 0;
          checked(await load({ url: `${server.url}/runs`, method: 'POST', connections: 16, duration: 1, body: () => warm[w++ % warm.length] }), `warm-up ingest, ${trick} ${which}`);
        }
        if (READ.tricks.includes(trick)) {
          const pair = await paired(opts.repeat, async (which) => checked(await load({ url: servers[which].url, connections: 16, duration: opts.duration, path: page }), `read, ${trick} ${which}`, 16).rps);
          table.push(row(trick, READ, pair, verdicts));
        }
        if (INGEST.tricks.includes(trick)) {
          const pair = await paired(opts.repeat, async (which, r) => {
            const prepared = bodies(`i-${trick}-${which}-${r}-${Date.now().toString(36)}`, Math.ceil(opts.duration * 8000));
            let next = 0;
            // every prepared body sent: the load ends early, its rate taken over the time it ran
            const body = () => (next < prepared.length ? prepared[next++] : null);
            return checked(await load({ url: `${servers[which].url}/runs`, method: 'POST', connections: 64, duration: opts.duration, body }), `ingest, ${trick} ${which}`, 64).rps;
          });
          table.push(row(trick, INGEST, pair, verdicts));
        }
      } finally {
        await servers.on.stop();
        await servers.off.stop();
      }
    }
  } finally {
    await db.drop();
  }

  // SQLite ingest: each server on a fresh file of its own, which every repeat writes into
  for (const trick of INGEST_SQLITE.tricks) {
    const servers = { on: await startNeuralOps({}), off: await startNeuralOps({ env: { HOT_PATH_OFF: trick } }) };
    try {
      for (const [which, server] of Object.entries(servers)) {
        const warm = bodies(`warm-sqlite-${trick}-${which}-${Date.now().toString(36)}`, 4000);
        let w = 0;
        checked(await load({ url: `${server.url}/runs`, method: 'POST', connections: 16, duration: 1, body: () => warm[w++ % warm.length] }), `warm-up SQLite ingest, ${trick} ${which}`);
      }
      const pair = await paired(opts.repeat, async (which, r) => {
        const prepared = bodies(`s-${trick}-${which}-${r}-${Date.now().toString(36)}`, Math.ceil(opts.duration * 8000));
        let next = 0;
        const body = () => (next < prepared.length ? prepared[next++] : null);
        return checked(await load({ url: `${servers[which].url}/runs`, method: 'POST', connections: 64, duration: opts.duration, body }), `SQLite ingest, ${trick} ${which}`, 64).rps;
      });
      table.push(row(trick, INGEST_SQLITE, pair, verdicts));
    } finally {
      await servers.on.stop();
      await servers.off.stop();
    }
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
    const pair = await paired(opts.repeat, async (which) => {
      const server = similar.get(which === 'on' ? '' : 'wasm-dot-kernel')!;
      return checked(await load({ url: server.url, connections: 4, duration: opts.duration, path }), `similar, wasm-dot-kernel ${which}`, 4).p95;
    });
    table.push(row('wasm-dot-kernel', SIMILAR, pair, verdicts));
  } finally {
    for (const server of similar.values()) await server.stop();
    await sdb.drop();
  }

  const verdictLines = HOT_PATH_TRICKS.map((trick) => {
    const gains = verdicts.get(trick) ?? [];
    // the scan's change is measured on its own data in part 5b; the start's changes in part 0
    if (!gains.length) return `| \`${trick}\` | measured in part ${trick === 'created-tables-cache' || trick === 'resolve-cache' ? '0' : '5b'} | — |`;
    const pays = gains.some((g) => g.pays);
    return `| \`${trick}\` | ${pays ? '**pays**' : 'does not pay'} | ${gains.map((g) => `${pct(g.median)} [${pct(g.low)} … ${pct(g.high)}]`).join('; ')} |`;
  });

  return [
    '## 12. Ablation of the speed changes in the request path',
    '',
    `For each change, the compiled server as deployed ("with") against the same server with that change turned off ("without": \`HOT_PATH_OFF=<name>\`, src/common/perf/hot-path.ts), the two started side by side for that change, both on the same PostgreSQL database (${runs.toLocaleString('en')} runs of ${WORKFLOWS} workflows; for SQLite ingest, each on a fresh SQLite file of its own; for similar search ${similarRuns.toLocaleString('en')} runs embedded by the local embedder), all measured in the same run: ${opts.repeat} paired repeats, the two servers of a repeat in alternating order, ${opts.duration} s per load, bodies made before the timer. Gain per repeat: with / without − 1 for req/s, without / with − 1 for a latency; the median gain, then each repeat's; the 95 % interval is Student's t over the repeats' gains. A change pays when its median gain on a target it serves is ≥ 5 % and the interval excludes zero. The changes this section measures are the ones kept after the ablation of part 11, which also measured those since removed (timestamp parsers by character arithmetic, run pages rendered as JSON text past Nest's serialisation, the statement-text trie, the one-layer middleware chain).`,
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


