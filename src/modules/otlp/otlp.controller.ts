import { Controller, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../../common/errors/app-error';
import { OWN_ANSWERS_EXTENSION } from '../../common/openapi/api-errors';
import { RequireRole } from '../auth/roles.decorator';
import { OTLP_OPERATION_DOC } from './otlp-openapi';
import { encodingOf, OtlpAnswers } from './otlp-answers';
import { OtlpExceptionFilter } from './otlp-exception.filter';
import { OtlpService } from './otlp.service';

@ApiTags('otlp')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@UseFilters(OtlpExceptionFilter)
@Controller()
export class OtlpController {
  constructor(
    private readonly otlp: OtlpService,
    private readonly answers: OtlpAnswers,
  ) {}

  @Post('v1/traces')
  @HttpCode(200)
  @RequireRole('ingest')
  @ApiOperation({
    operationId: 'exportTraces',
    summary: 'OTLP/HTTP traces endpoint: each trace becomes a run (see the README for the mapping); answers in OTLP, not the shared error body',
  })
  @ApiExtension(OWN_ANSWERS_EXTENSION, OTLP_OPERATION_DOC)
  async export(@Req() req: Request, @Res() res: Response): Promise<void> {
    const encoding = encodingOf(req.headers['content-type']);
    if (!encoding) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'OTLP/HTTP takes Content-Type application/x-protobuf or application/json');
    const { rejected, message } = await this.otlp.exportBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), encoding);
    this.answers.success(res, encoding, rejected, message);
  }
}
