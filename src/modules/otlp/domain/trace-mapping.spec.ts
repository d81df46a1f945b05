import { PriceTable } from '../../runs/domain/pricing';
import type { Attributes, IngestSpan } from './otlp-request';
import { errorText, SpanFacts, spanFacts, traceToRun } from './trace-mapping';

const TRACE = 'ab'.repeat(16);
let n = 0;
function span(name: string, parent: IngestSpan | null, attributes: Attributes, extra: Partial<IngestSpan> = {}): IngestSpan {
  n++;
  return {
    trace_id: TRACE, span_id: n.toString(16).padStart(16, '0'), parent_span_id: parent?.span_id ?? null, name, kind: 1,
    start_ms: 1_768_471_200_000 + n, end_ms: 1_768_471_200_000 + n + 100, status_code: 0, status_message: '', parent_is_remote: false,
    attributes, exceptions: [], resource: { 'service.name': 'svc' }, ...extra,
  };
}
const meta = (node: string, step: number, ns: string) => ({ metadata: JSON.stringify({ langgraph_node: node, langgraph_step: step, checkpoint_ns: ns, thread_id: 't-1' }) });
const llm = (model: string, input: number, output: number) => ({ 'openinference.span.kind': 'LLM', 'llm.model_name': model, 'llm.token_count.prompt': input, 'llm.token_count.completion': output });
const prices = new PriceTable({ m: { input_per_million: 1, output_per_million: 2 } });

/** A LangGraph trace as OpenInference writes it, under an HTTP server span. */
function langGraphTrace(): IngestSpan[] {
  const http = span('POST /invoke', null, { 'http.method': 'POST' }, { kind: 2 });
  const graph = span('my-graph', http, { 'openinference.span.kind': 'CHAIN', 'input.value': '{"q":1}', 'input.mime_type': 'application/json' });
  const start = span('__start__', graph, { 'openinference.span.kind': 'CHAIN', ...meta('__start__', 0, '__start__:1') });
  const a = span('a', graph, { 'openinference.span.kind': 'CHAIN', ...meta('a', 1, 'a:1') });
  const call = span('ChatModel', a, { ...llm('m', 100, 10), ...meta('a', 1, 'a:1') });
  const inner = span('openai.chat', call, { 'gen_ai.operation.name': 'chat', 'gen_ai.response.model': 'm-2026', 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 10 });
  const sub = span('sub', graph, { 'openinference.span.kind': 'CHAIN', ...meta('sub', 2, 'sub:1') });
  const subGraph = span('sub-graph', sub, { 'openinference.span.kind': 'CHAIN', ...meta('sub', 2, 'sub:1') });
  const b = span('b', subGraph, { 'openinference.span.kind': 'CHAIN', ...meta('b', 1, 'sub:1|b:2') });
  const bad = span('c', graph, { 'openinference.span.kind': 'CHAIN', ...meta('c', 3, 'c:1') }, {
    status_code: 2, exceptions: [{ 'exception.message': 'boom\n\nError: boom\n    at x (f.js:1:1)' }],
  });
  return [http, graph, start, a, call, inner, sub, subGraph, b, bad];
}

