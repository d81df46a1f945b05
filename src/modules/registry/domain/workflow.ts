import type { RunStatus } from '../../runs/domain/run';

/** A registered workflow with its latest-run summary, as the domain sees it. */
export interface Workflow {
  id: string;
  name: string;
  description: string | null;
  version: string | null;
  owner: string | null;
  tags: string[];
  metadata: Record<string, unknown> | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  last_run_id: string | null;
  last_status: RunStatus | null;
  last_run_at: Date | null;
  last_duration_ms: number | null;
  last_error: string | null;
  runs_total: number;
  runs_failed: number;
}

/** The descriptive fields a registration or a PATCH may carry; `undefined` keeps what is stored. */
export interface WorkflowPatch {
  name?: string;
  description?: string | null;
  version?: string | null;
  owner?: string | null;
  tags?: string[] | null;
  metadata?: Record<string, unknown> | null;
}

export const MAX_WORKFLOW_ID_LENGTH = 200;
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 10_000;
export const MAX_VERSION_LENGTH = 100;
export const MAX_OWNER_LENGTH = 200;

/** A new workflow: the name defaults to the id, tags to none. */
export function newWorkflow(id: string, patch: WorkflowPatch, now: Date): Workflow {
  return {
    id,
    name: patch.name ?? id,
    description: patch.description ?? null,
    version: patch.version ?? null,
    owner: patch.owner ?? null,
    tags: patch.tags ?? [],
    metadata: patch.metadata ?? null,
    archived_at: null,
    created_at: now,
    updated_at: now,
    last_run_id: null,
    last_status: null,
    last_run_at: null,
    last_duration_ms: null,
    last_error: null,
    runs_total: 0,
    runs_failed: 0,
  };
}

/** Present fields replace stored ones; a null `tags` clears them to none. */
export function applyWorkflowPatch(stored: Workflow, patch: WorkflowPatch, now: Date): Workflow {
  const next: Workflow = { ...stored, updated_at: now };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.version !== undefined) next.version = patch.version;
  if (patch.owner !== undefined) next.owner = patch.owner;
  if (patch.tags !== undefined) next.tags = patch.tags ?? [];
  if (patch.metadata !== undefined) next.metadata = patch.metadata;
  return next;
}
