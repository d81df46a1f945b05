import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, Queryable } from '../../database/database.service';
import { SENSITIVITIES, Sensitivity } from './detectors';
import { Probe, ProbeSource, ProbeTuning, Severity, SEVERITIES } from './domain/probe';

const DEF_COLUMNS = [
  'name', 'query', 'source', 'detector', 'detector_params', 'sensitivity', 'threshold', 'lookback', 'step', 'interval_s', 'cron',
  'cooldown_s', 'min_consecutive', 'enabled', 'wpk_id', 'severity', 'labels',
] as const;
const COLUMNS = `id, ${DEF_COLUMNS.join(', ')}, tuning_steps, tuning, last_noise_at, last_run_at, last_error, consecutive_failures, next_run_at, created_at, updated_at`;

/**
 * Rows an UPDATE/DELETE … RETURNING handed back. TypeORM's PostgreSQL driver answers such
 * statements as [rows, rowCount]; SQLite answers the rows.
 */
export function returnedRows(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return Array.isArray(result) ? result : [];
}

export type ProbeDefinition = Pick<Probe, (typeof DEF_COLUMNS)[number]>;

/** What a finished run changes on its probe. */
export interface ProbeRunState {
  last_run_at: Date;
  last_error: string | null;
  consecutive_failures: number;
  next_run_at: Date;
}

@Injectable()
export class ProbesRepository {
  constructor(private readonly db: Database) {}

  private map(row: Record<string, unknown>): Probe {
    const db = this.db;
    return {
      id: String(row.id),
      name: String(row.name),
      query: String(row.query),
      source: row.source as ProbeSource,
      detector: String(row.detector),
      detector_params: db.fromDbJson<Record<string, unknown>>(row.detector_params) ?? {},
      sensitivity: SENSITIVITIES.includes(row.sensitivity as Sensitivity) ? (row.sensitivity as Sensitivity) : null,
      threshold: Number(row.threshold),
      lookback: String(row.lookback),
      step: String(row.step),
      interval_s: row.interval_s === null ? null : Number(row.interval_s),
      cron: (row.cron as string | null) ?? null,
      cooldown_s: Number(row.cooldown_s),
      min_consecutive: Number(row.min_consecutive),
      enabled: row.enabled === true || row.enabled === 1 || row.enabled === '1',
      wpk_id: (row.wpk_id as string | null) ?? null,
      severity: SEVERITIES.includes(row.severity as Severity) ? (row.severity as Severity) : 'warning',
      labels: db.fromDbJson<Record<string, string>>(row.labels) ?? {},
      tuning: {
        steps: Number(row.tuning_steps ?? 0),
        log: (db.fromDbJson<Array<{ at: string; from: number; to: number; because: string }>>(row.tuning) ?? []).map((e) => ({ ...e, at: new Date(e.at) })),
        last_noise_at: db.fromDbTime(row.last_noise_at),
      },
      last_run_at: db.fromDbTime(row.last_run_at),
      last_error: (row.last_error as string | null) ?? null,
      consecutive_failures: Number(row.consecutive_failures ?? 0),
      next_run_at: db.fromDbTime(row.next_run_at),
      created_at: db.fromDbTime(row.created_at)!,
      updated_at: db.fromDbTime(row.updated_at)!,
    };
  }

  private defValues(def: ProbeDefinition): unknown[] {
    return [
      def.name, def.query, def.source, def.detector, this.db.toDbJson(def.detector_params), def.sensitivity, def.threshold, def.lookback, def.step,
      def.interval_s, def.cron, def.cooldown_s, def.min_consecutive, def.enabled ? 1 : 0, def.wpk_id, def.severity, this.db.toDbJson(def.labels),
    ];
  }

  async insert(id: string, def: ProbeDefinition, now: Date): Promise<void> {
    const params = this.db.params();
    const values = [id, ...this.defValues(def), 0, this.db.toDbJson([]), 0, this.db.toDbTime(now), this.db.toDbTime(now), this.db.toDbTime(now)].map((v) => params.add(v));
    await this.db.write((tx) =>
      this.db.query(
        `INSERT INTO probes (id, ${DEF_COLUMNS.join(', ')}, tuning_steps, tuning, consecutive_failures, next_run_at, created_at, updated_at) VALUES (${values.join(', ')})`,
        params.values,
        tx,
      ),
    );
  }

  /**
   * Replaces the definition. `resetSchedule` makes the probe due now and forgets its failures (a
   * re-enabled or re-defined probe runs at once); `resetState` drops its detector state.
   */
  async update(id: string, def: ProbeDefinition, now: Date, opts: { resetSchedule: boolean; resetState: boolean }, tx: EntityManager): Promise<boolean> {
    const params = this.db.params();
    const sets = DEF_COLUMNS.map((c, i) => `${c} = ${params.add(this.defValues(def)[i])}`);
    sets.push(`updated_at = ${params.add(this.db.toDbTime(now))}`);
    if (opts.resetSchedule) sets.push(`next_run_at = ${params.add(this.db.toDbTime(now))}`, 'consecutive_failures = 0');
    const rows = returnedRows(await this.db.query(`UPDATE probes SET ${sets.join(', ')} WHERE id = ${params.add(id)} RETURNING id`, params.values, tx));
    if (rows.length && opts.resetState) {
      await this.db.query(`DELETE FROM insight_series_state WHERE probe_id = ${this.db.p(1)}`, [id], tx);
    }
    return rows.length > 0;
  }

