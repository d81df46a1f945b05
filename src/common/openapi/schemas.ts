import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * Schema fragments for ApiProperty, so each DTO states the type, format and bounds its validators
 * enforce (a test holds the two to agreement on boundary values).
 */

/**
 * What IsTimestamp accepts, as far as a schema can say it: RFC 3339 with a zone, years 1970–9999,
 * no leap second. The server also reads a few looser forms (minutes without seconds, `+0200`).
 */
export const TIMESTAMP_PATTERN = '^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-5][0-9](\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:?[0-9]{2})$';

/** A timestamp a client sends. */
export const TIMESTAMP_INPUT = { type: 'string', format: 'date-time', pattern: TIMESTAMP_PATTERN } as const;

/** A timestamp the server writes (toISOString: UTC, milliseconds, `Z`). */
export const TIMESTAMP = { type: 'string', format: 'date-time', example: '2026-01-15T10:00:00.000Z' } as const;

/** A string of `min`–`max` characters. */
export const text = (max: number, min = 1) => ({ type: 'string', minLength: min, maxLength: max }) as const;

/** An integer within bounds. */
export const int = (minimum?: number, maximum?: number) => ({ type: 'integer', ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) }) as const;

/** A nullable enum: OpenAPI 3.0 wants null among the values as well. */
export const nullableEnum = (values: readonly string[]) => ({ type: 'string', enum: [...values, null], nullable: true }) as const;

/**
 * Marks a property as any JSON value (object, array, string, number, boolean or null): the schema
 * carries no `type`, which Nest cannot emit by itself; the document builder drops the marker.
 */
export const ANY_JSON_MARKER = 'x-neuralops-any-json';

type AnyJsonOptions = { description?: string; example?: unknown };

export function AnyJsonProperty(options: AnyJsonOptions = {}): PropertyDecorator {
  return ApiProperty({ description: options.description ?? 'any JSON value', example: options.example, [ANY_JSON_MARKER]: true } as never);
}

export function AnyJsonPropertyOptional(options: AnyJsonOptions = {}): PropertyDecorator {
  return ApiPropertyOptional({ description: options.description ?? 'any JSON value', example: options.example, [ANY_JSON_MARKER]: true } as never);
}
