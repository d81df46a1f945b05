import { NeuralOpsClient, type CreateRun } from '@neuralops/client';

const MIN = 60_000;

export interface ConsoleSeed {
  workflowId: string;
  graphRunId: string;
  /** the node names of the graph run, as logged */
  graphNodes: string[];
  probeId: string;
  probeName: string;
  signalId: string;
  keys: { read: string; ingest: string };
}

/** A run of a small graph: a subgraph with two nodes (one failed), an interrupted review. */
export function graphRun(wpkId: string, runId: string, startMs: number): CreateRun {
  const at = (ms: number) => new Date(startMs + ms).toISOString();
  return {
    wpk_id: wpkId,
    run_id: runId,
    status: 'failed',
    error: 'scoring timed out after 3 retries',
    duration_ms: 2400,
    started_at: at(0),
    ended_at: at(2400),
    created_at: at(2500),
    tags: ['prod', 'eu-west-1'],
    inputs: { invoice: 'INV-2026-0042', pages: 3 },
    outputs: { total: null },
    metadata: { model: 'gpt-4.1-mini', graph: 'invoice-v4' },
    node_logs: [
      { node: 'fetch', step: 1, status: 'completed', started_at: at(0), ended_at: at(300), inputs: { id: 'INV-2026-0042' }, outputs: { bytes: 18231 } },
      { node: 'enrich', step: 2, status: 'failed', started_at: at(300), ended_at: at(1900), error: 'subgraph failed' },
      { node: 'lookup', step: 1, status: 'completed', path: ['enrich'], started_at: at(350), ended_at: at(900), outputs: { supplier: 'ACME' } },
      { node: 'score', step: 2, status: 'failed', path: ['enrich'], started_at: at(900), ended_at: at(1850), error: 'scoring timed out after 3 retries' },
      { node: 'review', step: 3, status: 'interrupted', started_at: at(1900), ended_at: at(2200) },
      { node: 'write', step: 4, status: 'completed', started_at: at(2200), ended_at: at(2400) },
    ],
  };
}

/**
 * What the console pages show, recorded through the API as a user's pipelines and a person with an
 * admin key would: a registered workflow with 90 minutes of runs whose p95 jumps at the end, a
 * probe that flags it (one firing signal), a graph run with node logs, a second workflow, and
 * read and ingest keys.
 */
export async function seedConsole(client: NeuralOpsClient, now = Date.now()): Promise<ConsoleSeed> {
  const workflowId = 'invoice-agent';
  await client.registerWorkflow({
    id: workflowId,
    name: 'Invoice agent',
    description: 'Extracts totals from supplier invoices',
    owner: 'team-finance',
    version: '1.4.0',
    tags: ['prod', 'finance'],
    metadata: { repo: 'git@example.com:finance/invoice-agent.git' },
  });
  const end = Math.floor(now / MIN) * MIN - MIN;
  const runs: CreateRun[] = [];
  for (let i = 0; i < 90; i++) {
    const at = end - (89 - i) * MIN + 5_000;
    const slow = i >= 87;
    for (const k of [0, 1]) {
      runs.push({
        wpk_id: workflowId,
        run_id: `inv-${i}-${k}`,
        status: slow && k === 1 ? 'failed' : 'completed',
        duration_ms: slow ? 8200 + k * 100 : 1000 + ((i * 37 + k * 53) % 100),
        error: slow && k === 1 ? 'upstream timeout' : undefined,
        tags: [k ? 'eu-west-1' : 'us-east-1'],
        started_at: new Date(at + k * 1000).toISOString(),
        ended_at: new Date(at + k * 1000 + (slow ? 8200 : 1000)).toISOString(),
        created_at: new Date(at + k * 1000 + 100).toISOString(),
      });
    }
  }
  for (let i = 0; i < runs.length; i += 100) await client.recordRuns(runs.slice(i, i + 100));
  const graph = await client.recordRun(graphRun(workflowId, 'inv-graph', end - 30 * MIN));
  await client.recordRuns([
    { wpk_id: 'support-bot', run_id: 'sb-1', status: 'completed', duration_ms: 640, started_at: new Date(now - 50 * MIN).toISOString(), created_at: new Date(now - 50 * MIN + 700).toISOString() },
    { wpk_id: 'support-bot', run_id: 'sb-2', status: 'running', started_at: new Date(now - 2 * MIN).toISOString() },
  ]);
  const probe = await client.createProbe({
    name: 'invoice-p95',
    source: 'runs',
    query: 'runs_duration_p95_ms',
    wpk_id: workflowId,
    lookback: '2h',
    step: '1m',
    detector: 'robust',
    detector_params: { window: 30 },
  });
  const ran = await client.runProbe(probe.id);
  if (ran.run.error) throw new Error(`seed probe failed: ${ran.run.error}`);
  const signals = await client.listSignals({ probe_id: probe.id, state: 'firing' });
  if (!signals.items[0]) throw new Error('seed probe raised no firing signal');
  const read = await client.createApiKey({ name: 'console-read', role: 'read' });
  const ingest = await client.createApiKey({ name: 'console-ingest', role: 'ingest' });
  return {
    workflowId,
    graphRunId: graph.id,
    graphNodes: (graph.node_logs ?? []).map((l) => l.node),
    probeId: probe.id,
    probeName: probe.name,
    signalId: signals.items[0].id,
    keys: { read: read.key, ingest: ingest.key },
  };
}

/** Waits until similar-run search has embedded the run, so its page shows results rather than "pending". */
export async function waitForEmbedding(client: NeuralOpsClient, runId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.similarRuns(runId, { k: 1 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