  /** Stores what feedback did to the probe's threshold; its configured threshold is untouched. */
  async setTuning(id: string, tuning: ProbeTuning, tx: EntityManager): Promise<void> {
    const db = this.db;
    const log = tuning.log.map((e) => ({ at: e.at.toISOString(), from: e.from, to: e.to, because: e.because }));
    await db.query(
      `UPDATE probes SET tuning_steps = ${db.p(1)}, tuning = ${db.p(2)}, last_noise_at = ${db.p(3)} WHERE id = ${db.p(4)}`,
      [tuning.steps, db.toDbJson(log), tuning.last_noise_at ? db.toDbTime(tuning.last_noise_at) : null, id],
      tx,
    );
  }

  /** Deletes the probe, its runs and its series state (its signals stay). */
  async delete(id: string, tx: EntityManager): Promise<boolean> {
    const rows = returnedRows(await this.db.query(`DELETE FROM probes WHERE id = ${this.db.p(1)} RETURNING id`, [id], tx));
    if (!rows.length) return false;
    await this.db.query(`DELETE FROM insight_series_state WHERE probe_id = ${this.db.p(1)}`, [id], tx);
    await this.db.query(`DELETE FROM probe_runs WHERE probe_id = ${this.db.p(1)}`, [id], tx);
    return true;
  }

  /** Forgets run history older than `cutoff`; answers how many runs went. */
  async pruneRuns(cutoff: Date): Promise<number> {
    const sql = `DELETE FROM probe_runs WHERE started_at < ${this.db.p(1)} RETURNING id`;
    return this.db.write(async (tx) => returnedRows(await this.db.query(sql, [this.db.toDbTime(cutoff)], tx)).length);
  }

  async findById(id: string, on: Queryable = this.db.dataSource): Promise<Probe | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM probes WHERE id = ${this.db.p(1)}`, [id], on);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** The probe, locked for the rest of the transaction on PostgreSQL (tuning is read-modify-write). */
  async findByIdForUpdate(id: string, tx: EntityManager): Promise<Probe | undefined> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM probes WHERE id = ${this.db.p(1)}${lock}`, [id], tx);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  async findByName(name: string): Promise<Probe | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM probes WHERE name = ${this.db.p(1)}`, [name]);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  async listAll(): Promise<Probe[]> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM probes ORDER BY name, id`);
    return rows.map((r) => this.map(r));
  }

  async listNames(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!ids.length) return out;
    const params = this.db.params();
    const rows = await this.db.query<{ id: string; name: string }>(
      `SELECT id, name FROM probes WHERE id IN (${ids.map((id) => params.add(id)).join(', ')})`,
      params.values,
    );
    for (const r of rows) out.set(String(r.id), String(r.name));
    return out;
  }

  /** Ids of enabled probes due at `now` whose lease is free, soonest first. */
  async findDueIds(now: Date, limit: number): Promise<string[]> {
    const t = this.db.toDbTime(now);
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM probes WHERE enabled = ${this.db.p(1)} AND (next_run_at IS NULL OR next_run_at <= ${this.db.p(2)})
       AND (lease_until IS NULL OR lease_until < ${this.db.p(3)}) ORDER BY next_run_at, id LIMIT ${this.db.p(4)}`,
      [1, t, t, limit],
    );
    return rows.map((r) => String(r.id));
  }

  /**
   * Takes the probe's lease until `until` if nobody holds it (and, when `dueOnly`, if it is due).
   * One conditional UPDATE: on PostgreSQL a concurrent claimer blocks on the row, re-reads it after
   * the winner commits and no longer matches, so exactly one replica gets each run.
   */
  async claim(id: string, owner: string, now: Date, until: Date, dueOnly: boolean): Promise<Probe | undefined> {
    return this.db.write(async (tx) => {
      // placeholders are added in text order: SQLite's `?` are positional
      const params = this.db.params();
      const now_ = this.db.toDbTime(now);
      let sql = `UPDATE probes SET lease_owner = ${params.add(owner)}, lease_until = ${params.add(this.db.toDbTime(until))}
         WHERE id = ${params.add(id)} AND (lease_until IS NULL OR lease_until < ${params.add(now_)})`;
      if (dueOnly) sql += ` AND enabled = ${params.add(1)} AND (next_run_at IS NULL OR next_run_at <= ${params.add(now_)})`;
      const rows = returnedRows(await this.db.query(`${sql} RETURNING id`, params.values, tx));
      return rows.length ? this.findById(id, tx) : undefined;
    });
  }

  /** Records the outcome of a run and gives the lease back, inside the run's transaction. */
  async finishRun(id: string, owner: string, state: ProbeRunState, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(
      `UPDATE probes SET last_run_at = ${db.p(1)}, last_error = ${db.p(2)}, consecutive_failures = ${db.p(3)}, next_run_at = ${db.p(4)},
       lease_owner = NULL, lease_until = NULL WHERE id = ${db.p(5)} AND lease_owner = ${db.p(6)}`,
      [db.toDbTime(state.last_run_at), state.last_error, state.consecutive_failures, db.toDbTime(state.next_run_at), id, owner],
      tx,
    );
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(`UPDATE probes SET lease_owner = NULL, lease_until = NULL WHERE id = ${this.db.p(1)} AND lease_owner = ${this.db.p(2)}`, [id, owner], tx),
    );
  }
}
