import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module';
import { WorkflowSummaryHook } from './workflow-summary.hook';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsRepository } from './workflows.repository';
import { WorkflowsService } from './workflows.service';

/** The workflow registry. It depends on runs (and plugs into its write hooks); runs knows nothing of it. */
@Module({
  imports: [RunsModule],
  controllers: [WorkflowsController],
  providers: [WorkflowsRepository, WorkflowsService, WorkflowSummaryHook],
  exports: [WorkflowsService],
})
export class RegistryModule {}
