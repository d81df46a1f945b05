import { randomBytes } from 'node:crypto';
import { ApiKeysRepository } from '../../src/modules/auth/api-keys.repository';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const guess = () => `nops_${randomBytes(32).toString('base64url')}`;

/**
 * The limiter refills with Date.now(); on a loaded machine a burst of sequential requests can take
 * longer than the refill, so bursts run with the clock standing still and time moves only on purpose.
 */
let stoppedAt = 0;
function standingClock(): { advance: (ms: number) => void; restore: () => void } {
  // never behind where an earlier test left it, so advancing always refills what that test spent
  let now = Math.max(Date.now(), stoppedAt);
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
  return {
    advance: (ms) => (now += ms),
    restore: () => {
      stoppedAt = now;
      spy.mockRestore();
    },
  };
}

describeDb('throttling failed authentication per client address', () => {
  describe('AUTH_FAILURES_PER_IP_PER_S=5, TRUST_PROXY off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { AUTH_FAILURES_PER_IP_PER_S: '5', SCHEDULER_ENABLED: 'false' } });
    });
    afterAll(() => t.close());
    let clock: ReturnType<typeof standingClock>;
    // each test starts with a full budget
    beforeEach(() => {
      clock = standingClock();
      clock.advance(1100);
    });
    afterEach(() => clock.restore());

    it('answers 429 RATE_LIMITED with Retry-After past the limit, to unknown keys and to requests without one', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await t.http().get('/runs').set('X-API-Key', guess())).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
      const limited = await t.http().get('/runs').set('Authorization', `Bearer ${guess()}`);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(limited.body.request_id).toEqual(expect.any(String));
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const keyless = await t.http().get('/runs');
      expect(keyless.status).toBe(429);
      // public routes do not authenticate, so they are not refused
      expect((await t.http().get('/health')).status).toBe(200);
      // the budget comes back
      clock.advance(1100);
      expect((await t.http().get('/runs').set('X-API-Key', guess())).status).toBe(401);
    });

    it('never refuses a valid key from a refused address, even one not seen before', async () => {
      const fresh = (await t.http().post('/api-keys').set(t.admin.header).send({ name: 'reader', role: 'read' })).body.key as string;
      for (let i = 0; i < 10; i++) await t.http().get('/runs').set('X-API-Key', guess());
      expect((await t.http().get('/runs').set('X-API-Key', guess())).status).toBe(429);
      expect((await t.http().get('/runs').set('X-API-Key', fresh)).status).toBe(200);
      expect((await t.http().get('/runs').set(t.admin.header)).status).toBe(200);
      const writes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'throttle', run_id: `r${i}`, status: 'completed' })),
      );
      expect(writes.map((w) => w.status)).toEqual(Array(20).fill(201));
      // a valid key with too low a role is still a 403, not a 429
      expect((await t.http().post('/api-keys').set('X-API-Key', fresh).send({ name: 'x', role: 'read' })).status).toBe(403);
    });

    it('ignores X-Forwarded-For: a guesser cannot escape the limit by claiming other addresses', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await t.http().get('/runs').set('X-Forwarded-For', `203.0.113.${i}`).set('X-API-Key', guess())).status);
      expect(statuses.filter((s) => s === 429).length).toBe(7);
    });

    it('unknown keys never evict known ones from the key cache', async () => {
      const service = t.app.get(ApiKeysService);
      const lookups = jest.spyOn(t.app.get(ApiKeysRepository), 'findByHash');
      // the key cache's clock stands still, so only eviction could make it ask the database again
      try {
        expect(await service.authenticate(t.admin.key)).toMatchObject({ role: 'admin' });
        for (let i = 0; i < 10_050; i += 50) {
          const results = await Promise.all(Array.from({ length: 50 }, () => service.authenticate(guess())));
          expect(results.every((r) => r === undefined)).toBe(true);
        }
        expect(lookups.mock.calls.length).toBeGreaterThanOrEqual(10_050);
        lookups.mockClear();
        expect(await service.authenticate(t.admin.key)).toMatchObject({ role: 'admin' });
        expect(lookups).not.toHaveBeenCalled();
      } finally {
        lookups.mockRestore();
      }
    });
  });

  describe('TRUST_PROXY=loopback', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { AUTH_FAILURES_PER_IP_PER_S: '5', TRUST_PROXY: 'loopback', SCHEDULER_ENABLED: 'false' } });
    });
    afterAll(() => t.close());

    it('limits the client address the proxy reports, so one guesser behind it does not lock out the others', async () => {
      const clock = standingClock();
      try {
        for (let i = 0; i < 10; i++) await t.http().get('/runs').set('X-Forwarded-For', '198.51.100.7').set('X-API-Key', guess());
        expect((await t.http().get('/runs').set('X-Forwarded-For', '198.51.100.7').set('X-API-Key', guess())).status).toBe(429);
        expect((await t.http().get('/runs').set('X-Forwarded-For', '198.51.100.8').set('X-API-Key', guess())).status).toBe(401);
        expect((await t.http().get('/runs').set('X-Forwarded-For', '198.51.100.7').set(t.admin.header)).status).toBe(200);
      } finally {
        clock.restore();
      }
    });
  });
});
