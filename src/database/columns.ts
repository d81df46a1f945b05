import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { DatabaseKind } from '../config/config';
import { databaseKindFromProcessEnv } from '../config/env';

/**
 * Entities are declared once for both drivers. The column types differ (JSONB/timestamptz on
 * PostgreSQL, JSON text/datetime on SQLite), and decorators run at import time, so the driver is
 * resolved from the environment here; the data source refuses to start with the other driver.
 */
export const ENTITY_DRIVER: DatabaseKind = databaseKindFromProcessEnv();

const isPg = ENTITY_DRIVER === 'postgres';

export function JsonColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: isPg ? 'jsonb' : 'json', nullable: true, ...options });
}

export function TimestampColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: isPg ? 'timestamptz' : 'datetime', ...options });
}

export function CreatedAtColumn(options: ColumnOptions = {}): PropertyDecorator {
  return CreateDateColumn({ type: isPg ? 'timestamptz' : 'datetime', ...options });
}

export function UpdatedAtColumn(options: ColumnOptions = {}): PropertyDecorator {
  return UpdateDateColumn({ type: isPg ? 'timestamptz' : 'datetime', ...options });
}

/** Column types for migrations, which are written once with the Table API. */
export function columnTypes(kind: DatabaseKind) {
  const pg = kind === 'postgres';
  return {
    uuid: pg ? 'uuid' : 'varchar',
    json: pg ? 'jsonb' : 'json',
    timestamp: pg ? 'timestamptz' : 'datetime',
    text: 'text',
    integer: 'integer',
    bigint: 'bigint',
    double: pg ? 'double precision' : 'real',
    boolean: 'boolean',
  } as const;
}
