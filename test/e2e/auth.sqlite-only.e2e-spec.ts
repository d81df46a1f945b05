import * as fs from 'node:fs';
import { concretePath, listRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

/** `any`: a valid key of any role */
type Need = 'public' | 'any' | 'ingest' | 'read' | 'admin';

/** The role each route needs. Every served route must be listed: a new route fails until it is. */
const EXPECTED: Record<string, Need> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'POST /runs': 'ingest',
  'POST /runs/batch': 'ingest',
  'POST /v1/traces': 'ingest',
  'POST /langgraph/hooks/log_run': 'ingest',
  'GET /runs': 'read',
  'GET /runs/:id': 'read',
  'POST /api-keys': 'admin',
  'GET /api-keys': 'admin',
  'DELETE /api-keys/:id': 'admin',
  'GET /auth/me': 'any',
  // registry
  'POST /workflows': 'admin',
  'GET /workflows': 'read',
  'GET /workflows/:id': 'read',
  'PATCH /workflows/:id': 'admin',
  'DELETE /workflows/:id': 'admin',
  'GET /workflows/:id/runs': 'read',
  'GET /workflows/:id/runs/latest': 'read',
  'GET /workflows/:id/stats': 'read',
  'GET /workflows/:id/metrics': 'read',
  'GET /workflows/:id/insights': 'read',
  'POST /workflows/:id/runs/notify': 'ingest',
  // insight
  'POST /probe': 'admin',
  'POST /probes': 'admin',
  'GET /probes': 'read',
  'GET /detectors': 'read',
  'GET /probes/:id': 'read',
  'PATCH /probes/:id': 'admin',
  'DELETE /probes/:id': 'admin',
  'POST /probes/:id/run': 'admin',
  'POST /probes/:id/tuning/reset': 'admin',
  'GET /signals': 'read',
  'GET /signals/:id': 'read',
  'GET /signals/:id/runs': 'read',
  'GET /signals/:id/series': 'read',
  'POST /signals/:id/ack': 'admin',
  'POST /signals/:id/snooze': 'admin',
  'POST /signals/:id/feedback': 'admin',
  'POST /silences': 'admin',
  'GET /silences': 'read',
  'GET /silences/:id': 'read',
  'DELETE /silences/:id': 'admin',
  // similar-run search
  'GET /runs/:id/similar': 'read',
  'POST /runs/search': 'read',
  'POST /runs/:id/embedding/retry': 'admin',
  'POST /embeddings/retry': 'admin',
};

/** The error code of an answer: the shared error body's, or for OTLP the code its google.rpc.Status message starts with. */
const errorCode = (body: { error?: { code?: string }; message?: unknown }) => body.error?.code ?? (typeof body.message === 'string' ? body.message.split(':')[0] : undefined);

function allowed(need: Need, role: 'ingest' | 'read' | 'admin'): boolean {
  return need === 'public' || need === 'any' || role === 'admin' || need === role;
}

