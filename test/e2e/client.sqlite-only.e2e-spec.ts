import { AddressInfo } from 'node:net';
import { CLIENT_ROUTES, NeuralOpsCallbackHandler, NeuralOpsClient, NeuralOpsError, type SimilarRuns } from '@neuralops/client';
import * as legacy from '../../src/client';
import { startTestApp, TestApp } from '../support/test-app';

/** Routes deliberately left out of the client; anything else in /docs-json must be covered. OTLP traces come from OpenTelemetry SDKs' exporters. */
const NOT_IN_CLIENT: string[] = ['POST /v1/traces'];

describe('[sqlite] the typed client against the app', () => {
  let t: TestApp;
  let client: NeuralOpsClient;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDING_WORKER_INTERVAL_MS: '100' } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    client = new NeuralOpsClient({ baseUrl, apiKey: t.admin.key });
  });
  afterAll(() => t.close());

  it('covers exactly the routes of the OpenAPI document (a route in one and not the other fails)', async () => {
    const doc = (await t.http().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((r) => !NOT_IN_CLIENT.includes(r))
      .sort();
    const covered: string[] = [...new Set<string>(Object.values(CLIENT_ROUTES))].sort();
    expect({ missingFromClient: documented.filter((r) => !covered.includes(r)), unknownToServer: covered.filter((r) => !documented.includes(r)) }).toEqual({
      missingFromClient: [],
      unknownToServer: [],
    });
    expect(Object.values(CLIENT_ROUTES)).toHaveLength(covered.length);
  });

  it('is still reachable as neuralops/client, the deprecated re-export', () => {
    expect([legacy.NeuralOpsClient, legacy.NeuralOpsError, legacy.NeuralOpsCallbackHandler, legacy.CLIENT_ROUTES]).toEqual([NeuralOpsClient, NeuralOpsError, NeuralOpsCallbackHandler, CLIENT_ROUTES]);
  });

  it('records, merges, lists and reads runs; batch; the seed hook path', async () => {
    const first = await client.recordRun({ wpk_id: 'client-wf', run_id: 'r1', status: 'running', inputs: { q: 1 } });
    expect(first).toMatchObject({ wpk_id: 'client-wf', run_id: 'r1', status: 'running', inputs: { q: 1 } });
    const merged = await client.recordRun({ wpk_id: 'client-wf', run_id: 'r1', status: 'completed', outputs: { a: 2 }, duration_ms: 12 });
    expect(merged).toMatchObject({ id: first.id, status: 'completed', inputs: { q: 1 }, outputs: { a: 2 }, duration_ms: 12 });
    const ref = await client.recordRun({ wpk_id: 'client-wf', run_id: 'r1', status: 'running' }, { return: 'minimal' });
    expect(ref).toEqual({ id: first.id, wpk_id: 'client-wf', run_id: 'r1', status: 'completed' });
    const batch = await client.recordRuns([
      { wpk_id: 'client-wf', run_id: 'r2', status: 'failed', error: 'boom' },
      { wpk_id: 'client-wf', run_id: 'r1', status: 'completed' },
      { wpk_id: '', run_id: 'r3', status: 'completed' },
    ]);
    expect(batch).toMatchObject({ created: 1, updated: 1, failed: 1 });
    await client.logRun({ wpk_id: 'client-wf', run_id: 'r4', status: 'completed' });
    const page = await client.listRuns({ wpk_id: 'client-wf', limit: 2 });
    expect(page.items.map((r) => r.run_id)).toEqual(['r4', 'r2']);
    expect(page.next_cursor).toEqual(expect.any(String));
    const next = await client.listRuns({ wpk_id: 'client-wf', limit: 2, cursor: page.next_cursor! });
    expect(next.items.map((r) => r.run_id)).toEqual(['r1']);
    expect(await client.getRun(first.id)).toMatchObject({ id: first.id, outputs: { a: 2 }, node_logs: null });
  });

  it('throws NeuralOpsError with status, code, message, details and request_id', async () => {
    const notFound = await client.getRun('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(NeuralOpsError);
    expect(notFound).toMatchObject({ status: 404, code: 'RUN_NOT_FOUND', request_id: expect.any(String) });
    const invalid = (await client.recordRun({ wpk_id: 'w', run_id: 'x', status: 'nope' as 'running' }).catch((e: unknown) => e)) as NeuralOpsError;
    expect(invalid.status).toBe(400);
    expect(invalid.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'status' })]));
    expect(invalid.retryable).toBe(false);
    const anonymous = await new NeuralOpsClient({ baseUrl }).listRuns().catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401 });
    const down = (await new NeuralOpsClient({ baseUrl: 'http://127.0.0.1:1' }).health().catch((e: unknown) => e)) as NeuralOpsError;
    expect(down).toMatchObject({ status: 0, code: 'NETWORK_ERROR', retryable: true });
  });

  it('workflows, probes, signals, similar search and API keys, each through its method', async () => {
    expect((await client.health()).status).toBe('ok');
    const wf = await client.registerWorkflow({ id: 'client-wf', name: 'Client WF' });
    expect(wf).toMatchObject({ id: 'client-wf', name: 'Client WF', runs_total: 3 });
    expect((await client.updateWorkflow('client-wf', { owner: 'team-a' })).owner).toBe('team-a');
    expect((await client.listWorkflows({ owner: 'team-a' })).items.map((w) => w.id)).toEqual(['client-wf']);
    expect((await client.latestWorkflowRun('client-wf')).run_id).toBe('r4');
    expect((await client.listWorkflowRuns('client-wf', { status: 'failed' })).items.map((r) => r.run_id)).toEqual(['r2']);
    expect((await client.notifyWorkflowRun('client-wf', { run_id: 'r5', status: 'completed', duration_ms: 5 })).run_id).toBe('r5');
    expect((await client.workflowStats('client-wf', '24h')).runs).toBe(4);
    expect((await client.getWorkflow('client-wf')).last_run_id).toBe('r5');

    const probe = await client.createProbe({ name: 'p', source: 'runs', query: 'runs_count', wpk_id: 'client-wf', detector: 'zscore', lookback: '10m', step: '60s' });
    expect((await client.listProbes()).items.map((p) => p.id)).toEqual([probe.id]);
    expect((await client.updateProbe(probe.id, { threshold: 9 })).threshold).toBe(9);
    expect((await client.runProbe(probe.id)).run.error).toBeNull();
    expect((await client.getProbe(probe.id)).recent_runs).toHaveLength(1);
    const adhoc = await client.probe({ source: 'runs', query: 'runs_count', lookback: '10m', step: '60s', store: false });
    expect(adhoc).toMatchObject({ source: 'runs', stored: false });
    const signals = await client.listSignals({ probe_id: probe.id });
    expect(signals.items).toEqual([]);
    await expect(client.getSignal('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ status: 404 });
    await expect(client.signalRuns('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ status: 404 });
    await client.deleteProbe(probe.id);
    expect((await client.listProbes()).items).toEqual([]);

    const r2 = (await client.listRuns({ wpk_id: 'client-wf', run_id: 'r2' })).items[0];
    let similar: SimilarRuns | undefined;
    for (let i = 0; i < 100 && !similar; i++) {
      similar = await client.similarRuns(r2.id, { k: 2 }).catch(async (e: NeuralOpsError) => {
        if (e.code !== 'EMBEDDING_PENDING') throw e;
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    }
    expect(similar!.items.length).toBeGreaterThan(0);
    expect((await client.searchRuns({ query: 'boom', k: 1 })).items).toHaveLength(1);

    const key = await client.createApiKey({ name: 'ci', role: 'read' });
    expect(key.key).toEqual(expect.any(String));
    expect((await client.listApiKeys()).items.map((k) => k.id)).toContain(key.id);
    await client.revokeApiKey(key.id);
    expect((await client.archiveWorkflow('client-wf')).archived_at).toEqual(expect.any(String));
  });
});
