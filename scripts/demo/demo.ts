/**
 * `npm run demo [-- --runs N] [--keep]`: the whole NeuralOps loop in one command. Starts the server
 * (or uses NEURALOPS_URL), gives the run-metrics probe a history, runs a real LangGraph pipeline
 * live through NeuralOpsCallbackHandler with one node turning slow and failing for a stretch, then
 * shows the registry status, the signal the insight engine raised, the failed runs linked to it and
 * the runs most similar to one failure. Last line: DEMO RESULT {"runs":N,"signals":S,"similar":K}.
 */
import { randomUUID } from 'node:crypto';
import { CreateRun, NeuralOpsCallbackHandler, NeuralOpsClient, NeuralOpsError, type Signal, type SimilarRun } from '@neuralops/client';
import { buildDemoGraph, DEMO_WORKFLOW, DemoConditions, jitter } from './demo-graph';
import { DemoServer, startDemoServer } from './server';

/** The probe's bucket: run metrics are computed per `STEP_S` seconds of when each run happened (its started_at). */
const STEP_S = 2;
/**
 * zscore over the previous WINDOW buckets with an explicit threshold: it scores from the first
 * bucket after its window (the product default, vigil, waits for 200 points and a day of history),
 * and a slow node multiplies the p95 several times over while normal buckets stay within ~3σ.
 */
const WINDOW = 20;
const THRESHOLD = 6;

interface Args {
  runs: number;
  history: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 60, history: 40, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === '--runs') args.runs = value();
    else if (a === '--history') args.history = value();
    else if (a === '--keep') args.keep = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run demo -- [--runs N (default 60, at least 12)] [--history H (default 40)] [--keep]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  args.runs = Math.max(12, args.runs);
  args.history = Math.max(WINDOW + 5, args.history);
  return args;
}

const tty = process.stdout.isTTY === true;
const c = (code: number) => (s: string | number) => (tty ? `\x1b[${code}m${s}\x1b[0m` : String(s));
const bold = c(1);
const dim = c(2);
const red = c(31);
const green = c(32);
const yellow = c(33);
const cyan = c(36);
const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);

function bar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** The simulated past: one run per bucket, ending one bucket before now, two old failures of another kind. */
function historyRuns(count: number, now: number, session: string): CreateRun[] {
  const runs: CreateRun[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = now - (count - i) * STEP_S * 1000;
    const duration = jitter(115);
    const failed = i === Math.floor(count / 3) || i === Math.floor((2 * count) / 3);
    const n = 1000 + i;
    runs.push({
      wpk_id: DEMO_WORKFLOW,
      run_id: `history-${session}-${n}`,
      status: failed ? 'failed' : 'completed',
      inputs: { invoice_url: `https://invoices.example.com/${n}.pdf` },
      outputs: failed ? undefined : { decision: 'approve', record_id: `inv-${n}` },
      error: failed ? `Error: fetch got 404 for https://invoices.example.com/${n}.pdf (document not found)` : null,
      duration_ms: duration,
      started_at: new Date(createdAt).toISOString(),
      ended_at: new Date(createdAt + duration).toISOString(),
      created_at: new Date(createdAt).toISOString(),
      tags: ['demo', 'history'],
      node_logs: ['fetch', 'parse', 'enrich', 'decide', 'store'].slice(0, failed ? 1 : 5).map((node, step) => ({
        node,
        step: step + 1,
        status: failed ? 'failed' : 'completed',
      })),
    });
  }
  return runs;
}

/** normal, then enrich slow and failing for a stretch, then recovered */
function conditionsAt(i: number, total: number): DemoConditions & { phase: string } {
  const slowFrom = Math.floor(total * 0.45);
  const slowRuns = Math.max(8, Math.round(total * 0.3));
  if (i >= slowFrom && i < slowFrom + slowRuns) return { enrichSlow: true, enrichFailureRate: 0.5, phase: 'degraded' };
  return { enrichSlow: false, enrichFailureRate: 0, phase: 'normal' };
}

