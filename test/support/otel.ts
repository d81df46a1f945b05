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
