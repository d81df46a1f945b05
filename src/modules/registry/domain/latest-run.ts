/**
 * Which run is a workflow's latest: the greatest (started_at ?? created_at, run_id). run_id ties
 * are broken in code-point order, the order SQLite (BINARY) and PostgreSQL (COLLATE "C") sort UTF-8
 * text in, so the summary and a recomputation in SQL always agree. (JavaScript's `<` compares UTF-16
 * code units, which differs for characters beyond U+FFFF.)
 */
export interface RunKey {
  at: Date;
  run_id: string;
}

export function runKey(run: { started_at: Date | null; created_at: Date; run_id: string }): RunKey {
  return { at: run.started_at ?? run.created_at, run_id: run.run_id };
}

export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Negative when a sorts before b, 0 when equal, positive after. */
export function compareRunKeys(a: RunKey, b: RunKey): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime < 0 ? -1 : 1;
  return compareCodePoints(a.run_id, b.run_id);
}

export interface LatestDecisionInput<R> {
  /** the stored latest run's key; undefined when the workflow has no latest run */
  stored: RunKey | undefined;
  /** the final state of every run this transaction wrote, by run_id */
  written: ReadonlyMap<string, R>;
  /** run_ids this transaction deleted */
  deleted: ReadonlySet<string>;
  keyOf: (run: R) => RunKey;
}

export type LatestDecision<R> = { kind: 'keep' } | { kind: 'set'; run: R } | { kind: 'recompute' };

/**
 * The summary rule, applied once per workflow per transaction: the written run with the greatest key
 * replaces a stored latest it does not sort below (an update of the latest run refreshes it); when
 * the stored latest was deleted or its key moved backwards, only the database knows the new latest.
 */
export function decideLatest<R>({ stored, written, deleted, keyOf }: LatestDecisionInput<R>): LatestDecision<R> {
  if (stored) {
    if (deleted.has(stored.run_id)) return { kind: 'recompute' };
    const rewritten = written.get(stored.run_id);
    if (rewritten !== undefined && compareRunKeys(keyOf(rewritten), stored) < 0) return { kind: 'recompute' };
  }
  let best: R | undefined;
  for (const run of written.values()) {
    if (best === undefined || compareRunKeys(keyOf(run), keyOf(best)) > 0) best = run;
  }
  if (best === undefined) return { kind: 'keep' };
  if (stored && compareRunKeys(keyOf(best), stored) < 0) return { kind: 'keep' };
  return { kind: 'set', run: best };
}
