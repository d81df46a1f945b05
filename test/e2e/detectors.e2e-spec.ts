import { DEFAULT_DETECTOR, DETECTORS, SENSITIVITIES } from '../../src/modules/insight/detectors';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

describeDb('GET /detectors: what a probe can use, and how often each sensitivity alerted on healthy series', () => {
  let t: TestApp;
  let reader: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    const key = await t.http().post('/api-keys').set(t.admin.header).send({ name: 'reader', role: 'read' });
    reader = { 'X-API-Key': key.body.key as string };
  });
  afterAll(() => t.close());

  it('needs an API key', async () => {
    const res = await t.http().get('/detectors');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('lists every shipped detector, the default marked, each level with its threshold and what was measured at it', async () => {
    const res = await t.http().get('/detectors').set(reader);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<Record<string, any>>;
    expect(items.map((d) => d.name).sort()).toEqual(Object.keys(DETECTORS).sort());
    expect(items.filter((d) => d.default).map((d) => d.name)).toEqual([DEFAULT_DETECTOR]);
    for (const d of items) {
      const def = DETECTORS[d.name];
      expect(d).toMatchObject({ unit: def.unit, default_threshold: def.defaultThreshold, default_params: { ...def.defaultParams } });
      expect(d.sensitivities.map((l: any) => [l.level, l.threshold])).toEqual(SENSITIVITIES.map((s) => [s, def.sensitivities[s]]));
      for (const l of d.sensitivities) {
        // measured-levels.ts is regenerated with every threshold (npm run bench:nab)
        expect(l.measured).not.toBeNull();
        expect(l.measured.series).toBeGreaterThan(0);
        expect(l.measured.false_alarms_per_30_days).toBeCloseTo((l.measured.alerts * 8640) / l.measured.points, 9);
        expect(l.measured.false_alarms_per_30_days_upper_95).toBeGreaterThan(l.measured.false_alarms_per_30_days);
      }
    }
    const vigil = items.find((d) => d.name === DEFAULT_DETECTOR)!;
    // the default detector's incidents are measured at every level, and more are caught the more sensitive it is
    const caught = vigil.sensitivities.map((l: any) => l.measured.incidents_caught as number);
    expect(caught[0]).toBeLessThanOrEqual(caught[1]);
    expect(caught[1]).toBeLessThanOrEqual(caught[2]);
  });

  it('the threshold a level lists is the one a probe at that sensitivity alerts at', async () => {
    const listed = (await t.http().get('/detectors').set(reader)).body.items.find((d: any) => d.name === 'robust');
    const high = listed.sensitivities.find((l: any) => l.level === 'high').threshold;
    const res = await t
      .http()
      .post('/probes')
      .set(t.admin.header)
      .send({ name: 'listed-high', source: 'runs', query: 'runs_count', detector: 'robust', sensitivity: 'high' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sensitivity: 'high', threshold: high, effective_threshold: high });
  });
});