describe('spanFacts + traceToRun', () => {
  it('maps a LangGraph trace: root under the HTTP span, nodes in order with paths, a model call counted once', () => {
    const run = traceToRun(TRACE, langGraphTrace().map(spanFacts), prices);
    expect(run).toMatchObject({ wpk_id: 'my-graph', run_id: TRACE, rooted: true, status: 'completed', inputs: { q: 1 }, models: ['m', 'm-2026'] });
    expect(run.usage).toEqual({ input_tokens: 100, output_tokens: 10, total_tokens: 110, cost_usd: 0.00012 });
    expect(run.node_logs.map((l) => [l.node, l.step, l.status, l.path, l.error])).toEqual([
      ['a', 1, 'completed', undefined, null],
      ['sub', 2, 'completed', undefined, null],
      ['b', 1, 'completed', ['sub'], null],
      ['c', 3, 'failed', undefined, 'Error: boom'],
    ]);
    expect(run.node_logs[0]).toMatchObject({ checkpoint_ns: 'a:1', thread_id: 't-1', usage: { total_tokens: 110 }, models: ['m', 'm-2026'] });
  });

  it('is a function of the set of spans: any order, any split, the same run', () => {
    const facts = langGraphTrace().map(spanFacts);
    const expected = traceToRun(TRACE, facts, prices);
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let k = 0; k < 20; k++) {
      const shuffled = [...facts];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(traceToRun(TRACE, shuffled, prices)).toEqual(expected);
    }
  });

  it('a node and the subgraph inside it that start in the same millisecond are one node, whichever span id sorts first', () => {
    for (const innerFirst of [false, true]) {
      const spans = langGraphTrace();
      const sub = spans.find((s) => s.name === 'sub')!;
      const subGraph = spans.find((s) => s.name === 'sub-graph')!;
      // the clock gives both the same start; span ids are random, so either may sort first
      subGraph.start_ms = sub.start_ms;
      if (innerFirst) [sub.span_id, subGraph.span_id] = ['ff' + sub.span_id.slice(2), '00' + subGraph.span_id.slice(2)];
      for (const s of spans) {
        if (s.name === 'sub-graph') s.parent_span_id = sub.span_id;
        if (s.name === 'b') s.parent_span_id = subGraph.span_id;
      }
      const run = traceToRun(TRACE, spans.map(spanFacts), prices);
      expect(run.node_logs.map((l) => [l.node, l.path])).toEqual([['a', undefined], ['sub', undefined], ['b', ['sub']], ['c', undefined]]);
    }
  });

  it('without the root (or with a parent not arrived), the run waits: running, the resource names the workflow', () => {
    const all = langGraphTrace();
    const noGraph = all.filter((s) => s.name !== 'my-graph' && s.name !== 'POST /invoke').map(spanFacts);
    expect(traceToRun(TRACE, noGraph, prices)).toMatchObject({ rooted: false, status: 'running', wpk_id: 'svc', ended_at: null });
    // GenAI: a sub-agent whose parent has not arrived is not taken for the root
    const root = span('invoke_agent outer', null, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'outer' });
    const child = span('invoke_agent helper', root, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'helper' });
    expect(traceToRun(TRACE, [spanFacts(child)], prices)).toMatchObject({ rooted: false, wpk_id: 'svc' });
    const both = traceToRun(TRACE, [spanFacts(child), spanFacts(root)], prices);
    expect(both).toMatchObject({ rooted: true, wpk_id: 'outer' });
    expect(both.node_logs.map((l) => l.node)).toEqual(['helper']);
  });

  it('takes the workflow and run id from neuralops.* first, then the resource', () => {
    const resource = { 'service.name': 'svc', 'neuralops.wpk_id': 'from-resource' };
    const root = span('invoke_agent x', null, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'agent-name', 'neuralops.run_id': 'r-7' }, { resource });
    expect(traceToRun(TRACE, [spanFacts(root)], prices)).toMatchObject({ wpk_id: 'from-resource', run_id: 'r-7' });
    const own = span('invoke_agent y', null, { 'gen_ai.operation.name': 'invoke_agent', 'neuralops.wpk_id': 'explicit' }, { resource });
    expect(traceToRun(TRACE, [spanFacts(own)], prices).wpk_id).toBe('explicit');
    const plain = span('invoke_agent z', null, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'agent-name' });
    expect(traceToRun(TRACE, [spanFacts(plain)], prices).wpk_id).toBe('agent-name');
  });

  it('a trace that called a model without any agent span: its top span is the root', () => {
    const chat = span('chat m', null, { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm', 'gen_ai.usage.input_tokens': 3, 'gen_ai.usage.output_tokens': 1 });
    expect(traceToRun(TRACE, [spanFacts(chat)], undefined)).toMatchObject({ rooted: true, status: 'completed', wpk_id: 'svc', usage: { total_tokens: 4, cost_usd: null } });
  });
});

describe('errorText', () => {
  it('writes Type: message, and reads the head of a JavaScript stack OpenInference puts in the message', () => {
    expect(errorText('ValueError', 'bad input')).toBe('ValueError: bad input');
    expect(errorText(undefined, 'upstream said 503\n\nError: upstream said 503\n    at f (x.js:1:1)')).toBe('Error: upstream said 503');
    expect(errorText(undefined, 'plain message')).toBe('plain message');
    expect(errorText(undefined, undefined)).toBeNull();
    expect(errorText('E', 'x'.repeat(5000))).toHaveLength(4001);
  });
});

// SpanFacts must survive JSON (they are stored as JSON and read back for later exports)
it('span facts round-trip through JSON unchanged', () => {
  const facts: SpanFacts[] = langGraphTrace().map(spanFacts);
  expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
});
