export interface FieldError {
  field: string;
  message: string;
}

/**
 * Errors below the controllers carry a stable string code; the one exception filter maps codes to
 * HTTP statuses. Nothing below the controllers imports HttpException.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds a client should wait before retrying (for 429 and 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(details: FieldError[]): AppError {
    const fields = [...new Set(details.map((d) => d.field))].join(', ');
    return new AppError('VALIDATION_FAILED', `invalid request: ${fields}`, details);
  }

  static field(field: string, message: string): AppError {
    return AppError.validation([{ field, message }]);
  }
}

/** The HTTP status of every code. A code ending in _NOT_FOUND is a 404. */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  MALFORMED_OTLP: 400,
  PROBE_QUERY_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMBEDDING_PENDING: 409,
  EMBEDDING_FAILED: 409,
  SERIES_UNAVAILABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  OTLP_BUSY: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  PROBE_SOURCE_UNREACHABLE: 503,
  SHUTTING_DOWN: 503,
  STARTING: 503,
  EMBEDDER_UNAVAILABLE: 503,
  VECTOR_STORE_UNAVAILABLE: 503,
};

export function statusForCode(code: string): number {
  if (STATUS_BY_CODE[code] !== undefined) return STATUS_BY_CODE[code];
  if (code.endsWith('_NOT_FOUND')) return 404;
  return 500;
}
