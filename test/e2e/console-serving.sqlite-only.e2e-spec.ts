import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const INDEX = '<!doctype html><html lang="en"><head><script type="module" src="/ui/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';

/** How the server serves the built console (a stand-in build here; the browser suites load the real one). */
describe('[sqlite] the console under /ui/', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-console-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), 'console.log(1);\n');
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', CONSOLE_DIR: dir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('GET / and /ui redirect to /ui/', async () => {
    const root = await t.http().get('/');
    expect([root.status, root.headers.location]).toEqual([302, '/ui/']);
    const bare = await t.http().get('/ui?x=1');
    expect([bare.status, bare.headers.location]).toEqual([301, '/ui/?x=1']);
  });

  it('serves index.html for /ui/ and every deep link, not cached, under the console policy', async () => {
    for (const url of ['/ui/', '/ui/workflows', '/ui/runs/0b6f0c8e-2f9a-4d55-9c4e-5d1a0c1e7f21', '/ui/signals/x?y=1', '/ui/no/such/page']) {
      const res = await t.http().get(url);
      expect({ url, status: res.status, type: res.headers['content-type'], cache: res.headers['cache-control'], csp: res.headers['content-security-policy'] }).toEqual({
        url, status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache', csp: CSP,
      });
      expect(res.text).toBe(INDEX);
    }
    const head = await t.http().head('/ui/runs/x');
    expect([head.status, head.headers['content-length']]).toEqual([200, String(Buffer.byteLength(INDEX))]);
    expect(CSP).not.toMatch(/unsafe|upgrade-insecure-requests/);
  });

  it('serves hashed assets as immutable; a missing one is a 404', async () => {
    const asset = await t.http().get('/ui/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['content-security-policy']).toBe(CSP);
    const missing = await t.http().get('/ui/assets/index-Gone99.js');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    const escape = await t.http().get('/ui/assets/..%2f..%2findex.html');
    expect(escape.status).toBe(404);
  });

  it('answers 405 to other methods on /ui; the API keeps its own policy and Swagger keeps working', async () => {
    const post = await t.http().post('/ui/workflows').send({});
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    const api = await t.http().get('/runs').set(t.admin.header);
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const docs = await t.http().get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect((await t.http().get('/docs-json')).body.openapi).toBe('3.0.3');
  });

  it('says so when the console is not built', async () => {
    const other = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', CONSOLE_DIR: path.join(dir, 'missing') } });
    try {
      const res = await other.http().get('/ui/');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/not built: run npm run build/);
    } finally {
      await other.close();
    }
  });
});
