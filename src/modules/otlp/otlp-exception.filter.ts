import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { OtlpAnswers } from './otlp-answers';

/** Errors of POST /v1/traces (the key guard's too) answered as OTLP's google.rpc.Status, not the shared error body. */
@Catch()
@Injectable()
export class OtlpExceptionFilter implements ExceptionFilter {
  constructor(private readonly answers: OtlpAnswers) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.answers.failure(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }

  /** The same for failures reading the body (size limit, encoding), before Nest sees the request. */
  bodyErrors() {
    return (err: unknown, req: Request, res: Response, _next: NextFunction): void => this.answers.failure(err, req, res);
  }
}
