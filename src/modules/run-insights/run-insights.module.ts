import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { RegistryModule } from '../registry/registry.module';
import { RunsModule } from '../runs/runs.module';
import { SimilarityModule } from '../similarity/similarity.module';
import { RunInsightsController } from './run-insights.controller';
import { RunInsightsService } from './run-insights.service';
import { RunNodesHook } from './run-nodes.hook';
import { RunNodesRepository } from './run-nodes.repository';

/**
 * Insights from run history (GET /workflows/:id/insights). Plugs into run writes to keep the node
 * rows; uses the registry for the workflow, and similar-run search, when it is on, for clusters.
 */
@Module({})
export class RunInsightsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: RunInsightsModule,
      imports: [RunsModule, RegistryModule, SimilarityModule.register(config)],
      controllers: [RunInsightsController],
      providers: [RunNodesRepository, RunNodesHook, RunInsightsService],
    };
  }
}
