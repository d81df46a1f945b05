import { startTestApp, TestApp } from '../support/test-app';

describe('[sqlite] HTTP security', () => {
  describe('defaults', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it("sends OWASP's API security headers on JSON answers, and no X-Powered-By", async () => {
      for (const res of [await t.http().get('/health'), await t.http().get('/runs').set(t.admin.header), await t.http().get('/runs')]) {
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it("sends helmet's page headers on the docs, with a CSP that lets Swagger UI run", async () => {
      const res = await t.http().get('/docs/');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('keeps Swagger UI working under the CSP: every asset /docs references loads', async () => {
      const page = await t.http().get('/docs/');
      expect(page.status).toBe(200);
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('http'));
      expect(assets.length).toBeGreaterThanOrEqual(3);
      for (const asset of assets) {
        const url = asset.startsWith('/') ? asset : `/docs/${asset.replace(/^\.\//, '')}`;
        const res = await t.http().get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
      }
      // the inline-script-free initializer must be a same-origin file the CSP allows
      expect(page.text).not.toMatch(/<script>[^<]+<\/script>/);
    });

    it('serves Swagger UI over plain HTTP on any host: no upgrade-insecure-requests, and X-Forwarded-Proto is not trusted by default', async () => {
      for (const host of ['0.0.0.0:8080', 'neuralops.internal:8080', '10.1.2.3:8080']) {
        const page = await t.http().get('/docs/').set('Host', host);
        expect(page.status).toBe(200);
        expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
        const css = await t.http().get('/docs/swagger-ui.css').set('Host', host);
        expect(css.status).toBe(200);
        expect(css.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      }
      const spoofed = await t.http().get('/docs/').set('X-Forwarded-Proto', 'https');
      expect(spoofed.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });

    it('has CORS off: no Access-Control-Allow-Origin, even for a preflight', async () => {
      const res = await t.http().options('/runs').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('does not rate-limit without RATE_LIMIT_PER_KEY_PER_S', async () => {
      const statuses = await Promise.all(Array.from({ length: 30 }, () => t.http().get('/runs').set(t.admin.header)));
      expect(statuses.every((r) => r.status === 200)).toBe(true);
    });
  });

  describe('behind a proxy (TRUST_PROXY=loopback)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    });
    afterAll(() => t.close());

    it('asks the browser to upgrade to HTTPS only when the proxy says the request came over HTTPS', async () => {
      const https = await t.http().get('/docs/').set('X-Forwarded-Proto', 'https');
      expect(https.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(https.headers['content-security-policy']).toContain("default-src 'self'");
      const http = await t.http().get('/docs/').set('X-Forwarded-Proto', 'http');
      expect(http.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(http.headers['content-security-policy']).toBe(https.headers['content-security-policy'].replace(/;?upgrade-insecure-requests/, ''));
      const direct = await t.http().get('/docs/');
      expect(direct.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });
  });

  describe('with CORS_ORIGINS and RATE_LIMIT_PER_KEY_PER_S', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { CORS_ORIGINS: 'https://app.example.com', RATE_LIMIT_PER_KEY_PER_S: '5' } });
    });
    afterAll(() => t.close());

    it('allows the configured origin only', async () => {
      const ok = await t.http().get('/health').set('Origin', 'https://app.example.com');
      expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
      const other = await t.http().get('/health').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http().options('/runs').set('Origin', 'https://app.example.com').set('Access-Control-Request-Method', 'POST');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(preflight.headers['access-control-allow-headers']).toContain('X-API-Key');
    });

    it('answers 429 RATE_LIMITED with Retry-After past the per-key limit, per key', async () => {
      const results = [];
      for (let i = 0; i < 8; i++) results.push(await t.http().get('/runs').set(t.admin.header));
      const limited = results.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(2);
      expect(limited[0].body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const other = await t.http().post('/api-keys').set(t.admin.header).send({ name: 'other', role: 'read' });
      if (other.status === 201) {
        expect((await t.http().get('/runs').set('X-API-Key', other.body.key)).status).toBe(200);
      } else {
        expect(other.status).toBe(429);
      }
    });
  });
});
