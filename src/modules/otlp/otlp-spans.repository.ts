import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../database/database.service';
import type { SpanFacts } from './domain/trace-mapping';

/** Rows per INSERT: 3 parameters each, well within both drivers' limits. */
const CHUNK = 500;

/** The only code that knows how `otlp_spans` is stored. */
@Injectable()
export class OtlpSpansRepository {
  constructor(private readonly db: Database) {}

  /** Every span stored for the trace. */
  async findFacts(traceId: string, tx: EntityManager): Promise<SpanFacts[]> {
    return (await this.findFactsOf([traceId], tx)).get(traceId) ?? [];
  }

  /** Every span stored for each of the traces, in one read. */
  async findFactsOf(traceIds: readonly string[], tx: EntityManager): Promise<Map<string, SpanFacts[]>> {
    const out = new Map<string, SpanFacts[]>();
    if (!traceIds.length) return out;
    const params = this.db.params();
    const list = traceIds.map((id) => params.add(id)).join(', ');
    const rows = await this.db.query(`SELECT trace_id, facts FROM otlp_spans WHERE trace_id IN (${list})`, params.values, tx);
    for (const r of rows) {
      const id = String(r.trace_id);
      let facts = out.get(id);
      if (!facts) out.set(id, (facts = []));
      facts.push(this.db.fromDbJson<SpanFacts>(r.facts)!);
    }
    return out;
  }

  /** Stores spans of one trace; a span id stored already is left as it is. */
  async insert(traceId: string, spans: readonly SpanFacts[], tx: EntityManager): Promise<void> {
    await this.insertMany(spans.map((f) => [traceId, f] as const), tx);
  }

  /** Stores spans of several traces in as few statements as the chunk size allows. */
  async insertMany(spans: ReadonlyArray<readonly [string, SpanFacts]>, tx: EntityManager): Promise<void> {
    for (let i = 0; i < spans.length; i += CHUNK) {
      const params = this.db.params();
      const values = spans
        .slice(i, i + CHUNK)
        .map(([traceId, f]) => `(${params.add(traceId)}, ${params.add(f.span_id)}, ${params.add(this.db.toDbJson(f))}${this.db.isPostgres ? '::jsonb' : ''})`)
        .join(', ');
      await this.db.query(`INSERT INTO otlp_spans (trace_id, span_id, facts) VALUES ${values} ON CONFLICT (trace_id, span_id) DO NOTHING`, params.values, tx);
    }
  }

  async deleteByTraces(traceIds: readonly string[], tx: EntityManager): Promise<void> {
    if (!traceIds.length) return;
    const params = this.db.params();
    const list = traceIds.map((id) => params.add(id)).join(', ');
    await this.db.query(`DELETE FROM otlp_spans WHERE trace_id IN (${list})`, params.values, tx);
  }
}
