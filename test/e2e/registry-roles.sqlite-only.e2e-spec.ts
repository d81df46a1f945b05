import { describeDb, startTestApp, TestApp } from '../support/test-app';

type Role = 'ingest' | 'read' | 'admin';

/** Each registry route and the roles that may call it; everyone else gets 403, no key 401. */
const ROUTES: Array<{ method: 'get' | 'post' | 'patch' | 'delete'; path: string; body?: object; allowed: Role[] }> = [
  { method: 'post', path: '/workflows', body: { id: 'wf-roles' }, allowed: ['admin'] },
  { method: 'get', path: '/workflows', allowed: ['read', 'admin'] },
  { method: 'get', path: '/workflows/wf-roles', allowed: ['read', 'admin'] },
  { method: 'patch', path: '/workflows/wf-roles', body: { owner: 'x' }, allowed: ['admin'] },
  { method: 'get', path: '/workflows/wf-roles/runs', allowed: ['read', 'admin'] },
  { method: 'get', path: '/workflows/wf-roles/runs/latest', allowed: ['read', 'admin'] },
  { method: 'get', path: '/workflows/wf-roles/stats?window=7d', allowed: ['read', 'admin'] },
  { method: 'get', path: '/workflows/wf-roles/insights?window=7d', allowed: ['read', 'admin'] },
  { method: 'post', path: '/workflows/wf-roles/runs/notify', body: { run_id: 'r1', status: 'completed' }, allowed: ['ingest', 'admin'] },
  { method: 'delete', path: '/workflows/wf-roles', allowed: ['admin'] },
];

describeDb('workflow registry role matrix', () => {
  let t: TestApp;
  const keys: Record<Role, string> = { admin: '', read: '', ingest: '' };
  beforeAll(async () => {
    t = await startTestApp();
    keys.admin = t.admin.key;
    for (const role of ['read', 'ingest'] as const) {
      const res = await t.http().post('/api-keys').set(t.admin.header).send({ name: `${role}-key`, role });
      expect(res.status).toBe(201);
      keys[role] = res.body.key;
    }
    await t.http().post('/workflows').set(t.admin.header).send({ id: 'wf-roles' });
    await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'wf-roles', run_id: 'r0', status: 'completed' });
  });
  afterAll(() => t.close());

  const call = (route: (typeof ROUTES)[number], headers: Record<string, string>) => {
    const req = t.http()[route.method](route.path).set(headers);
    return route.body ? req.send(route.body) : req;
  };

  it.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (_name, route) => {
    const anonymous = await call(route, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    const wrong = await call(route, { Authorization: 'Bearer nops_not-a-real-key' });
    expect(wrong.status).toBe(401);
    for (const role of ['ingest', 'read', 'admin'] as const) {
      const res = await call(route, { 'X-API-Key': keys[role] });
      if (route.allowed.includes(role)) {
        expect({ role, allowed: [200, 201].includes(res.status) }).toEqual({ role, allowed: true });
      } else {
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('a refused call changed nothing', async () => {
    const wf = await t.http().get('/workflows/wf-roles').query({}).set(t.admin.header);
    // only the admin PATCH, the admin DELETE and two notifies (ingest, admin) went through
    expect(wf.body).toMatchObject({ owner: 'x', runs_total: 2, archived_at: expect.any(String) });
  });
});
