import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RunsModule } from '../runs/runs.module';
import { OtlpAnswers } from './otlp-answers';
import { OtlpCodec } from './otlp-codec';
import { OtlpExceptionFilter } from './otlp-exception.filter';
import { OtlpGrpcServer } from './otlp-grpc.server';
import { OtlpRunsHook } from './otlp-runs.hook';
import { OtlpSpansRepository } from './otlp-spans.repository';
import { OtlpSweepJob } from './otlp-sweep.job';
import { OtlpTracesRepository } from './otlp-traces.repository';
import { OtlpController } from './otlp.controller';
import { OtlpService } from './otlp.service';

/** OpenTelemetry traces in: POST /v1/traces (OTLP/HTTP) and OTLP/gRPC, each trace written as a run. */
@Module({
  imports: [RunsModule, AuthModule],
  controllers: [OtlpController],
  providers: [OtlpCodec, OtlpAnswers, OtlpExceptionFilter, OtlpService, OtlpTracesRepository, OtlpSpansRepository, OtlpRunsHook, OtlpSweepJob, OtlpGrpcServer],
  exports: [OtlpExceptionFilter],
})
export class OtlpModule {}
