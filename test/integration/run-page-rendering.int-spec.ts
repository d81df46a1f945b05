import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Database } from '../../src/database/database.service';
import { newRun, Run, RUN_STATUSES } from '../../src/modules/runs/domain/run';
import { RUN_LIST_ITEM_RENDERING, toRunListItemDto } from '../../src/modules/runs/dto/run.dto';
import { RunsRepository } from '../../src/modules/runs/runs.repository';
import { RunListQuery, RunsService } from '../../src/modules/runs/runs.service';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

/** Text as clients send it: any code point but NUL (which neither database stores), quotes, escapes and controls included. */
const text = (maxLength = 12) =>
  fc.string({ unit: 'binary', maxLength }).map((s) => s.replace(/\u0000/g, ''));
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1 + 0.2, 1e21, 1e-7, -0, 5e-324, 1.7976931348623157e308, Number.MAX_SAFE_INTEGER + 2),
);
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), number, text(), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(text(6), tie('value'), { maxKeys: 3 })),
})).value;
/** A stored time: whole milliseconds, anywhere in the years the API accepts. */
const time = fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }).map((ms) => new Date(ms));

const runArb = (wpk: string) =>
  fc.record({
    run_id: text(20).map((s) => `${s}-${randomUUID()}`),
    status: fc.constantFrom(...RUN_STATUSES),
    duration_ms: fc.option(fc.integer({ min: 0, max: 2_147_483_647 })),
    error: fc.option(text(40)),
    tags: fc.option(fc.array(text(8), { maxLength: 4 })),
    metadata: fc.option(fc.dictionary(text(8), json, { maxKeys: 4 })),
    started_at: fc.option(time),
    ended_at: fc.option(time),
    created_at: time,
    updated_at: time,
  }).map((r): Run => ({ ...newRun(randomUUID(), { ...r, wpk_id: wpk }, r.updated_at), inputs: null, outputs: null, node_logs: null }));

describeDb('run pages rendered by the database', () => {
  let t: TestApp;
  let service: RunsService;
  const wpks = ['render-a', 'render-b'];

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(RunsService);
    const repo = t.app.get(RunsRepository);
    const db = t.app.get(Database);
    const runs = wpks.flatMap((wpk) => fc.sample(runArb(wpk), { numRuns: 120, seed: 20261129 }));
    // a run with every optional field empty, and two runs sharing created_at (the id breaks the tie)
    const tie = new Date(Date.UTC(2026, 0, 1));
    runs.push(newRun(randomUUID(), { wpk_id: 'render-a', run_id: 'bare', status: 'running' }, tie));
    runs.push(newRun(randomUUID(), { wpk_id: 'render-a', run_id: 'tie', status: 'failed', error: 'x', created_at: tie }, tie));
    await db.write(async (tx) => {
      for (const run of runs) expect(await repo.insertIfAbsent(run, tx)).toBe(true);
    });
  });
  afterAll(() => t.close());

  it('renders each list item in the order and shape toRunListItemDto builds', () => {
    const run = newRun(randomUUID(), { wpk_id: 'w', run_id: 'r', status: 'completed' }, new Date());
    expect(RUN_LIST_ITEM_RENDERING.map(([field]) => field)).toEqual(Object.keys(toRunListItemDto(run)));
  });

  /** Every page of `query`, rendered and sent, against the domain page mapped by toRunListItemDto. */
  async function expectSamePages(path: string, query: RunListQuery, params: Record<string, string | number>): Promise<number> {
    let cursor: string | undefined;
    let seen = 0;
    for (let pages = 0; pages < 100; pages++) {
      const res = await t.http().get(path).query({ ...params, ...(cursor ? { cursor } : {}) }).set(t.admin.header);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const domain = await service.list({ ...query, cursor });
      const expected = JSON.parse(JSON.stringify({ items: domain.items.map(toRunListItemDto), limit: domain.limit, next_cursor: domain.next_cursor }));
      expect(JSON.parse(res.text)).toEqual(expected);
      seen += domain.items.length;
      if (!domain.next_cursor) return seen;
      cursor = domain.next_cursor;
    }
    throw new Error('more than 100 pages');
  }

  it('answers GET /runs, page by page, exactly as the domain page maps to the DTO', async () => {
    expect(await expectSamePages('/runs', { limit: 17 }, { limit: 17 })).toBe(242);
  });

  it("answers GET /workflows/:id/runs with filters the same way, in each workflow's keyset order", async () => {
    for (const wpk of wpks) {
      expect(await expectSamePages(`/workflows/${wpk}/runs`, { wpk_id: wpk, limit: 9 }, { limit: 9 })).toBe(wpk === 'render-a' ? 122 : 120);
      await expectSamePages(`/workflows/${wpk}/runs`, { wpk_id: wpk, status: 'failed', limit: 5 }, { status: 'failed', limit: 5 });
      const since = new Date(Date.UTC(4000, 0, 1));
      await expectSamePages(`/workflows/${wpk}/runs`, { wpk_id: wpk, since, limit: 200 }, { since: since.toISOString(), limit: 200 });
    }
  });

  it("answers the seed's offset pages with page and total", async () => {
    for (const page of [1, 3, 30]) {
      const res = await t.http().get('/runs').query({ page, limit: 10 }).set(t.admin.header);
      const domain = await service.list({ page, limit: 10 });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual(JSON.parse(JSON.stringify({ ...domain, items: domain.items.map(toRunListItemDto) })));
      expect(res.body).toMatchObject({ page, total: 242, next_cursor: null });
    }
  });

  it('answers an empty page of a registered workflow, and 404 for an unknown one', async () => {
    await t.http().post('/workflows').set(t.admin.header).send({ id: 'render-empty', name: 'empty' }).expect((r) => expect(r.status).toBeLessThan(300));
    const res = await t.http().get('/workflows/render-empty/runs').set(t.admin.header);
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"items":[],"limit":20,"next_cursor":null}');
    expect((await t.http().get('/workflows/render-nobody/runs').set(t.admin.header)).status).toBe(404);
  });
});
