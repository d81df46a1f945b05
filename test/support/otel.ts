import { context, Span, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** A tracer whose finished spans are kept in memory, to be exported by a real exporter when and how a test says. */
export function memoryTracer(resource: Record<string, string> = { 'service.name': 'otlp-test-service' }) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(resource), spanProcessors: [new SimpleSpanProcessor(memory)] });
  return {
    tracer: provider.getTracer('neuralops-tests', '1.0.0'),
    spans: (): ReadableSpan[] => memory.getFinishedSpans(),
    reset: () => memory.reset(),
    shutdown: () => provider.shutdown(),
  };
}

/** Exports through a real exporter; resolves its ExportResult. */
export function exportWith(exporter: SpanExporter, spans: ReadableSpan[]): Promise<{ ok: boolean; error?: Error }> {
  return new Promise((resolve) => exporter.export(spans, (r) => resolve({ ok: r.code === ExportResultCode.SUCCESS, error: r.error })));
}

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

function child(tracer: Tracer, parent: Span, name: string, attributes: Record<string, string | number>, startMs: number): Span {
  return tracer.startSpan(name, { attributes, startTime: startMs }, trace.setSpan(context.active(), parent));
}

/**
 * An agent run in the GenAI conventions, by hand: invoke_agent (root) → execute_tool fetch →
 * chat (gpt-4o-mini), then invoke_agent reviewer → chat (gpt-4o) and a chat of an unpriced model,
 * then execute_tool publish, which fails when `fail`. Times are fixed from T0 (+ offsetMs).
 */
export function genAiAgentRun(tracer: Tracer, options: { agent?: string; fail?: boolean; offsetMs?: number; runId?: string } = {}): { traceId: string; startedAt: number } {
  const t = T0 + (options.offsetMs ?? 0);
  const agent = options.agent ?? 'invoice-agent';
  const root = tracer.startSpan(`invoke_agent ${agent}`, {
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': agent,
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'total of invoice 42?' }] }]),
      ...(options.runId ? { 'neuralops.run_id': options.runId } : {}),
    },
    startTime: t,
  });
  const fetch = child(tracer, root, 'execute_tool fetch', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'fetch', 'gen_ai.tool.call.arguments': '{"url":"https://example.com/i/42.pdf"}' }, t + 10);
  const chat1 = child(tracer, fetch, 'chat gpt-4o-mini', {
    'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
    'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 300,
  }, t + 20);
  chat1.end(t + 220);
  fetch.setAttribute('gen_ai.tool.call.result', '{"pages":2}');
  fetch.end(t + 250);
  const reviewer = child(tracer, root, 'invoke_agent reviewer', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'reviewer' }, t + 260);
  const chat2 = child(tracer, reviewer, 'chat gpt-4o', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 800, 'gen_ai.usage.output_tokens': 100 }, t + 270);
  chat2.end(t + 600);
  const chat3 = child(tracer, reviewer, 'chat llama-3-70b', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'llama-3-70b', 'gen_ai.usage.input_tokens': 50, 'gen_ai.usage.output_tokens': 5 }, t + 610);
  chat3.end(t + 700);
  reviewer.end(t + 710);
  const publish = child(tracer, root, 'execute_tool publish', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'publish' }, t + 720);
  if (options.fail) {
    const err = new TypeError('ledger refused the entry');
    publish.recordException(err);
    publish.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
    root.recordException(err);
    root.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
  }
  publish.end(t + 900);
  root.setAttribute('gen_ai.output.messages', JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: '1280.50 EUR' }] }]));
  root.end(t + 1000);
  return { traceId: root.spanContext().traceId, startedAt: t };
}

/** gpt-4o-mini and gpt-4o priced; llama-3-70b is not. */
export const TEST_PRICES = { 'gpt-4o-mini': { input_per_million: 0.15, output_per_million: 0.6 }, 'gpt-4o': { input_per_million: 2.5, output_per_million: 10 } };

/** A trace of `spans` spans: an agent root, then tool steps each calling gpt-4o-mini once (10 in, 2 out), plus a last step when the count is even. */
export function bigAgentRun(tracer: Tracer, spans: number): { traceId: string; steps: number; calls: number } {
  const t = T0 + 3_600_000;
  const root = tracer.startSpan('invoke_agent bulk-agent', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'bulk-agent' }, startTime: t });
  let made = 1;
  let steps = 0;
  let calls = 0;
  for (let i = 0; made < spans; i++) {
    const step = child(tracer, root, `execute_tool step-${i}`, { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': `step-${i}` }, t + i);
    made++;
    steps++;
    if (made < spans) {
      const chat = child(tracer, step, 'chat gpt-4o-mini', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 2 }, t + i);
      chat.end(t + i + 1);
      made++;
      calls++;
    }
    step.end(t + i + 1);
  }
  root.end(t + spans);
  return { traceId: root.spanContext().traceId, steps, calls };
}

/** A seeded shuffle (mulberry32), so a failure replays. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
