import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorResponse } from '../../common/errors/error-response';
import { OtlpCodec, OtlpEncoding } from './otlp-codec';

/** google.rpc.Code values a failed export answers with, by HTTP status. */
export const RPC_CODE_BY_STATUS: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  405: 12, // UNIMPLEMENTED
  413: 3, // INVALID_ARGUMENT: not retryable, unlike RESOURCE_EXHAUSTED
  415: 3,
  429: 8, // RESOURCE_EXHAUSTED
  500: 13, // INTERNAL
  503: 14, // UNAVAILABLE
};

/** The encoding of an OTLP/HTTP body by its Content-Type; undefined when it is neither. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

/**
 * OTLP/HTTP answers: an ExportTraceServiceResponse, or for a failure google.rpc.Status in the
 * request's encoding (JSON when it has none), with the status code and Retry-After the error
 * filter would give, so exporters retry 429 and 503 and give up on the rest.
 */
@Injectable()
export class OtlpAnswers {
  private readonly logger = new Logger('Errors');

  constructor(private readonly codec: OtlpCodec) {}

  success(res: Response, encoding: OtlpEncoding, rejected: number, message: string): void {
    res.status(200).type(encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json');
    res.end(this.codec.encodeResponse(rejected, message, encoding));
  }

  failure(err: unknown, req: Request, res: Response): void {
    const out = toErrorResponse(err, (req as Request & { id?: string }).id);
    const encoding = encodingOf(req.headers['content-type']) ?? 'json';
    if (out.unexpected) {
      const reason = err instanceof Error ? err.message : String(err);
      if (out.status === 500) this.logger.error({ err, request_id: out.body.request_id }, `unhandled error: ${reason}`);
      else this.logger.warn({ request_id: out.body.request_id, code: out.body.error.code, reason }, 'dependency unavailable');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (out.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(out.retryAfterSeconds));
    res.status(out.status).type(encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json');
    res.end(this.codec.encodeStatus(RPC_CODE_BY_STATUS[out.status] ?? 2, `${out.body.error.code}: ${out.body.error.message}`, encoding));
  }
}