async function similarWhenEmbedded(client: NeuralOpsClient, id: string, timeoutMs: number): Promise<SimilarRun[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return (await client.similarRuns(id, { k: 5 })).items;
    } catch (err) {
      if (!(err instanceof NeuralOpsError) || err.code !== 'EMBEDDING_PENDING' || Date.now() > deadline) throw err;
      await sleep(250);
    }
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  out(bold('NeuralOps demo') + dim(' — record LangGraph runs, watch them, find what went wrong'));
  out(dim(process.env.NEURALOPS_URL ? `using ${process.env.NEURALOPS_URL} …` : 'starting the server …'));
  const server: DemoServer = await startDemoServer();
  let keep = args.keep;
  try {
    const client = new NeuralOpsClient({ baseUrl: server.url, apiKey: server.apiKey });
    out(`server   ${cyan(server.url)} ${dim(`(${server.how}${server.dataDir ? `, data in ${server.dataDir}` : ''})`)}`);
    await client.registerWorkflow({
      id: DEMO_WORKFLOW,
      name: 'Invoice agent (demo)',
      description: 'fetch → parse → enrich → decide → store',
      owner: 'demo',
      tags: ['demo'],
    });

    // 1. history
    const historyStart = Date.now() - args.history * STEP_S * 1000;
    // a session id keeps a second demo against the same server (NEURALOPS_URL) from merging into the first
    const session = randomUUID().slice(0, 8);
    const history = historyRuns(args.history, Date.now(), session);
    const batch = await client.recordRuns(history);
    if (batch.failed) throw new Error(`history: ${batch.failed} runs refused: ${JSON.stringify(batch.items.find((i) => i.error))}`);
    out();
    out(bold('1. Run history') + dim(` — ${history.length} earlier runs, ${STEP_S} s apart (a compressed timeline ending now)`));
    out(`   ${history.filter((r) => r.status === 'failed').length} failed, typical duration ${ms(median(history.map((r) => r.duration_ms ?? 0)))}`);

    // 2. live runs through the callback handler
    out();
    out(bold('2. Live LangGraph runs') + dim(` — fetch → parse → enrich → decide → store, ${args.runs} invocations with NeuralOpsCallbackHandler`));
    const handler = new NeuralOpsCallbackHandler({ baseUrl: server.url, apiKey: server.apiKey, wpkId: DEMO_WORKFLOW, tags: ['demo', 'live'] });
    const live: Array<{ runId: string; ok: boolean; ms: number; phase: string }> = [];
    let lastPrint = 0;
    for (let i = 0; i < args.runs; i++) {
      const cond = conditionsAt(i, args.runs);
      const graph = buildDemoGraph(cond);
      const runId = randomUUID();
      const t0 = Date.now();
      let ok = true;
      try {
        await graph.invoke({ invoice_url: `https://invoices.example.com/${2000 + i}.pdf` }, { callbacks: [handler], runId });
      } catch {
        ok = false;
      }
      live.push({ runId, ok, ms: Date.now() - t0, phase: cond.phase });
      const failed = live.filter((r) => !r.ok).length;
      const line = `   ${bar(i + 1, args.runs)} ${String(i + 1).padStart(3)}/${args.runs}  ${green(`ok ${i + 1 - failed}`)}  ${failed ? red(`failed ${failed}`) : 'failed 0'}  last ${ms(Date.now() - t0)} ${cond.phase === 'degraded' ? yellow('(enrich degraded)') : ''}`;
      if (tty) process.stdout.write(`\r\x1b[K${line}`);
      else if (i + 1 === args.runs || Date.now() - lastPrint > 2000) {
        out(line);
        lastPrint = Date.now();
      }
    }
    if (tty) out();
    const flushed = await handler.flush(30_000);
    const stats = handler.stats;
    if (stats.delivered < args.runs) {
      throw new Error(`only ${stats.delivered} of ${args.runs} live runs were delivered (${flushed.failed} failed, ${flushed.dropped} dropped, ${flushed.pending} still pending)`);
    }
    const degraded = live.filter((r) => r.phase === 'degraded');
    out(
      `   normal runs ${ms(median(live.filter((r) => r.phase === 'normal').map((r) => r.ms)))} median; ` +
        `degraded stretch: ${degraded.length} runs, ${ms(median(degraded.map((r) => r.ms)))} median, ${red(`${degraded.filter((r) => !r.ok).length} failed`)}`,
    );

    // the run history as the server holds it, oldest → newest: one bar per run, height = duration
    const recorded = (await client.listRuns({ wpk_id: DEMO_WORKFLOW, limit: 200 })).items.reverse().slice(-100);
    const top = Math.max(...recorded.map((r) => r.duration_ms ?? 0), 1);
    const spark = recorded.map((r) => {
      const ch = '▁▂▃▄▅▆▇█'[Math.min(7, Math.floor(((r.duration_ms ?? 0) / top) * 8))];
      return r.status === 'failed' ? red(ch) : ch;
    });
    out(`   the run history now (GET /runs, last ${recorded.length}, ${red('red')} = failed, tallest ${ms(top)}):`);
    for (let i = 0; i < spark.length; i += 50) out(`   ${spark.slice(i, i + 50).join('')}`);

    // 3. registry
    const workflow = await client.getWorkflow(DEMO_WORKFLOW);
    out();
    out(bold('3. Registry') + dim(` — GET /workflows/${DEMO_WORKFLOW}`));
    const statusColor = workflow.last_status === 'failed' ? red : green;
    out(`   latest run ${workflow.last_run_id} ${statusColor(String(workflow.last_status))} in ${ms(workflow.last_duration_ms)}; ${workflow.runs_total} runs, ${workflow.runs_failed} failed`);

    // 4. insight: the probe scores the complete buckets, so wait for the current one to close
    const nextBucket = Math.ceil(Date.now() / (STEP_S * 1000)) * STEP_S * 1000;
    await sleep(nextBucket - Date.now() + 150);
    const lookbackS = Math.ceil((Date.now() - historyStart) / 1000) + 4 * STEP_S;
    const probe = await client.createProbe({
      name: `${DEMO_WORKFLOW} p95 duration (${session})`,
      source: 'runs',
      query: 'runs_duration_p95_ms',
      wpk_id: DEMO_WORKFLOW,
      detector: 'zscore',
      detector_params: { window: WINDOW },
      threshold: THRESHOLD,
      step: `${STEP_S}s`,
      lookback: `${lookbackS}s`,
      cooldown_s: 30,
      min_consecutive: 1,
      interval_s: 60,
    });
    const ran = await client.runProbe(probe.id);
    if (ran.run.error) throw new Error(`the probe failed: ${ran.run.error}`);
    const signals = (await client.listSignals({ probe_id: probe.id, limit: 50 })).items;
    out();
    out(bold('4. Insight') + dim(` — probe "${probe.name}": ${probe.query}, zscore window ${WINDOW}, threshold ${THRESHOLD}σ, step ${STEP_S}s`));
    out(`   scored ${ran.run.points_scored} buckets → ${signals.length ? yellow(`${signals.length} signal(s)`) : red('no signal')}`);
    let chosen: Signal | undefined;
    let linkedFailed: Array<{ id: string; run_id: string; error: string | null; duration_ms: number | null }> = [];
    for (const s of [...signals].sort((a, b) => b.score - a.score)) {
      const linked = await client.signalRuns(s.id, { limit: 100 });
      const failed = linked.items.filter((r) => r.status === 'failed');
      if (!chosen || failed.length > linkedFailed.length) {
        chosen = s;
        linkedFailed = failed;
      }
    }
    if (chosen) {
      out(`   ${yellow('▲')} ${chosen.metric} ${chosen.series} — ${chosen.state}, peak ${ms(chosen.value)}, score ${chosen.score.toFixed(1)}σ`);
      out(`   hint: ${bold(chosen.hint)}`);
      out(`   failed runs linked to it (GET /signals/${chosen.id}/runs): ${red(linkedFailed.length)}`);
      for (const r of linkedFailed.slice(0, 4)) out(dim(`     ${r.run_id}  ${ms(r.duration_ms)}  ${truncate(r.error ?? '', 90)}`));
    }

    // 5. similar runs
    let similar: SimilarRun[] = [];
    const failure = linkedFailed[0] ?? (await client.listRuns({ wpk_id: DEMO_WORKFLOW, status: 'failed', limit: 1 })).items[0];
    out();
    if (failure) {
      out(bold('5. Similar runs') + dim(` — GET /runs/${failure.id}/similar (runs embedded by the background worker)`));
      out(`   to failed run ${failure.run_id}: ${truncate(failure.error ?? '', 90)}`);
      similar = await similarWhenEmbedded(client, failure.id, 20_000);
      for (const s of similar) {
        out(`     ${s.score.toFixed(3)}  ${s.run.status === 'failed' ? red(s.run.status) : green(s.run.status)}  ${s.run.run_id}  ${dim(truncate(s.run.error ?? '', 70))}`);
      }
    } else {
      out(red('5. Similar runs — no failed run to start from'));
    }

    out();
    out(`Explore further: ${cyan(`${server.url}/docs`)} (Swagger UI; Authorize with the API key)`);
    if (keep && server.pid !== null) out(`   API key ${server.apiKey}; the server keeps running (pid ${server.pid}): kill ${server.pid} to stop it`);
    else if (server.dataDir) out(dim('   the demo server stops now; `npm run demo -- --keep` leaves it running'));
    out(dim(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`));
    const result = { runs: args.runs, signals: signals.length, similar: similar.length };
    out(`DEMO RESULT ${JSON.stringify(result)}`);
    return result.signals > 0 && result.similar > 0 ? 0 : 1;
  } catch (err) {
    keep = false;
    throw err;
  } finally {
    if (keep) server.detach();
    else await server.stop();
  }
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.stdout.write(`DEMO RESULT ${JSON.stringify({ runs: 0, signals: 0, similar: 0 })}\n`);
    process.exit(1);
  },
);
