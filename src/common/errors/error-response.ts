import { HttpException, HttpStatus } from '@nestjs/common';
import { redactCredentials } from '../security/url-credentials';
import { AppError, statusForCode } from './app-error';
import { databaseUnavailable, isDatabaseUnavailable } from './database-errors';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  request_id: string | undefined;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  retryAfterSeconds?: number;
  /** true when the error is not the client's doing and must be logged with its stack */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** body-parser's errors carry a `type`; they arrive before Nest sees the request. */
function fromBodyParser(err: { type?: string; status?: number; limit?: number }): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON', 'the request body is not valid JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', `the request body exceeds the limit of ${err.limit} bytes`, {
        limit_bytes: err.limit,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupported request body encoding');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('MALFORMED_JSON', 'the request body could not be read');
    default:
      return undefined;
  }
}

/** Maps anything thrown while serving a request to the one error body. */
export function toErrorResponse(err: unknown, requestId: string | undefined): ErrorResponse {
  let appError: AppError | undefined;
  let unexpected = false;
  if (err instanceof AppError) {
    appError = err;
  } else if (err && typeof err === 'object' && 'type' in err && fromBodyParser(err as { type?: string })) {
    appError = fromBodyParser(err as { type?: string });
  } else if (isDatabaseUnavailable(err)) {
    appError = databaseUnavailable(err);
    unexpected = true;
  } else if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const message =
      typeof response === 'object' && response && 'message' in response
        ? String((response as { message: unknown }).message)
        : err.message;
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
    const body: ErrorBody = { error: { code, message: redactCredentials(message) }, request_id: requestId };
    return { status, body, unexpected: status >= 500 };
  }
  if (!appError) {
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: { code: 'INTERNAL', message: 'internal server error' }, request_id: requestId },
      unexpected: true,
    };
  }
  const status = statusForCode(appError.code);
  const body: ErrorBody = {
    error: { code: appError.code, message: redactCredentials(appError.message) },
    request_id: requestId,
  };
  if (appError.details !== undefined) body.error.details = appError.details;
  return { status, body, retryAfterSeconds: appError.retryAfterSeconds, unexpected: unexpected || status >= 500 };
}
