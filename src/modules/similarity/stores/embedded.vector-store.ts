import type { DependencyStatus } from '../../../common/health/health-indicators';
import { hotPath } from '../../../common/perf/hot-path';
import { QuantisedMatrix, rankExact } from '../domain/quantised-matrix';
import { VectorMatrix } from '../domain/vector-matrix';
import { RunEmbeddingsRepository, StoredVector } from '../run-embeddings.repository';
import { VectorFilter, VectorHit, VectorItem, VectorStore } from './vector-store';

/**
 * Catching up on other writers (replicas, the backfill command): every catch-up lists the vectors
 * embedded after the newest one seen. A wide catch-up also lists WIDE_OVERLAP_MS further back, for
 * rows committed late or stamped by a clock running behind: every WIDE_EVERY_MS while another
 * writer has been seen lately, else every QUIET_WIDE_EVERY_MS (a lone writer holds everything it
 * wrote, and the wide list is the one costly read). Only rows not held at that embedded_at are
 * read in full.
 */
const WIDE_OVERLAP_MS = 30_000;
const WIDE_EVERY_MS = 10_000;
const QUIET_WIDE_EVERY_MS = 5 * 60_000;
const OTHER_WRITER_RECENT_MS = 5 * 60_000;

/**
 * Vectors in the database (`run_embeddings`), searched exactly over an in-memory matrix of the
 * current embedding key: int8 codes whose scan names every row that can be in the top k, re-ranked
 * with their float vectors read back from the table (`quantised-scan`, QuantisedMatrix), or, with
 * that turned off, the float vectors themselves (VectorMatrix). Both answer what an exact scan of
 * the float vectors answers. The matrix loads on the first search and is updated by this replica's
 * writes; a search first catches up on rows other writers added (see the constants above), so
 * replicas see each other's vectors within a fraction of a second. Deletions by other replicas are caught by the caller, which drops hits
 * whose run no longer exists.
 */
export class EmbeddedVectorStore extends VectorStore {
  readonly name = 'embedded';
  private key: string | undefined;
  /** Created by the key's first vector, which fixes the dimension. */
  private matrix: VectorMatrix | QuantisedMatrix | undefined;
  private rows = 0;
  private ids: string[] = [];
  private wpk: string[] = [];
  private status: string[] = [];
  private created: number[] = [];
  /** embedded_at of each row's vector, as loaded */
  private embeddedAt: number[] = [];
  private readonly rowOf = new Map<string, number>();
  /** rows the first load will bring, so the matrix is sized once for them */
  private expectedRows = 0;
  /** one string per distinct workflow id and status, shared by their rows */
  private readonly interned = new Map<string, string>();
  private highWater: number | undefined;
  private lastWide = 0;
  private otherWriterSeenAt = Number.NEGATIVE_INFINITY;
  private catchingUp: Promise<void> | undefined;
  /** The tail of the matrix's queue: a scan on the pool's threads reads it while this thread goes on, so changes wait their turn. */
  private queue: Promise<unknown> = Promise.resolve();

  private readonly quantised: boolean;

  /** `quantised`: int8 codes with exact re-ranking (the default unless HOT_PATH_OFF names `quantised-scan`), or the float matrix */
  constructor(
    private readonly repository: RunEmbeddingsRepository,
    options: { quantised?: boolean } = {},
  ) {
    super();
    this.quantised = options.quantised ?? hotPath('quantised-scan');
  }

  async prepare(): Promise<void> {}

  async upsert(items: VectorItem[]): Promise<void> {
    const now = new Date();
    await this.repository.upsertMany(
      items.map((i) => ({
        run_id: i.runId,
        wpk_id: i.wpkId,
        status: i.status,
        run_created_at: i.runCreatedAt,
        embedding_key: i.embeddingKey,
        vector: i.vector,
        content_hash: i.contentHash,
        embedded_at: now,
      })),
    );
    await this.inTurn(() => {
      if (this.key === undefined) return;
      for (const i of items) {
        if (i.embeddingKey === this.key) this.put(i.runId, i.wpkId, i.status, i.runCreatedAt, i.vector, now.getTime());
        else this.drop(i.runId);
      }
    });
  }

