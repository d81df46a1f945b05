import type { RunUsage } from './usage';

export const RUN_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export const MAX_ID_LENGTH = 200;
export const MAX_ERROR_LENGTH = 65_536;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_NODE_LOGS = 10_000;
export const MAX_DURATION_MS = 2_147_483_647;

/** A stored run, as the domain sees it. */
export interface Run {
  id: string;
  wpk_id: string;
  run_id: string;
  status: RunStatus;
  inputs: unknown;
  outputs: unknown;
  duration_ms: number | null;
  node_logs: unknown[] | null;
  error: string | null;
  tags: string[] | null;
  metadata: Record<string, unknown> | null;
  /** tokens and cost over the run's model calls */
  usage: RunUsage | null;
  /** the models the run called: distinct, sorted */
  models: string[] | null;
  started_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The fields of Run that a write may carry. `undefined` means "absent: keep what is stored". */
export interface RunPatch {
  wpk_id: string;
  run_id: string;
  /** required to create a run, optional to update one */
  status?: RunStatus;
  inputs?: unknown;
  outputs?: unknown;
  duration_ms?: number | null;
  node_logs?: unknown[] | null;
  error?: string | null;
  tags?: string[] | null;
  metadata?: Record<string, unknown> | null;
  usage?: RunUsage | null;
  models?: string[] | null;
  started_at?: Date | null;
  ended_at?: Date | null;
  created_at?: Date;
}

const MERGEABLE = ['inputs', 'outputs', 'duration_ms', 'node_logs', 'error', 'tags', 'metadata', 'usage', 'models', 'started_at', 'ended_at'] as const;

/** A patch that can create a run: one that carries a status. */
export type CreatingPatch = RunPatch & { status: RunStatus };

export function canCreate(patch: RunPatch): patch is CreatingPatch {
  return patch.status !== undefined;
}

/**
 * A stale `running` (a retry or a late start event) never replaces a terminal status; any other
 * status replaces the stored one, and no status keeps it.
 */
export function mergeStatus(stored: RunStatus, incoming: RunStatus | undefined): RunStatus {
  if (incoming === undefined) return stored;
  if (incoming === 'running' && TERMINAL_STATUSES.has(stored)) return stored;
  return incoming;
}

/**
 * The idempotent-write rule: fields present in the patch replace stored ones, absent fields are
 * kept, `created_at` never changes after the first write. One exception: a write that leaves the
 * run `completed` clears the error of an earlier failed attempt unless it gives one itself.
 */
export function mergeRun(stored: Run, patch: RunPatch, now: Date): Run {
  const merged: Run = { ...stored, status: mergeStatus(stored.status, patch.status), updated_at: now };
  for (const field of MERGEABLE) {
    const value = patch[field];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  if (merged.status === 'completed' && patch.error === undefined) merged.error = null;
  return merged;
}

/** The run a first write creates. */
export function newRun(id: string, patch: CreatingPatch, now: Date): Run {
  return {
    id,
    wpk_id: patch.wpk_id,
    run_id: patch.run_id,
    status: patch.status,
    inputs: patch.inputs ?? null,
    outputs: patch.outputs ?? null,
    duration_ms: patch.duration_ms ?? null,
    node_logs: patch.node_logs ?? null,
    error: patch.error ?? null,
    tags: patch.tags ?? null,
    metadata: patch.metadata ?? null,
    usage: patch.usage ?? null,
    models: patch.models ?? null,
    started_at: patch.started_at ?? null,
    ended_at: patch.ended_at ?? null,
    created_at: patch.created_at ?? now,
    updated_at: now,
  };
}
