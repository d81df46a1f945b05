import { GroupCommit } from './group-commit';

interface Item {
  key: string;
  value: number;
}

/** A write whose statements the test answers one at a time, recording what each held. */
function controlledWrite(fail?: (items: Item[]) => boolean) {
  const statements: Item[][] = [];
  const open: Array<() => void> = [];
  const write = async (items: Item[]) => {
    statements.push(items);
    await new Promise<void>((resolve) => open.push(resolve));
    if (fail?.(items)) throw new Error(`statement of ${items.map((i) => i.value).join(',')} failed`);
    return items.map((i) => i.value * 10);
  };
  const finishAll = async () => {
    while (open.length) {
      open.splice(0).forEach((f) => f());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { statements, write, finishAll };
}

const key = (i: Item) => i.key;

describe('GroupCommit', () => {
  it('writes an item at once and alone while a slot is free', async () => {
    const c = controlledWrite();
    const group = new GroupCommit(c.write, key, { slots: 2, maxGroup: 10 });
    const a = group.submit({ key: 'a', value: 1 });
    expect(c.statements).toEqual([[{ key: 'a', value: 1 }]]);
    await c.finishAll();
    await expect(a).resolves.toBe(10);
  });

  it('writes what arrives while the slots are busy together, each caller getting its own result', async () => {
    const c = controlledWrite();
    const group = new GroupCommit(c.write, key, { slots: 1, maxGroup: 10 });
    const results = Array.from({ length: 6 }, (_, i) => group.submit({ key: `k${i}`, value: i }));
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[0]]);
    expect(group.waiting).toBe(5);
    await c.finishAll();
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[0], [1, 2, 3, 4, 5]]);
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(group.stats).toEqual({ groups: 2, items: 6, largest: 5 });
  });

  it('sends a second group while one is in flight only once busyMinGroup items wait, and none is left behind', async () => {
    const c = controlledWrite();
    const group = new GroupCommit(c.write, key, { slots: 2, maxGroup: 10, busyMinGroup: 3 });
    const results = [group.submit({ key: 'k0', value: 0 }), group.submit({ key: 'k1', value: 1 }), group.submit({ key: 'k2', value: 2 })];
    // k0 alone (nothing in flight); k1 and k2 wait: two are fewer than three
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[0]]);
    results.push(group.submit({ key: 'k3', value: 3 }));
    // the third waiting item fills the second slot's group
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[0], [1, 2, 3]]);
    results.push(group.submit({ key: 'k4', value: 4 }));
    // both slots busy: k4 waits, and goes out once nothing is in flight, however few wait
    await c.finishAll();
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[0], [1, 2, 3], [4]]);
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
  });

  it('caps a group at maxGroup', async () => {
    const c = controlledWrite();
    const group = new GroupCommit(c.write, key, { slots: 1, maxGroup: 2 });
    const results = Array.from({ length: 5 }, (_, i) => group.submit({ key: `k${i}`, value: i }));
    await c.finishAll();
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[0], [1, 2], [3, 4]]);
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
  });

  it('never has two items of one key in flight together, and keeps their order', async () => {
    const c = controlledWrite();
    const group = new GroupCommit(c.write, key, { slots: 2, maxGroup: 10 });
    const results = [
      group.submit({ key: 'x', value: 1 }),
      group.submit({ key: 'x', value: 2 }), // x is in flight: waits although a slot is free
      group.submit({ key: 'y', value: 3 }), // goes out in the second slot
      group.submit({ key: 'x', value: 4 }),
      group.submit({ key: 'z', value: 5 }),
    ];
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[1], [3]]);
    await c.finishAll();
    const order = c.statements.map((s) => s.map((i) => i.value));
    // each statement holds a key once, and x's items come in arrival order
    for (const s of c.statements) expect(new Set(s.map((i) => i.key)).size).toBe(s.length);
    expect(order.flat().filter((v) => [1, 2, 4].includes(v))).toEqual([1, 2, 4]);
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
  });

  it('writes a failed group again item by item, so only the bad item fails', async () => {
    const c = controlledWrite((items) => items.some((i) => i.value === 3));
    const group = new GroupCommit(c.write, key, { slots: 1, maxGroup: 10 });
    const results = Array.from({ length: 5 }, (_, i) => group.submit({ key: `k${i}`, value: i }).then((v) => ({ v }), (err: Error) => ({ err: err.message })));
    await c.finishAll();
    expect(await Promise.all(results)).toEqual([{ v: 0 }, { v: 10 }, { v: 20 }, { err: 'statement of 3 failed' }, { v: 40 }]);
    expect(c.statements.map((s) => s.map((i) => i.value))).toEqual([[0], [1, 2, 3, 4], [1], [2], [3], [4]]);
  });

  it('a failing single item rejects its caller and frees the slot for the next', async () => {
    const c = controlledWrite((items) => items[0].value === 0);
    const group = new GroupCommit(c.write, key, { slots: 1, maxGroup: 10 });
    const first = group.submit({ key: 'a', value: 0 }).catch((err: Error) => err.message);
    const second = group.submit({ key: 'b', value: 1 });
    await c.finishAll();
    expect(await first).toBe('statement of 0 failed');
    await expect(second).resolves.toBe(10);
  });

  it('with gatherOneTurn, the calls of one event-loop turn go out as one group after it, even with a slot free', async () => {
    const statements: number[][] = [];
    // a write that finishes without yielding to the event loop, as SQLite's does
    const group = new GroupCommit(async (items: Item[]) => {
      statements.push(items.map((i) => i.value));
      return items.map((i) => i.value * 10);
    }, key, { slots: 1, maxGroup: 10, gatherOneTurn: true });
    const first = Array.from({ length: 4 }, (_, i) => group.submit({ key: `k${i}`, value: i }));
    expect(statements).toEqual([]);
    expect(await Promise.all(first)).toEqual([0, 10, 20, 30]);
    const second = [group.submit({ key: 'k9', value: 9 })];
    expect(await Promise.all(second)).toEqual([90]);
    expect(statements).toEqual([[0, 1, 2, 3], [9]]);
  });

  it('without gatherOneTurn, a write that never yields takes each call alone', async () => {
    const statements: number[][] = [];
    const group = new GroupCommit(async (items: Item[]) => {
      statements.push(items.map((i) => i.value));
      return items.map((i) => i.value);
    }, key, { slots: 1, maxGroup: 10 });
    await Promise.all(Array.from({ length: 3 }, (_, i) => group.submit({ key: `k${i}`, value: i })));
    expect(statements[0]).toEqual([0]);
  });
});
