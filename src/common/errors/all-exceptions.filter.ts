import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { toErrorResponse } from './error-response';

const logger = new Logger('Errors');

/** Writes the error body; shared by the Nest filter and the Express error middleware. */
export function sendError(err: unknown, req: Request, res: Response): void {
  const requestId = (req as Request & { id?: string }).id;
  const out = toErrorResponse(err, requestId);
  if (out.unexpected) {
    const message = err instanceof Error ? err.message : String(err);
    if (out.status === 500) logger.error({ err, request_id: requestId }, `unhandled error: ${message}`);
    else logger.warn({ request_id: requestId, code: out.body.error.code, reason: message }, 'dependency unavailable');
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  if (out.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(out.retryAfterSeconds));
  res.status(out.status).json(out.body);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/** Express error middleware for failures before Nest's pipeline (body parsing, size limits). */
export function expressErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  sendError(err, req, res);
}
