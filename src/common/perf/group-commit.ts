/**
 * Group commit: writes that arrive while earlier ones are being committed are written together,
 * in one statement, when a slot frees up (the "natural batching" of database group commit: no
 * timer, no added wait when the database keeps up). With nothing in flight, a write goes out at
 * once on its own, exactly as without grouping; while a group is in flight, another goes out when
 * a slot is free and `busyMinGroup` items wait.
 *
 * - Every caller is answered only after the statement holding its item has returned, so nothing is
 *   acknowledged before it is stored.
 * - Items with the same key are never in flight together (neither in one group nor in two groups
 *   at once): a later one waits for the earlier one's group, so per key the writes keep their order
 *   and two groups cannot lock the same row in opposite orders.
 * - A failed group is written again item by item, so one item's failure is only its own.
 *
 * Kept in the request path of `POST /runs` (PostgreSQL: new runs in one statement; SQLite: writes
 * in one transaction) as the `group-commit` hot-path change; its gain on each driver is measured
 * by `npm run bench:ablation` (reports/performance.md, part 12).
 */
export interface GroupCommitOptions {
  /** groups in flight at once */
  slots: number;
  /** items in one group at most */
  maxGroup: number;
  /** told the size of each group as it goes out (a metric) */
  onGroup?: (size: number) => void;
  /**
   * Wait one turn of the event loop (setImmediate) before a group goes out, so the calls whose
   * requests arrived in the same turn join it. For a database whose writes never yield to the event
   * loop (SQLite: a transaction runs to its end in one turn), no other call could join otherwise.
   */
  gatherOneTurn?: boolean;
  /**
   * While a group is in flight, another goes out only once this many items wait (default 1): a
   * second slot that sent each newcomer on its own would halve the groups and add a statement per
   * request under load, and it still takes a large group when the first is slow.
   */
  busyMinGroup?: number;
}

interface Waiting<T, R> {
  item: T;
  key: string;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T, R> {
  private queue: Array<Waiting<T, R>> = [];
  private readonly inFlight = new Set<string>();
  private busy = 0;
  private gathering = false;
  /** groups written so far, and the items in them (for tests and metrics) */
  readonly stats = { groups: 0, items: 0, largest: 0 };

  constructor(
    /** writes the items in one statement; answers one result per item, in order */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly keyOf: (item: T) => string,
    private readonly options: GroupCommitOptions,
  ) {
    if (options.slots < 1 || options.maxGroup < 1) throw new Error('group commit needs at least one slot and one item per group');
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, key: this.keyOf(item), resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    if (this.options.gatherOneTurn) {
      if (this.gathering || this.busy >= this.options.slots || !this.queue.length) return;
      this.gathering = true;
      setImmediate(() => {
        this.gathering = false;
        this.send();
      });
      return;
    }
    this.send();
  }

  private send(): void {
    while (this.busy < this.options.slots) {
      if (this.busy > 0 && this.queue.length < (this.options.busyMinGroup ?? 1)) return;
      const group = this.take();
      if (!group.length) return;
      this.busy++;
      for (const w of group) this.inFlight.add(w.key);
      void this.commit(group).finally(() => {
        for (const w of group) this.inFlight.delete(w.key);
        this.busy--;
        this.pump();
      });
    }
  }

  /** The oldest waiting items whose keys are not in flight, one per key, up to maxGroup. */
  private take(): Array<Waiting<T, R>> {
    const group: Array<Waiting<T, R>> = [];
    const keys = new Set<string>();
    const rest: Array<Waiting<T, R>> = [];
    for (const w of this.queue) {
      if (group.length < this.options.maxGroup && !this.inFlight.has(w.key) && !keys.has(w.key)) {
        group.push(w);
        keys.add(w.key);
      } else {
        // a key already taken blocks its later items too, so they stay in arrival order
        keys.add(w.key);
        rest.push(w);
      }
    }
    this.queue = rest;
    return group;
  }

  private async commit(group: Array<Waiting<T, R>>): Promise<void> {
    this.stats.groups++;
    this.stats.items += group.length;
    this.stats.largest = Math.max(this.stats.largest, group.length);
    this.options.onGroup?.(group.length);
    try {
      const results = await this.write(group.map((w) => w.item));
      group.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err);
        return;
      }
      // the statement wrote nothing; each item alone, so one bad item fails only its own caller
      await Promise.all(
        group.map(async (w) => {
          try {
            w.resolve((await this.write([w.item]))[0]);
          } catch (own) {
            w.reject(own);
          }
        }),
      );
    }
  }
}
