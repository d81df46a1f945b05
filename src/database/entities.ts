import { ApiKeyEntity } from '../modules/auth/api-key.entity';
import { WorkflowEntity } from '../modules/registry/workflow.entity';
import { WorkflowRunEntity } from '../modules/runs/workflow-run.entity';

/** Every entity the data source maps. */
export const ENTITIES = [WorkflowRunEntity, ApiKeyEntity, WorkflowEntity];
