import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { NeuralOpsCallbackHandler, NeuralOpsClient, type NodeLog, type Run } from '@neuralops/client';
import { Command } from '@langchain/langgraph';
import { branchingGraph, failingGraph, interruptingGraph, linearGraph, subgraphGraph } from '../client/graphs';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

describeDb('LangGraph runs recorded by NeuralOpsCallbackHandler', () => {
  let t: TestApp;
  let baseUrl: string;
  let client: NeuralOpsClient;
  const warnings: string[] = [];
  const handler = (options: { wpkId?: string; postRunning?: boolean } = {}) =>
    new NeuralOpsCallbackHandler({ baseUrl, apiKey: t.admin.key, onWarning: (m) => warnings.push(m), ...options });

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false' } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    client = new NeuralOpsClient({ baseUrl, apiKey: t.admin.key });
  });
  afterAll(() => t.close());
  afterEach(() => expect(warnings.splice(0)).toEqual([]));

  async function stored(wpkId: string, runId: string): Promise<Run & { node_logs: NodeLog[] }> {
    const page = await client.listRuns({ wpk_id: wpkId, run_id: runId });
    expect(page.items).toHaveLength(1);
    const run = await client.getRun(page.items[0].id);
    expect(run.node_logs).toEqual(expect.any(Array));
    return run as Run & { node_logs: NodeLog[] };
  }
  const shape = (logs: NodeLog[]) => logs.map((l) => [l.node, l.step, l.status]);

  it('a linear graph: one run under the graph name with its root run id, inputs, outputs and one log per node in order', async () => {
    const h = handler();
    const runId = randomUUID();
    const result = await linearGraph().invoke({ value: 1 }, { callbacks: [h], runId, configurable: { thread_id: 'thread-7' } });
    expect(result).toEqual({ value: 20, trail: ['fetch', 'parse', 'store'] });
    await h.flush();

    const run = await stored('linear-graph', runId);
    expect(run).toMatchObject({ status: 'completed', inputs: { value: 1 }, outputs: { value: 20, trail: ['fetch', 'parse', 'store'] }, error: null });
    expect(run.duration_ms).toBeGreaterThanOrEqual(0);
    expect(shape(run.node_logs)).toEqual([
      ['fetch', 1, 'completed'],
      ['parse', 2, 'completed'],
      ['store', 3, 'completed'],
    ]);
    const [fetch, parse] = run.node_logs;
    expect(fetch).toMatchObject({ inputs: { value: 1 }, outputs: { value: 2, trail: ['fetch'] }, thread_id: 'thread-7', error: null });
    expect(fetch.checkpoint_ns).toMatch(/^fetch:/);
    expect(fetch.path).toBeUndefined();
    expect(Date.parse(fetch.ended_at!)).toBeGreaterThanOrEqual(Date.parse(fetch.started_at!));
    expect(fetch.duration_ms).toBe(Date.parse(fetch.ended_at!) - Date.parse(fetch.started_at!));
    expect(Date.parse(parse.started_at!)).toBeGreaterThanOrEqual(Date.parse(fetch.ended_at!));
  });

  it('a branching graph: only the branch taken is logged; wpkId overrides the graph name; one handler, one run per invocation', async () => {
    const h = handler({ wpkId: 'router' });
    const graph = branchingGraph();
    const [a, b] = [randomUUID(), randomUUID()];
    await graph.invoke({ value: 80 }, { callbacks: [h], runId: a });
    await graph.invoke({ value: 3 }, { callbacks: [h], runId: b });
    await h.flush();
    expect(shape((await stored('router', a)).node_logs)).toEqual([
      ['classify', 1, 'completed'],
      ['big', 2, 'completed'],
      ['done', 3, 'completed'],
    ]);
    const small = await stored('router', b);
    expect(shape(small.node_logs)).toEqual([
      ['classify', 1, 'completed'],
      ['small', 2, 'completed'],
      ['done', 3, 'completed'],
    ]);
    expect(small.outputs).toEqual({ value: 103, trail: ['classify', 'small', 'done'] });
    expect(h.stats).toEqual({ pending: 0, delivered: 2, failed: 0, dropped: 0 });
  });

  it('a failing node: the graph still throws its own error; the run is failed with the error on the node', async () => {
    const h = handler({ postRunning: true });
    const runId = randomUUID();
    await expect(failingGraph().invoke({ value: 1 }, { callbacks: [h], runId })).rejects.toThrow('upstream said 503');
    await h.flush();
    const run = await stored('failing-graph', runId);
    expect(run.status).toBe('failed');
    expect(run.error).toContain('upstream said 503');
    expect(run.outputs).toBeNull();
    expect(shape(run.node_logs)).toEqual([
      ['load', 1, 'completed'],
      ['explode', 2, 'failed'],
    ]);
    expect(run.node_logs[1].error).toBe('Error: upstream said 503');
    expect(run.node_logs[0].error).toBeNull();
    expect(run.node_logs[1].outputs).toBeUndefined();
  });

  it('a subgraph: its nodes are logged with their path and namespace; the subgraph itself is one node', async () => {
    const h = handler();
    const runId = randomUUID();
    const result = await subgraphGraph().invoke({ value: 1 }, { callbacks: [h], runId });
    expect(result.value).toBe(12);
    await h.flush();
    const run = await stored('subgraph-graph', runId);
    expect(run.node_logs.map((l) => [l.node, l.step, l.status, l.path])).toEqual([
      ['prepare', 1, 'completed', undefined],
      ['enrich', 2, 'completed', undefined],
      ['lookup', 1, 'completed', ['enrich']],
      ['score', 2, 'completed', ['enrich']],
      ['finish', 3, 'completed', undefined],
    ]);
    const enrich = run.node_logs[1];
    const lookup = run.node_logs[2];
    expect(lookup.checkpoint_ns!.startsWith(`${enrich.checkpoint_ns}|lookup:`)).toBe(true);
    expect(Date.parse(enrich.ended_at!)).toBeGreaterThanOrEqual(Date.parse(run.node_logs[3].ended_at!));
  });

  it('a human-in-the-loop interrupt: the node is interrupted, the run completes flagged, the resume is a run of its own', async () => {
    const h = handler();
    const graph = interruptingGraph();
    const config = { callbacks: [h], configurable: { thread_id: 'hitl-1' } };
    const [first, resume] = [randomUUID(), randomUUID()];
    const paused = await graph.invoke({ value: 1 }, { ...config, runId: first });
    expect((paused as { __interrupt__?: unknown[] }).__interrupt__).toHaveLength(1);
    await graph.invoke(new Command({ resume: 41 }), { ...config, runId: resume });
    await h.flush();
    const a = await stored('hitl-graph', first);
    expect(a.status).toBe('completed');
    expect(a.metadata).toEqual({ langgraph_interrupted: true });
    expect(shape(a.node_logs)).toEqual([
      ['draft', 1, 'completed'],
      ['approve', 2, 'interrupted'],
    ]);
    const b = await stored('hitl-graph', resume);
    expect(b.metadata).toBeNull();
    expect(shape(b.node_logs)).toEqual([
      ['approve', 2, 'completed'],
      ['publish', 3, 'completed'],
    ]);
    expect(b.outputs).toMatchObject({ value: 42, trail: ['draft', 'approve', 'publish'] });
  });
});
