import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SqlParams } from '../../database/database.service';
import type { Run } from '../runs/domain/run';
import { AppConfig } from '../../config/config';
import { RunDeleteEvent, RunWriteEvent, RunWriteHook, RunWriteHooks } from '../runs/run-write-hooks';
import { buildRunDocument, documentHash } from './domain/run-document';
import { RunEmbeddingStateRepository } from './run-embedding-state.repository';

/**
 * Queues runs for embedding inside the run-write transaction: one upsert per written run, no
 * network I/O, and nothing when the run's document is unchanged. Deleted runs are marked for the
 * worker to remove their vectors.
 */
@Injectable()
export class EmbeddingOutboxHook implements RunWriteHook, OnModuleInit {
  constructor(
    private readonly hooks: RunWriteHooks,
    private readonly states: RunEmbeddingStateRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async afterRunWrite(tx: EntityManager, { current }: RunWriteEvent): Promise<void> {
    const doc = buildRunDocument(current, { includeInputsOutputs: this.config.similarity.embedInputsOutputs });
    await this.states.enqueue(current.id, documentHash(doc), new Date(), tx);
  }

  /** The one-statement path (PostgreSQL, new runs): the same upsert, for all of them at once. */
  createdRunsStatement(runs: readonly Run[], params: SqlParams): string {
    const include = { includeInputsOutputs: this.config.similarity.embedInputsOutputs };
    return this.states.enqueueCreatedSql(
      runs.map((run) => run.id),
      runs.map((run) => documentHash(buildRunDocument(run, include))),
      new Date(),
      params,
    );
  }

  async afterRunsDeleted(tx: EntityManager, { deleted }: RunDeleteEvent): Promise<void> {
    await this.states.markPurge(deleted.map((r) => r.id), new Date(), tx);
  }
}