  async remove(runIds: string[]): Promise<void> {
    await this.repository.deleteByRunIds(runIds);
    await this.inTurn(() => {
      for (const id of runIds) this.drop(id);
    });
  }

  override async close(): Promise<void> {
    await this.inTurn(() => (this.matrix instanceof QuantisedMatrix ? this.matrix.close() : undefined));
  }

  async vectorOf(runId: string, embeddingKey: string): Promise<Float32Array | undefined> {
    return (await this.vectorsOf([runId], embeddingKey)).get(runId);
  }

  /** One catch-up for all of them, then lookups in memory (or, for int8 codes, one read of the float vectors). */
  override async vectorsOf(runIds: readonly string[], embeddingKey: string): Promise<Map<string, Float32Array>> {
    await this.sync(embeddingKey);
    const out = new Map<string, Float32Array>();
    const matrix = this.matrix;
    if (matrix === undefined) return out;
    const held = runIds.filter((id) => this.rowOf.has(id));
    if (matrix instanceof QuantisedMatrix) return held.length ? this.repository.findVectors(embeddingKey, held) : out;
    for (const id of held) out.set(id, matrix.row(this.rowOf.get(id)!));
    return out;
  }

  async search(query: Float32Array, k: number, filter: VectorFilter): Promise<VectorHit[]> {
    await this.sync(filter.embeddingKey);
    const matrix = this.matrix;
    if (matrix === undefined || this.rows === 0 || query.length !== matrix.dim) return [];
    const since = filter.since?.getTime();
    const accept = (row: number) =>
      (filter.wpkId === undefined || this.wpk[row] === filter.wpkId) &&
      (filter.status === undefined || this.status[row] === filter.status) &&
      (since === undefined || this.created[row] >= since) &&
      (filter.excludeRunId === undefined || this.ids[row] !== filter.excludeRunId);
    if (matrix instanceof VectorMatrix) return matrix.topK(query, this.rows, k, accept).map((r) => ({ runId: this.ids[r.index], score: r.score }));
    // rows (and their ids) as of the scan: a write landing while the vectors are read moves rows
    const { rows, ids } = await this.inTurn(async () => {
      if (this.matrix !== matrix) return { rows: [], ids: [] };
      const rows = await matrix.candidatesAsync(query, this.rows, k, accept);
      return { rows, ids: rows.map((row) => this.ids[row]) };
    });
    const vectors = await this.repository.findVectors(filter.embeddingKey, ids);
    const found: Array<{ row: number; vector: Float32Array }> = [];
    rows.forEach((row, i) => {
      const vector = vectors.get(ids[i]);
      if (vector) found.push({ row, vector });
    });
    const idOf = new Map(rows.map((row, i) => [row, ids[i]]));
    return rankExact(query, found, k).map((r) => ({ runId: idOf.get(r.index)!, score: r.score }));
  }

  async describe(): Promise<DependencyStatus> {
    const scanThreads = this.matrix instanceof QuantisedMatrix ? this.matrix.scanThreads : 0;
    return { status: 'up', required: false, store: this.name, loaded_vectors: this.key === undefined ? null : this.rows, scan_threads: scanThreads };
  }

  /**
   * Loads the key's vectors on first use (or after a key change); afterwards catches up on other
   * writers, concurrent callers sharing the catch-up in flight.
   */
  private async sync(embeddingKey: string): Promise<void> {
    if (this.key !== embeddingKey) {
      // in turn: concurrent callers wait for the load in their catch-up, and no scan reads the matrix it fills
      await this.inTurn(async () => {
        if (this.key === embeddingKey) return;
        this.catchingUp = undefined;
        this.reset(embeddingKey);
        const started = Date.now();
        this.expectedRows = await this.repository.countByKey(embeddingKey);
        await this.repository.forEachByKey(embeddingKey, (v) => this.putStored(v));
        this.highWater ??= started - WIDE_OVERLAP_MS;
        this.lastWide = Date.now();
      });
      return;
    }
    this.catchingUp ??= this.catchUp(embeddingKey).finally(() => {
      this.catchingUp = undefined;
    });
    await this.catchingUp;
  }

