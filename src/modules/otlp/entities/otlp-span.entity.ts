import { Entity, PrimaryColumn } from 'typeorm';
import { JsonColumn } from '../../../database/columns';

/** What each span of a trace said (its SpanFacts), kept while its run exists. */
@Entity({ name: 'otlp_spans' })
export class OtlpSpanEntity {
  @PrimaryColumn({ type: 'text' })
  trace_id!: string;

  @PrimaryColumn({ type: 'text' })
  span_id!: string;

  @JsonColumn({ nullable: false })
  facts!: Record<string, unknown>;
}
