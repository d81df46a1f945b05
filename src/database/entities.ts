import { ApiKeyEntity } from '../modules/auth/api-key.entity';
import { INSIGHT_ENTITIES } from '../modules/insight/entities';
import { OTLP_ENTITIES } from '../modules/otlp/entities';
import { WorkflowEntity } from '../modules/registry/workflow.entity';
import { SIMILARITY_ENTITIES } from '../modules/similarity/entities';
import { WorkflowRunEntity } from '../modules/runs/workflow-run.entity';

/** Every entity the data source maps. */
export const ENTITIES = [WorkflowRunEntity, ApiKeyEntity, ...INSIGHT_ENTITIES, WorkflowEntity, ...SIMILARITY_ENTITIES, ...OTLP_ENTITIES];
