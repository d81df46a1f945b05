import { describeDb, startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>;

/** A small deterministic PRNG, so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Runs `tasks` with at most `width` in flight. */
async function inParallel(tasks: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

const codePointCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** What the summary must say, recomputed from the workflow's runs as the API lists them. */
function recompute(runs: Json[]) {
  const key = (r: Json) => Date.parse(r.started_at ?? r.created_at);
  const latest = [...runs].sort((a, b) => key(b) - key(a) || codePointCompare(b.run_id, a.run_id))[0];
  return {
    runs_total: runs.length,
    runs_failed: runs.filter((r) => r.status === 'failed').length,
    last_run_id: latest.run_id,
    last_status: latest.status,
    last_run_at: new Date(key(latest)).toISOString(),
    last_duration_ms: latest.duration_ms,
    last_error: latest.error,
  };
}

describeDb('workflow summary under concurrent, out-of-order arrival', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    auth = t.admin.header;
    await t.http().get('/health');
  });
  afterAll(() => t.close());

  async function allRuns(wpk: string): Promise<Json[]> {
    const runs: Json[] = [];
    let cursor: string | undefined;
    for (;;) {
      const res = await t.http().get(`/workflows/${wpk}/runs`).query({ limit: 200, ...(cursor ? { cursor } : {}) }).set(auth);
      expect(res.status).toBe(200);
      runs.push(...res.body.items);
      if (!res.body.next_cursor) return runs;
      cursor = res.body.next_cursor;
    }
  }

  it('hundreds of runs posted concurrently and shuffled (singles, notify, batches; repeats; mixed statuses) leave an exact summary', async () => {
    const random = mulberry32(20260115);
    const statuses = ['running', 'completed', 'failed', 'cancelled'] as const;
    const base = Date.UTC(2026, 0, 15);
    const at = () => new Date(base + Math.floor(random() * 6 * 3600) * 1000).toISOString();
    const writes: Json[] = [];
    for (let i = 0; i < 300; i++) {
      const run_id = `run-${String(i).padStart(3, '0')}`;
      const repeats = 1 + Math.floor(random() * 3);
      // a third of the runs carry only created_at; the others a started_at that may move between writes
      const timing = i % 3 === 0 ? { created_at: at() } : {};
      for (let k = 0; k < repeats; k++) {
        const write: Json = { wpk_id: 'wf-storm', run_id, status: statuses[Math.floor(random() * 4)], duration_ms: Math.floor(random() * 5000), ...timing };
        if (i % 3 !== 0) write.started_at = at();
        if (write.status === 'failed') write.error = `error ${i}.${k}`;
        else if (random() < 0.5) write.error = null;
        writes.push(write);
      }
    }
    // two runs that tie on time at the very end: code-point order of run_id decides (U+1F600 > U+FFFD)
    writes.push({ wpk_id: 'wf-storm', run_id: 'tie-\uFFFD', status: 'completed', started_at: '2099-01-01T00:00:00Z' });
    writes.push({ wpk_id: 'wf-storm', run_id: 'tie-\u{1F600}', status: 'failed', error: 'last', started_at: '2099-01-01T00:00:00Z' });
    // a neighbouring workflow written in the same batches must not disturb it
    for (let i = 0; i < 40; i++) writes.push({ wpk_id: 'wf-storm-neighbour', run_id: `n${i % 25}`, status: statuses[i % 4], started_at: at() });
    shuffle(writes, random);

    const tasks: Array<() => Promise<void>> = [];
    for (let i = 0; i < writes.length; ) {
      const kind = random();
      if (kind < 0.15) {
        const size = 2 + Math.floor(random() * 8);
        const runs = writes.slice(i, i + size);
        i += size;
        tasks.push(async () => {
          const res = await t.http().post('/runs/batch').set(auth).send({ runs });
          if (res.status !== 200) console.log(JSON.stringify(res.body));
          expect(res.status).toBe(200);
          expect(res.body.failed).toBe(0);
        });
      } else if (kind < 0.3 && writes[i].wpk_id === 'wf-storm') {
        const { wpk_id, run_id, status, duration_ms, error } = writes[i++];
        const hasTiming = 'started_at' in writes[i - 1] || 'created_at' in writes[i - 1];
        // notify carries no timing: only send it for runs whose timing another write fixes
        if (hasTiming && !String(run_id).startsWith('tie-')) {
          const body: Json = { run_id, status, duration_ms, ...(error !== undefined ? { error } : {}) };
          const timed = writes[i - 1];
          tasks.push(async () => {
            // write the timing first so notify cannot be the run's only write
            const first = await t.http().post('/runs').set(auth).send(timed);
            expect([200, 201]).toContain(first.status);
            const res = await t.http().post(`/workflows/${encodeURIComponent(wpk_id)}/runs/notify`).set(auth).send(body);
            if (![200, 201].includes(res.status)) console.log(JSON.stringify(res.body));
            expect([200, 201]).toContain(res.status);
          });
        } else {
          const write = writes[i - 1];
          tasks.push(async () => {
            const res = await t.http().post('/runs').set(auth).send(write);
            expect([200, 201]).toContain(res.status);
          });
        }
      } else {
        const write = writes[i++];
        tasks.push(async () => {
          const res = await t.http().post('/runs').set(auth).send(write);
          if (![200, 201].includes(res.status)) console.log(JSON.stringify(res.body));
          expect([200, 201]).toContain(res.status);
        });
      }
    }
    // wider than this only queues requests for the 20 pooled connections (1 s acquire timeout)
    await inParallel(tasks, 16);

    for (const wpk of ['wf-storm', 'wf-storm-neighbour']) {
      const runs = await allRuns(wpk);
      const summary = (await t.http().get(`/workflows/${wpk}`).set(auth)).body;
      expect(summary).toMatchObject(recompute(runs));
    }
    const storm = (await t.http().get('/workflows/wf-storm').set(auth)).body;
    expect(storm.runs_total).toBe(302);
    expect(storm).toMatchObject({ last_run_id: 'tie-\u{1F600}', last_status: 'failed', last_error: 'last' });
    expect((await t.http().get('/workflows/wf-storm-neighbour').set(auth)).body.runs_total).toBe(25);
  });

  it('stays exact when the latest runs are rewritten concurrently into the past', async () => {
    const runs = Array.from({ length: 60 }, (_, i) => ({ wpk_id: 'wf-rewind', run_id: `r${i}`, status: 'completed', started_at: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString() }));
    expect((await t.http().post('/runs/batch').set(auth).send({ runs })).body.created).toBe(60);
    // move the 30 newest runs before all the others, concurrently, while failing some of them
    const rewinds = runs.slice(30).map((r, k) => () =>
      t.http().post('/runs').set(auth).send({ ...r, status: k % 2 ? 'failed' : 'completed', started_at: new Date(Date.UTC(2025, 0, 1, 0, k)).toISOString() }).then((res) => {
        expect(res.status).toBe(200);
      }),
    );
    await inParallel(shuffle(rewinds, mulberry32(7)), 16);
    const summary = (await t.http().get('/workflows/wf-rewind').set(auth)).body;
    expect(summary).toMatchObject(recompute(await allRuns('wf-rewind')));
    expect(summary).toMatchObject({ last_run_id: 'r29', runs_total: 60, runs_failed: 15 });
  });
});
