import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../database/database.service';
import { KeyRef } from './domain/probe';

export const FEEDBACK_LABELS = ['useful', 'noise'] as const;
export type FeedbackLabel = (typeof FEEDBACK_LABELS)[number];

export interface SignalFeedback {
  signal_id: string;
  label: FeedbackLabel;
  note: string | null;
  by: KeyRef;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class SignalFeedbackRepository {
  constructor(private readonly db: Database) {}

  private map(r: Record<string, unknown>): SignalFeedback {
    return {
      signal_id: String(r.signal_id),
      label: r.label as FeedbackLabel,
      note: (r.note as string | null) ?? null,
      by: { key_id: String(r.key_id), name: String(r.key_name) },
      created_at: this.db.fromDbTime(r.created_at)!,
      updated_at: this.db.fromDbTime(r.updated_at)!,
    };
  }

  async findForKey(signalId: string, keyId: string, tx: EntityManager): Promise<SignalFeedback | undefined> {
    const rows = await this.db.query(`SELECT * FROM insight_signal_feedback WHERE signal_id = ${this.db.p(1)} AND key_id = ${this.db.p(2)}`, [signalId, keyId], tx);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** One label per key per signal: a later one replaces it (its first time is kept). */
  async upsert(id: string, probeId: string | null, f: Omit<SignalFeedback, 'created_at' | 'updated_at'>, now: Date, tx: EntityManager): Promise<void> {
    const db = this.db;
    const p = db.params();
    const at = db.toDbTime(now);
    await db.query(
      `INSERT INTO insight_signal_feedback (id, signal_id, probe_id, key_id, key_name, label, note, created_at, updated_at)
       VALUES (${[id, f.signal_id, probeId, f.by.key_id, f.by.name, f.label, f.note, at, at].map((v) => p.add(v)).join(', ')})
       ON CONFLICT (signal_id, key_id) DO UPDATE SET key_name = excluded.key_name, label = excluded.label, note = excluded.note, updated_at = excluded.updated_at`,
      p.values,
      tx,
    );
  }

  /** Every label of these signals, oldest first. */
  async findForSignals(signalIds: string[]): Promise<Map<string, SignalFeedback[]>> {
    const out = new Map<string, SignalFeedback[]>();
    if (!signalIds.length) return out;
    const p = this.db.params();
    const rows = await this.db.query(
      `SELECT * FROM insight_signal_feedback WHERE signal_id IN (${signalIds.map((id) => p.add(id)).join(', ')}) ORDER BY created_at, id`,
      p.values,
    );
    for (const r of rows.map((row) => this.map(row))) out.set(r.signal_id, [...(out.get(r.signal_id) ?? []), r]);
    return out;
  }

  async deleteForSignals(signalIds: string[], tx: EntityManager): Promise<void> {
    if (!signalIds.length) return;
    const p = this.db.params();
    await this.db.query(`DELETE FROM insight_signal_feedback WHERE signal_id IN (${signalIds.map((id) => p.add(id)).join(', ')})`, p.values, tx);
  }
}