describe('[sqlite] API keys and the role matrix', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    // the matrix sends a missing and an unknown key to every route at once: past the default budget
    t = await startTestApp({ env: { AUTH_FAILURES_PER_IP_PER_S: '10000' } });
    for (const role of ['ingest', 'read', 'admin'] as const) {
      const res = await t.http().post('/api-keys').set(t.admin.header).send({ name: `k-${role}`, role });
      expect(res.status).toBe(201);
      keys[role] = res.body.key;
    }
  });
  afterAll(() => t.close());

  it('lists exactly the routes the matrix knows (docs excluded)', () => {
    const served = listRoutes(t.app)
      .filter((r) => !r.path.startsWith('/docs'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(served).toEqual(Object.keys(EXPECTED).sort());
  });

  it('rejects every non-public route without a key, or with an unknown key (401)', async () => {
    for (const [route, need] of Object.entries(EXPECTED)) {
      const [method, path] = route.split(' ');
      const call = () => t.http()[method.toLowerCase() as 'get'](concretePath(path));
      const none = await call().send({});
      const wrong = await call().set('X-API-Key', 'nops_not-a-real-key-at-all-0000000000').send({});
      if (need === 'public') {
        expect({ route, status: none.status }).not.toEqual({ route, status: 401 });
      } else {
        expect({ route, none: none.status, wrong: wrong.status }).toEqual({ route, none: 401, wrong: 401 });
        expect(errorCode(none.body)).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('enforces each route’s role (403 for a role too low, never 401/403 for one that is enough)', async () => {
    for (const [route, need] of Object.entries(EXPECTED)) {
      const [method, path] = route.split(' ');
      for (const role of ['ingest', 'read', 'admin'] as const) {
        const res = await t.http()[method.toLowerCase() as 'get'](concretePath(path)).set('Authorization', `Bearer ${keys[role]}`).send({});
        if (allowed(need, role)) {
          expect({ route, role, denied: [401, 403].includes(res.status) }).toEqual({ route, role, denied: false });
        } else {
          expect({ route, role, status: res.status }).toEqual({ route, role, status: 403 });
          expect(errorCode(res.body)).toBe('FORBIDDEN');
        }
      }
    }
  });

  it('accepts both header forms; the admin env key works', async () => {
    expect((await t.http().get('/runs').set('X-API-Key', keys.read)).status).toBe(200);
    expect((await t.http().get('/runs').set('Authorization', `Bearer ${keys.read}`)).status).toBe(200);
    expect((await t.http().get('/runs').set('Authorization', `bearer ${keys.read}`)).status).toBe(200);
    expect((await t.http().get('/runs').set('Authorization', `Basic ${keys.read}`)).status).toBe(401);
  });

  it('creates keys shown once, lists them without secrets, revokes them (401 at once)', async () => {
    const created = await t.http().post('/api-keys').set(t.admin.header).send({ name: 'temp', role: 'read' });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['created_at', 'id', 'key', 'name', 'prefix', 'role']);
    expect(created.body.key.length).toBeGreaterThanOrEqual(43);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const list = await t.http().get('/api-keys').set(t.admin.header);
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: 'temp', role: 'read', revoked_at: null });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect((await t.http().get('/runs').set('X-API-Key', created.body.key)).status).toBe(200);
    const del = await t.http().delete(`/api-keys/${created.body.id}`).set(t.admin.header);
    expect(del.status).toBe(204);
    expect((await t.http().get('/runs').set('X-API-Key', created.body.key)).status).toBe(401);
    const after = await t.http().get('/api-keys').set(t.admin.header);
    expect(after.body.items.find((k: { id: string }) => k.id === created.body.id).revoked_at).toMatch(/Z$/);
  });

  it('validates key creation and revocation input', async () => {
    const bad = await t.http().post('/api-keys').set(t.admin.header).send({ name: '', role: 'root' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.details.map((d: { field: string }) => d.field))].sort()).toEqual(['name', 'role']);
    expect((await t.http().delete('/api-keys/nope').set(t.admin.header)).status).toBe(400);
    const missing = await t.http().delete('/api-keys/00000000-0000-0000-0000-000000000000').set(t.admin.header);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('API_KEY_NOT_FOUND');
  });

  it('records last use of a key', async () => {
    await t.http().get('/runs').set('X-API-Key', keys.ingest);
    await new Promise((r) => setTimeout(r, 50));
    const list = await t.http().get('/api-keys').set(t.admin.header);
    expect(list.body.items.find((k: { name: string }) => k.name === 'k-ingest').last_used_at).toMatch(/Z$/);
  });
});

describe('[sqlite] admin key provisioning', () => {
  it('stores only hashes; a changed ADMIN_API_KEY revokes the previous one; a first start without one makes one', async () => {
    const first = await startTestApp({ env: { ADMIN_API_KEY: 'first-admin-key-000000' } });
    const dataDir = first.dataDir;
    expect((await first.http().get('/api-keys').set('X-API-Key', 'first-admin-key-000000')).status).toBe(200);
    await first.app.close();
    const raw = fs.readFileSync(`${dataDir}/neuralops.db`);
    expect(raw.includes(Buffer.from('first-admin-key-000000'))).toBe(false);

    const second = await startTestApp({ env: { ADMIN_API_KEY: 'second-admin-key-00000' }, reuse: { dataDir } });
    expect((await second.http().get('/api-keys').set('X-API-Key', 'first-admin-key-000000')).status).toBe(401);
    expect((await second.http().get('/api-keys').set('X-API-Key', 'second-admin-key-00000')).status).toBe(200);
    await second.app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a generated admin key once to stderr when none exists', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const app = await startTestApp({ env: { ADMIN_API_KEY: undefined } });
      const line = writes.find((w) => w.includes('admin API key'));
      expect(line).toBeDefined();
      const key = /(nops_[A-Za-z0-9_-]+)/.exec(line!)![1];
      expect((await app.http().get('/api-keys').set('X-API-Key', key)).status).toBe(200);
      const dataDir = app.dataDir;
      await app.app.close();
      writes.length = 0;
      const again = await startTestApp({ env: { ADMIN_API_KEY: undefined }, reuse: { dataDir, release: app.release } });
      expect(writes.find((w) => w.includes('admin API key'))).toBeUndefined();
      await again.close();
    } finally {
      spy.mockRestore();
    }
  });
});
