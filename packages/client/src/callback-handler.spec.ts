import { boundedObject } from './bounded-json.js';
import { NeuralOpsCallbackHandler } from './callback-handler.js';
import { NeuralOpsClient } from './neuralops.client.js';
import type { CreateRun } from './types.js';

/** The handler fed LangChain's callbacks directly, with a fake fetch capturing what it posts. */
function setup(options: { wpkId?: string } = {}) {
  const posted: CreateRun[] = [];
  const fetch = (async (_url: string, init: { body: string }) => {
    posted.push(JSON.parse(init.body));
    return new Response('{}', { status: 201 });
  }) as unknown as typeof globalThis.fetch;
  const warnings: string[] = [];
  const client = new NeuralOpsClient({ baseUrl: 'http://neuralops.test', fetch });
  const handler = new NeuralOpsCallbackHandler({ baseUrl: 'http://neuralops.test', client, ...options, onWarning: (m) => warnings.push(m) });
  return { handler, posted, warnings };
}

const graph = { id: ['langgraph', 'pregel', 'CompiledStateGraph'] };
const seq = { id: ['langchain_core', 'runnables', 'RunnableSequence'] };
const meta = (node: string, step: number, ns: string) => ({ langgraph_node: node, langgraph_step: step, checkpoint_ns: ns, thread_id: 't' });

describe('NeuralOpsCallbackHandler (events fed directly)', () => {
  it('logs chain runs under a graph that carry langgraph_node; skips hidden steps and runnables nested in a node', async () => {
    const { handler, posted, warnings } = setup();
    handler.handleChainStart(graph, { q: 1 }, 'root', undefined, [], {}, undefined, 'my-graph');
    handler.handleChainStart(seq, {}, 'start', 'root', ['graph:step:0', 'langsmith:hidden'], meta('__start__', 0, '__start__:1'));
    handler.handleChainEnd({}, 'start');
    handler.handleChainStart(seq, { q: 1 }, 'n1', 'root', ['graph:step:1'], meta('a', 1, 'a:1'));
    handler.handleChainStart({ id: ['x', 'RunnableLambda'] }, 1, 'inner', 'n1', [], meta('a', 1, 'a:1'));
    handler.handleChainEnd(1, 'inner');
    handler.handleChainEnd({ r: 2 }, 'n1');
    handler.handleChainEnd({ r: 2 }, 'root');
    expect(await handler.flush()).toEqual({ delivered: 1, failed: 0, dropped: 0, pending: 0 });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ wpk_id: 'my-graph', run_id: 'root', status: 'completed', inputs: { q: 1 }, outputs: { r: 2 } });
    expect(posted[0].node_logs).toEqual([
      expect.objectContaining({ node: 'a', step: 1, status: 'completed', checkpoint_ns: 'a:1', thread_id: 't', inputs: { q: 1 }, outputs: { r: 2 }, error: null }),
    ]);
    expect(warnings).toEqual([]);
  });

  it('a run whose parent is unknown is a root of its own; wpkId wins over the graph name; errors become failed', async () => {
    const { handler, posted } = setup({ wpkId: 'fixed' });
    handler.handleChainStart(graph, 'text input', 'r2', 'someone-elses-parent', [], {}, undefined, 'g');
    handler.handleChainStart(seq, {}, 'n', 'r2', [], meta('b', 1, 'b:1'));
    handler.handleChainError(new TypeError('bad'), 'n');
    handler.handleChainError(new TypeError('bad'), 'r2');
    await handler.flush();
    expect(posted[0]).toMatchObject({ wpk_id: 'fixed', run_id: 'r2', status: 'failed', error: 'TypeError: bad', inputs: { value: 'text input' } });
    expect(posted[0].node_logs![0]).toMatchObject({ node: 'b', status: 'failed', error: 'TypeError: bad' });
  });

  it('flush() tells a run the server refused from one delivered', async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'invalid request: status' }, request_id: 'r' }), {
        status: 400,
        headers: { 'Content-Type': 'application/json' },
      })) as unknown as typeof globalThis.fetch;
    const client = new NeuralOpsClient({ baseUrl: 'http://neuralops.test', fetch });
    const handler = new NeuralOpsCallbackHandler({ baseUrl: 'http://neuralops.test', client, onWarning: () => undefined });
    handler.handleChainStart(graph, {}, 'r3', undefined, [], {}, undefined, 'g');
    handler.handleChainEnd({}, 'r3');
    expect(await handler.flush()).toEqual({ delivered: 0, failed: 1, dropped: 0, pending: 0 });
    expect(handler.stats).toEqual({ pending: 0, delivered: 0, failed: 1, dropped: 0 });
  });

  it('never throws into the caller, even on events it never saw start', () => {
    const { handler } = setup();
    expect(() => handler.handleChainEnd({}, 'unknown')).not.toThrow();
    expect(() => handler.handleChainError(new Error('x'), 'unknown')).not.toThrow();
  });
});

describe('boundedObject', () => {
  it('keeps small objects, wraps other JSON, survives cycles and bigints, truncates large values', () => {
    expect(boundedObject({ a: 1 }, 100)).toEqual({ a: 1 });
    expect(boundedObject([1, 2], 100)).toEqual({ value: [1, 2] });
    const cyclic: Record<string, unknown> = { n: 10n };
    cyclic.self = cyclic;
    expect(boundedObject(cyclic, 100)).toEqual({ n: '10', self: '[Circular]' });
    const big = boundedObject({ text: 'x'.repeat(10_000) }, 1_000);
    expect(big).toMatchObject({ _truncated: true, _original_chars: 10_011 });
    expect(JSON.stringify(big).length).toBeLessThan(1_000);
  });
});
