import { Module } from '@nestjs/common';
import { RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsRetentionJob } from './runs-retention.job';
import { RunsService } from './runs.service';
import { RunWriteHooks } from './run-write-hooks';

@Module({
  controllers: [RunsController],
  providers: [RunsRepository, RunsService, RunWriteHooks, RunsRetentionJob],
  exports: [RunsService, RunWriteHooks],
})
export class RunsModule {}
