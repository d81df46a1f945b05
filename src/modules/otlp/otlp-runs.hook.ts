import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RunDeleteEvent, RunWriteHook, RunWriteHooks } from '../runs/run-write-hooks';
import { OtlpService } from './otlp.service';

/** The spans kept for a run made from a trace go when the run goes (retention), in the same transaction. */
@Injectable()
export class OtlpRunsHook implements RunWriteHook, OnModuleInit {
  constructor(
    private readonly hooks: RunWriteHooks,
    private readonly otlp: OtlpService,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async afterRunsDeleted(tx: EntityManager, { deleted }: RunDeleteEvent): Promise<void> {
    await this.otlp.forgetRuns(deleted.map((r) => r.id), { tx });
  }
}
