import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { NeuralOpsCallbackHandler, NeuralOpsClient, type NodeLog, type Run } from '@neuralops/client';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { FakeChatModel } from '../client/fake-chat-model';
import { modelGraph } from '../client/graphs';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

/**
 * One real LangGraph graph, run once with both recorders on: OpenInference's LangChain
 * instrumentation exporting over OTLP/HTTP, and NeuralOpsCallbackHandler posting to /runs. The two
 * stored runs agree on everything but ids and timings.
 */
describeDb('a LangGraph graph over OTLP (OpenInference) and through NeuralOpsCallbackHandler, side by side', () => {
  let t: TestApp;
  let client: NeuralOpsClient;
  let provider: NodeTracerProvider;
  let baseUrl: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-otlp-lg-'));
  const pricesFile = path.join(dir, 'prices.json');
  fs.writeFileSync(pricesFile, JSON.stringify({ 'fake-gpt': { input_per_million: 1, output_per_million: 2 } }));

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false', MODEL_PRICES_FILE: pricesFile } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    client = new NeuralOpsClient({ baseUrl, apiKey: t.admin.key });
    provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'langgraph-service' }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${baseUrl}/v1/traces`, headers: { 'x-api-key': t.admin.key } }))],
    });
    new LangChainInstrumentation({ tracerProvider: provider }).manuallyInstrument(CallbackManagerModule);
  });
  afterAll(async () => {
    await provider.shutdown();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runOf(query: Record<string, string>): Promise<Run & { node_logs: NodeLog[] }> {
    const page = await client.listRuns(query);
    expect(page.items).toHaveLength(1);
    return (await client.getRun(page.items[0].id)) as Run & { node_logs: NodeLog[] };
  }

  /** What both must agree on: the run's status, error and usage; each node's name, step, status, error, path and usage, in order. */
  const comparable = (run: Run & { node_logs: NodeLog[] }) => ({
    wpk_id: run.wpk_id,
    status: run.status,
    error: run.error,
    usage: run.usage,
    node_logs: run.node_logs.map((n) => ({ node: n.node, step: n.step, status: n.status, error: n.error, path: n.path, usage: n.usage })),
  });

  it('records the same run: statuses, errors, nodes in order, steps, subgraph paths, tokens and cost', async () => {
    const warnings: string[] = [];
    const handler = new NeuralOpsCallbackHandler({ baseUrl, apiKey: t.admin.key, onWarning: (m) => warnings.push(m) });
    const runId = randomUUID();
    await expect(modelGraph(new FakeChatModel()).invoke({ value: 1 }, { callbacks: [handler], runId, configurable: { thread_id: 'sbs-1' } })).rejects.toThrow('node explode failed');
    expect(await handler.flush(10_000)).toMatchObject({ delivered: 1, failed: 0 });
    await provider.forceFlush();
    expect(warnings).toEqual([]);

    const viaHandler = await runOf({ wpk_id: 'model-graph', run_id: runId });
    const page = await client.listRuns({ wpk_id: 'model-graph' });
    const traced = page.items.filter((r) => r.run_id !== runId);
    expect(traced).toHaveLength(1);
    const viaOtlp = await runOf({ wpk_id: 'model-graph', run_id: traced[0].run_id });
    expect(viaOtlp.run_id).toMatch(/^[0-9a-f]{32}$/);

    expect(comparable(viaOtlp)).toEqual(comparable(viaHandler));
    // and what that is
    expect(comparable(viaOtlp)).toEqual({
      wpk_id: 'model-graph',
      status: 'failed',
      error: 'Error: node explode failed',
      usage: { input_tokens: 36, output_tokens: 15, total_tokens: 51, cost_usd: 0.000066 },
      node_logs: [
        { node: 'fetch', step: 1, status: 'completed', error: null, path: undefined, usage: undefined },
        { node: 'llm', step: 2, status: 'completed', error: null, path: undefined, usage: { input_tokens: 24, output_tokens: 10, total_tokens: 34, cost_usd: 0.000044 } },
        { node: 'tool', step: 3, status: 'completed', error: null, path: undefined, usage: undefined },
        { node: 'enrich', step: 4, status: 'completed', error: null, path: undefined, usage: undefined },
        { node: 'lookup', step: 1, status: 'completed', error: null, path: ['enrich'], usage: undefined },
        { node: 'score', step: 2, status: 'completed', error: null, path: ['enrich'], usage: { input_tokens: 12, output_tokens: 5, total_tokens: 17, cost_usd: 0.000022 } },
        { node: 'explode', step: 5, status: 'failed', error: 'Error: node explode failed', path: undefined, usage: undefined },
      ],
    });
    // OpenInference reports the model asked for, LangChain's result the one that answered: both priced as fake-gpt
    expect(viaOtlp.models).toEqual(['fake-gpt']);
    expect(viaHandler.models).toEqual(['fake-gpt-2026-01-01']);
    // the rest of a node log matches too, where ids and clocks do not enter
    const [fetchOtlp, fetchHandler] = [viaOtlp.node_logs[0], viaHandler.node_logs[0]];
    expect({ inputs: fetchOtlp.inputs, outputs: fetchOtlp.outputs, thread_id: fetchOtlp.thread_id }).toEqual({ inputs: fetchHandler.inputs, outputs: fetchHandler.outputs, thread_id: fetchHandler.thread_id });
    expect(viaOtlp.inputs).toEqual(viaHandler.inputs);
  });
});
