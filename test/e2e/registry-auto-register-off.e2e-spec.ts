import { describeDb, startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>;

describeDb('workflow registry with REGISTRY_AUTO_REGISTER=false', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTRY_AUTO_REGISTER: 'false' } });
    auth = t.admin.header;
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown) => t.http().post(path).set(auth).send(body as object);
  const runCount = async (wpk: string) => (await t.http().get('/runs').query({ wpk_id: wpk, page: 1 }).set(auth)).body.total as number;

  it('every single-run write for an unregistered workflow is a 404 WORKFLOW_NOT_FOUND and stores nothing', async () => {
    const writes = [
      post('/runs', { wpk_id: 'wf-unknown', run_id: 'r1', status: 'completed' }),
      post('/langgraph/hooks/log_run', { wpk_id: 'wf-unknown', run_id: 'r2', status: 'completed' }),
      post('/workflows/wf-unknown/runs/notify', { run_id: 'r3', status: 'completed' }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('WORKFLOW_NOT_FOUND');
    }
    expect(await runCount('wf-unknown')).toBe(0);
    expect((await t.http().get('/workflows/wf-unknown').set(auth)).status).toBe(404);
  });

  it('a batch item for an unregistered workflow gets that error; the others are stored', async () => {
    expect((await post('/workflows', { id: 'wf-known' })).status).toBe(201);
    const res = await post('/runs/batch', {
      runs: [
        { wpk_id: 'wf-known', run_id: 'b1', status: 'failed' },
        { wpk_id: 'wf-unknown', run_id: 'b1', status: 'completed' },
        { wpk_id: 'wf-known', run_id: 'b2', status: 'completed' },
        { wpk_id: 'wf-unknown', run_id: 'b2', status: 'completed' },
        { wpk_id: 'wf-known', run_id: 'b1', status: 'completed' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: Json) => i.result)).toEqual(['created', 'error', 'created', 'error', 'updated']);
    expect(res.body.items[1].error).toEqual({ code: 'WORKFLOW_NOT_FOUND', message: expect.stringContaining('wf-unknown') });
    expect(res.body).toMatchObject({ created: 2, updated: 1, failed: 2 });
    expect(await runCount('wf-unknown')).toBe(0);
    const known = await t.http().get('/workflows/wf-known').set(auth);
    expect(known.body).toMatchObject({ runs_total: 2, runs_failed: 0, last_run_id: 'b2' });
  });

  it('runs for registered workflows, archived ones included, are recorded through every path', async () => {
    expect((await post('/runs', { wpk_id: 'wf-known', run_id: 'r1', status: 'completed' })).status).toBe(201);
    expect((await post('/langgraph/hooks/log_run', { wpk_id: 'wf-known', run_id: 'r2', status: 'failed' })).status).toBe(201);
    expect((await post('/workflows/wf-known/runs/notify', { run_id: 'r3', status: 'running' })).status).toBe(201);
    expect((await post('/workflows/wf-known/runs/notify', { run_id: 'r3', status: 'completed' })).status).toBe(200);
    expect((await t.http().delete('/workflows/wf-known').set(auth)).status).toBe(200);
    expect((await post('/runs', { wpk_id: 'wf-known', run_id: 'r4', status: 'completed' })).status).toBe(201);
    const known = await t.http().get('/workflows/wf-known').set(auth);
    expect(known.body).toMatchObject({ runs_total: 6, runs_failed: 1, archived_at: expect.any(String) });
    expect(await runCount('wf-known')).toBe(6);
  });
});
