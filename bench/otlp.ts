/**
 * OTLP ingest: spans/s through POST /v1/traces beside runs/s through POST /runs/batch, on the same
 * server build and database in the same run. The OTLP bodies are what the real
 * @opentelemetry/exporter-trace-otlp-proto sends (captured once by a recording endpoint, then
 * replayed by autocannon, each body once, so every span is new to the server): exports of 50
 * agent traces of 7 spans (an agent, two tools, a sub-agent, three model calls), as a batch span
 * processor sends them.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { exportWith, genAiAgentRun, memoryTracer } from '../test/support/otel';
import { checked, createDatabase, fmt, load, realisticRun, startNeuralOps } from './lib';
import { alternating, withRepeats } from './stats';

const TRACES_PER_EXPORT = 50;
const SPANS_PER_TRACE = 7;
const BATCH = 500;

/** `count` export bodies as the proto exporter encodes them. */
async function exportBodies(count: number): Promise<Buffer[]> {
  const bodies: Buffer[] = [];
  const recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
  const exporter = new OTLPTraceExporter({ url: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/v1/traces` });
  const m = memoryTracer({ 'service.name': 'bench-svc' });
  for (let i = 0; i < count; i++) {
    m.reset();
    for (let k = 0; k < TRACES_PER_EXPORT; k++) genAiAgentRun(m.tracer, { agent: `bench-agent-${k % 20}`, offsetMs: (i * TRACES_PER_EXPORT + k) * 1000 });
    const result = await exportWith(exporter, m.spans());
    if (!result.ok) throw new Error(`recording an export failed: ${result.error?.message}`);
  }
  await exporter.shutdown();
  await new Promise<void>((r) => recorder.close(() => r()));
  return bodies;
}

/** Batch bodies of 500 realistic runs, made before the timer like the OTLP exports. */
function batchBodies(tag: string, count: number): string[] {
  const out: string[] = [];
  for (let b = 0; b < count; b++) out.push(JSON.stringify({ runs: Array.from({ length: BATCH }, (_, i) => realisticRun(`wf-${i % 50}`, `${tag}-${b}-${i}`)) }));
  return out;
}

/** Hands out each prepared body once; when all are sent the load ends early. */
function dealer(bodies: readonly string[]): () => string | null {
  let next = 0;
  return () => (next < bodies.length ? bodies[next++] : null);
}

export async function otlp(opts: { smoke: boolean; repeat: number; duration: number }): Promise<string[]> {
  // enough bodies that none is sent twice within a run (a repeat is a no-op the server answers fast);
  // a load that sends them all ends early, which the rate accounts for
  const exportsPerRun = opts.smoke ? 40 : Math.max(200, opts.duration * 60);
  const batchesPerRun = opts.smoke ? 20 : Math.max(100, opts.duration * 15);
  const rows: string[] = [];
  for (const driver of ['postgres', 'sqlite'] as const) {
    const spans: number[] = [];
    const batchRuns: number[] = [];
    for (let r = 0; r < opts.repeat; r++) {
      const bodies = { otlp: await exportBodies(exportsPerRun), batch: batchBodies(`b-${r}`, batchesPerRun) };
      for (const part of alternating(['otlp', 'batch'] as const, r)) {
        const db = driver === 'postgres' ? await createDatabase(part) : undefined;
        const server = await startNeuralOps({ databaseUrl: db?.url });
        try {
          if (part === 'otlp') {
            const res = checked(
              await load({
                url: `${server.url}/v1/traces`, method: 'POST', connections: 4, duration: opts.duration,
                headers: { 'content-type': 'application/x-protobuf' },
                body: dealer(bodies.otlp as unknown as string[]),
              }),
              `OTLP on ${driver}`,
              4,
            );
            spans.push(res.rps * TRACES_PER_EXPORT * SPANS_PER_TRACE);
          } else {
            const res = checked(await load({ url: `${server.url}/runs/batch`, method: 'POST', connections: 4, duration: opts.duration, body: dealer(bodies.batch) }), `batch on ${driver}`, 4);
            batchRuns.push(res.rps * BATCH);
          }
        } finally {
          await server.stop();
          await db?.drop();
        }
      }
    }
    const tracesPerS = spans.map((s) => s / SPANS_PER_TRACE);
    rows.push(
      `| ${driver} | ${withRepeats(spans, 0)} | ${withRepeats(tracesPerS, 0)} | ${withRepeats(batchRuns, 0)} | **${withRepeats(tracesPerS.map((t, i) => t / batchRuns[i]), 2)}** |`,
    );
    process.stdout.write(`${driver}: spans/s ${spans.map((v) => fmt(v, 0)).join(', ')}; batch runs/s ${batchRuns.map((v) => fmt(v, 0)).join(', ')}\n`);
  }
  return [
    '## 13. OTLP ingest, `POST /v1/traces` beside `POST /runs/batch`',
    '',
    `4 connections each (asserted), ${opts.duration} s per load, ${opts.repeat} repeats, the two loads of a repeat in alternating order, each on a fresh server and database. OTLP: protobuf exports of ${TRACES_PER_EXPORT} agent traces × ${SPANS_PER_TRACE} spans as @opentelemetry/exporter-trace-otlp-proto encodes them (recorded before the timer), every span new to the server. Baseline in the same run: \`POST /runs/batch\` of ${BATCH} realistic runs, bodies made before the timer. Each trace becomes one run, its spans merged into it, so the ratio compares runs/s. A load with any non-2xx answer or error gives no figure. Every figure: the median, then each repeat; the ratio is taken within each repeat.`,
    '',
    '| database | spans/s | runs/s via OTLP | runs/s via /runs/batch | OTLP runs/s ÷ batch runs/s |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    '',
    'Regenerate: `npm run bench:otlp`',
  ];
}