  private async catchUp(embeddingKey: string): Promise<void> {
    const started = Date.now();
    const othersActive = started - this.otherWriterSeenAt <= OTHER_WRITER_RECENT_MS;
    const wide = started - this.lastWide >= (othersActive ? WIDE_EVERY_MS : QUIET_WIDE_EVERY_MS);
    const changes = wide
      ? await this.repository.findChangesSince(embeddingKey, new Date((this.highWater ?? 0) - WIDE_OVERLAP_MS))
      : await this.repository.findChangesSince(embeddingKey, new Date(this.highWater ?? 0), { after: true });
    const unseen = changes.filter((c) => {
      const row = this.rowOf.get(c.run_id);
      return row === undefined || this.embeddedAt[row] !== c.embedded_at;
    });
    if (unseen.length) this.otherWriterSeenAt = started;
    if (unseen.length && this.key === embeddingKey) {
      const stored = await this.repository.findByRunIds(embeddingKey, unseen.map((c) => c.run_id));
      await this.inTurn(() => {
        for (const v of stored) if (this.key === embeddingKey) this.putStored(v);
      });
    }
    for (const c of changes) if (this.highWater === undefined || c.embedded_at > this.highWater) this.highWater = c.embedded_at;
    if (wide) this.lastWide = started;
  }

  /** Runs `fn` once every earlier turn has finished (a failed turn does not block the next). */
  private inTurn<T>(fn: () => T | Promise<T>): Promise<T> {
    const turn = this.queue.then(fn);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private reset(key: string): void {
    this.key = key;
    if (this.matrix instanceof QuantisedMatrix) void this.matrix.close();
    this.matrix = undefined;
    this.rows = 0;
    this.ids = [];
    this.wpk = [];
    this.status = [];
    this.created = [];
    this.embeddedAt = [];
    this.rowOf.clear();
    this.interned.clear();
    this.expectedRows = 0;
    this.highWater = undefined;
  }

  private putStored(v: StoredVector): void {
    const at = v.embedded_at.getTime();
    this.put(v.run_id, v.wpk_id, v.status, v.run_created_at, v.vector, at);
    if (this.highWater === undefined || at > this.highWater) this.highWater = at;
  }

  private put(runId: string, wpkId: string, status: string, createdAt: Date, vector: Float32Array, embeddedAt: number): void {
    if (vector.length === 0) return;
    this.matrix ??= this.quantised ? new QuantisedMatrix(vector.length, { rows: this.expectedRows }) : new VectorMatrix(vector.length, { rows: this.expectedRows });
    if (vector.length !== this.matrix.dim) return;
    let row = this.rowOf.get(runId);
    if (row === undefined) {
      row = this.rows++;
      this.rowOf.set(runId, row);
    }
    this.matrix.set(row, vector);
    this.ids[row] = runId;
    this.wpk[row] = this.intern(wpkId);
    this.status[row] = this.intern(status);
    this.created[row] = createdAt.getTime();
    this.embeddedAt[row] = embeddedAt;
  }

  private intern(s: string): string {
    let kept = this.interned.get(s);
    if (kept === undefined) {
      if (this.interned.size >= 100_000) this.interned.clear();
      this.interned.set(s, (kept = s));
    }
    return kept;
  }

  /** Swap-remove: the last row moves into the hole. */
  private drop(runId: string): void {
    const row = this.rowOf.get(runId);
    if (row === undefined) return;
    const last = this.rows - 1;
    if (row !== last) {
      this.matrix!.copy(last, row);
      this.ids[row] = this.ids[last];
      this.wpk[row] = this.wpk[last];
      this.status[row] = this.status[last];
      this.created[row] = this.created[last];
      this.embeddedAt[row] = this.embeddedAt[last];
      this.rowOf.set(this.ids[row], row);
    }
    this.rowOf.delete(runId);
    this.ids.length = this.wpk.length = this.status.length = this.created.length = this.embeddedAt.length = last;
    this.rows = last;
  }
}
