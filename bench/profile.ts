/**
 * Where the server's time goes under the ingest load: both servers run with --cpu-prof while the
 * same POST /runs load as `bench:ingest` drives them, and the samples are summed by the code they
 * fall in. Written as reports/performance/8-profile.md by `npm run bench:profile`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cpuSeconds, createDatabase, fmt, load, realisticRun, startBaseline, startNeuralOps } from './lib';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  samples: number[];
  timeDeltas: number[];
}

/** First match wins; the order puts the specific before the general. */
const GROUPS: Array<[string, RegExp]> = [
  ['socket writes (writev)', /^writev$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['logging (pino)', /pino|@pinojs|sonic-boom|safe-stable-stringify/],
  ['Express routing', /\/router\/|path-to-regexp|parseurl|express\/lib\/(application|express)/],
  ['Express response', /express\/lib\/response|on-finished|\/etag\/|\/send\//],
  ['JSON body parsing', /body-parser|raw-body|content-type|type-is|iconv-lite/],
  ['Nest request pipeline', /@nestjs/],
  ['validation', /class-validator|class-transformer|common\/validation|create-run\.dto/],
  ['PostgreSQL client', /node_modules\/(pg|pg-pool|pg-protocol|pg-types|postgres-[a-z]+)\//],
  ['SQLite', /better-sqlite3/],
  ['TypeORM', /node_modules\/typeorm\//],
  ['NeuralOps runs module', /dist\/src\/modules\/runs\//],
  ['NeuralOps, other code', /dist\/src\//],
  ['baseline handler', /bench\/baseline-server/],
  ['Node HTTP and streams', /node:_http|node:net|internal\/streams|node:stream|_http_/],
  ['idle', /^\(idle\)$/],
];

/** Samples summed by group, over the `windowS` seconds before the last `tailS` of the profile (the load, not boot or shutdown). */
function groupsOf(file: string, windowS: number, tailS: number): Map<string, number> {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const at: number[] = [];
  let t = 0;
  for (const d of profile.timeDeltas) at.push((t += d));
  const to = t - tailS * 1e6;
  const from = to - windowS * 1e6;
  const sums = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (at[i] < from || at[i] > to) return;
    const { functionName, url } = byId.get(id)!.callFrame;
    const group = GROUPS.find(([, re]) => re.test(url) || re.test(functionName))?.[0] ?? 'Node internals, other';
    sums.set(group, (sums.get(group) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return sums;
}

async function profiled(which: 'base' | 'nops', duration: number): Promise<{ groups: Map<string, number>; cpuUsPerRequest: number; rps: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `neuralops-prof-${which}-`));
  const previous = process.env.BENCH_SERVER_NODE_ARGS;
  process.env.BENCH_SERVER_NODE_ARGS = `${previous ?? ''} --cpu-prof --cpu-prof-dir=${dir}`;
  const db = await createDatabase(`prof_${which}`);
  let seq = 0;
  try {
    const server = which === 'base' ? await startBaseline({ databaseUrl: db.url }) : await startNeuralOps({ databaseUrl: db.url });
    try {
      await load({ url: `${server.url}/runs`, method: 'POST', connections: 16, duration: 1, body: () => JSON.stringify(realisticRun('warm', `w${seq++}`)) });
      const before = cpuSeconds(server.pid);
      const res = await load({ url: `${server.url}/runs`, method: 'POST', connections: 64, duration, body: () => JSON.stringify(realisticRun(`wf-${seq % 50}`, `r${seq++}`)) });
      const cpuUsPerRequest = (1e6 * (cpuSeconds(server.pid) - before)) / res.requests;
      const stopping = Date.now();
      await server.stop();
      const tailS = (Date.now() - stopping) / 1000;
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`${which}: no profile was written`);
      // the last second of the load and the shutdown are left out, so boot and exit do not count
      return { groups: groupsOf(path.join(dir, file), duration - 1, tailS + 1), cpuUsPerRequest, rps: res.rps };
    } finally {
      await server.stop();
    }
  } finally {
    if (previous === undefined) delete process.env.BENCH_SERVER_NODE_ARGS;
    else process.env.BENCH_SERVER_NODE_ARGS = previous;
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Markdown lines of the profile section. */
export async function profile(opts: { duration: number }): Promise<string[]> {
  const base = await profiled('base', opts.duration);
  const nops = await profiled('nops', opts.duration);
  const share = (groups: Map<string, number>) => {
    const busy = [...groups].filter(([g]) => g !== 'idle').reduce((a, [, v]) => a + v, 0);
    return (g: string) => (groups.get(g) ?? 0) / busy;
  };
  const baseShare = share(base.groups);
  const nopsShare = share(nops.groups);
  const names = [...new Set([...GROUPS.map(([g]) => g), 'Node internals, other'])].filter((g) => g !== 'idle');
  const rows = names
    .map((g) => ({ g, b: baseShare(g) * base.cpuUsPerRequest, n: nopsShare(g) * nops.cpuUsPerRequest }))
    .filter((r) => r.b >= 0.5 || r.n >= 0.5)
    .sort((a, b) => b.n - b.b - (a.n - a.b));
  return [
    '## 8. Where the ingest time goes',
    '',
    `Both servers profiled (\`--cpu-prof\`) under the ingest load of part 1 on PostgreSQL (64 connections, ${opts.duration} s; the profiler itself slows both). Server CPU per request (from /proc, so including the profiler's own cost) is split by the share of profile samples in each kind of code, busy samples only, over the load window (boot and shutdown left out). Rows sorted by what NeuralOps spends beyond the baseline.`,
    '',
    '| where | baseline µs/req | NeuralOps µs/req | difference |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.g} | ${fmt(r.b, 0)} | ${fmt(r.n, 0)} | ${r.n - r.b >= 0 ? '+' : ''}${fmt(r.n - r.b, 0)} |`),
    `| **total** (req/s under the profiler: ${fmt(base.rps, 0)} vs ${fmt(nops.rps, 0)}) | **${fmt(base.cpuUsPerRequest, 0)}** | **${fmt(nops.cpuUsPerRequest, 0)}** | **+${fmt(nops.cpuUsPerRequest - base.cpuUsPerRequest, 0)}** |`,
    '',
    'Regenerate: `npm run build && npm run bench:profile`',
  ];
}
