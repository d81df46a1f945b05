import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** A check may carry more fields than these (driver, latency_ms, url, model, …). */
@ApiSchema({ additionalProperties: true } as never)
export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down', 'disabled', 'degraded'] }) status!: string;
  @ApiProperty({ type: Boolean, description: 'only a required dependency (the database) changes the status code' }) required!: boolean;
  @ApiPropertyOptional({ type: String, description: 'why it is not up' }) detail?: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' },
    description: 'one entry per dependency: database, and the optional ones (prometheus, embedder, vector_store, …)',
    example: { database: { status: 'up', required: true, driver: 'sqlite', latency_ms: 0.4 } },
  })
  checks!: Record<string, DependencyStatusDto>;
}
