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
import { createDatabase, fmt, load, median, realisticRun, startNeuralOps } from './lib';

const TRACES_PER_EXPORT = 50;
const SPANS_PER_TRACE = 7;

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

export async function otlp(opts: { smoke: boolean; repeat: number; duration: number }): Promise<string[]> {
  // enough bodies that none is sent twice within a run (a repeat is a no-op the server answers fast)
  const perRun = opts.smoke ? 40 : Math.max(200, opts.duration * 60);
  const rows: string[] = [];
  for (const driver of ['postgres', 'sqlite'] as const) {
    const spans: number[] = [];
    const batchRuns: number[] = [];
    let bad = 0;
    for (let r = 0; r < opts.repeat; r++) {
      const bodies = await exportBodies(perRun);
      for (const part of ['otlp', 'batch'] as const) {
        const db = driver === 'postgres' ? await createDatabase(part) : undefined;
        const server = await startNeuralOps({ databaseUrl: db?.url });
        let next = 0;
        let seq = 0;
        try {
          if (part === 'otlp') {
            const res = await load({
              url: `${server.url}/v1/traces`, method: 'POST', connections: 4, duration: opts.duration,
              headers: { 'content-type': 'application/x-protobuf' },
              body: () => bodies[next++ % bodies.length] as unknown as string,
            });
            if (next > bodies.length) throw new Error(`the OTLP load sent ${next} exports, more than the ${bodies.length} recorded: raise perRun`);
            spans.push(res.rps * TRACES_PER_EXPORT * SPANS_PER_TRACE);
            bad += res.non2xx + res.errors;
          } else {
            const res = await load({
              url: `${server.url}/runs/batch`, method: 'POST', connections: 4, duration: opts.duration,
              body: () => JSON.stringify({ runs: Array.from({ length: 500 }, () => realisticRun(`wf-${seq % 50}`, `b-${r}-${seq++}`)) }),
            });
            batchRuns.push(res.rps * 500);
            bad += res.non2xx + res.errors;
          }
        } finally {
          await server.stop();
          await db?.drop();
        }
      }
    }
    const traces = median(spans) / SPANS_PER_TRACE;
    rows.push(`| ${driver} | ${fmt(median(spans), 0)} | ${fmt(traces, 0)} | ${fmt(median(batchRuns), 0)} | **${fmt(traces / median(batchRuns), 2)}×** | ${bad} |`);
    process.stdout.write(`${driver}: spans/s ${spans.map((v) => fmt(v, 0)).join(', ')}; batch runs/s ${batchRuns.map((v) => fmt(v, 0)).join(', ')}\n`);
  }
  return [
    '## 13. OTLP ingest, `POST /v1/traces` beside `POST /runs/batch`',
    '',
    `4 connections, ${opts.duration} s per run, median of ${opts.repeat}. OTLP: protobuf exports of ${TRACES_PER_EXPORT} agent traces × ${SPANS_PER_TRACE} spans as @opentelemetry/exporter-trace-otlp-proto encodes them, every span new to the server. Baseline in the same run: \`POST /runs/batch\` of 500 realistic runs. Each trace becomes one run, so the ratio compares runs/s.`,
    '',
    '| database | spans/s | runs/s via OTLP | runs/s via /runs/batch | OTLP runs/s ÷ batch runs/s | non-2xx or errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    'Regenerate: `npm run bench:otlp`',
  ];
}
