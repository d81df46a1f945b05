import { OtlpSpanEntity } from './otlp-span.entity';
import { OtlpTraceEntity } from './otlp-trace.entity';

export const OTLP_ENTITIES = [OtlpTraceEntity, OtlpSpanEntity];
