import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { DependencyStatus } from '../../../common/health/health-indicators';
import { VectorFilter, VectorHit, VectorItem, VectorStore, VectorStoreError } from './vector-store';

export interface MilvusStoreOptions {
  address: string;
  token?: string;
  collection: string;
  /** per-call deadline */
  timeoutMs?: number;
}

/** A dimension conflict with an existing collection: a configuration error that stops the boot. */
export class MilvusSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MilvusSchemaError';
  }
}

const VECTOR_FIELD = 'vector';
const MAX_VARCHAR = 1024;

function str(value: string): string {
  // Milvus string literals take JSON-style escapes.
  return JSON.stringify(value);
}

type Sdk = typeof import('@zilliz/milvus2-sdk-node');
let sdk: Sdk | undefined;
/**
 * The SDK is loaded on first use: it is heavy (protobuf descriptors, a bulk writer with ESM-only
 * dependencies) and only deployments with MILVUS_ADDRESS need it.
 */
function loadSdk(): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('@zilliz/milvus2-sdk-node') as Sdk;
  return sdk;
}

function statusOk(status: { error_code?: string | number; code?: number } | undefined): boolean {
  return !!status && status.error_code === 'Success' && !status.code;
}

function reasonOf(res: { status?: { reason?: string }; reason?: string } | undefined): string {
  return res?.status?.reason || res?.reason || 'unknown Milvus error';
}

/**
 * Vectors in Milvus: one collection (id, vector, wpk_id, status, created_at, embedding_key) with a
 * COSINE index, created when missing. Scalars live in Milvus so searches filter there. The client
 * connects lazily, so an unreachable Milvus never stops the boot or a run write; the worker retries.
 */
export class MilvusVectorStore extends VectorStore {
  readonly name = 'milvus';
  private client: MilvusClient | undefined;
  private ready: Promise<void> | undefined;
  private isReady = false;
  private dimensions: number | undefined;
  private lastError: string | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly options: MilvusStoreOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Creates collection and index when missing; a dimension mismatch throws MilvusSchemaError. */
  async prepare(dimensions: number): Promise<void> {
    this.dimensions = dimensions;
    await this.ensureReady();
  }

  private connect(): MilvusClient {
    if (!this.client) {
      const { MilvusClient } = loadSdk();
      this.client = new MilvusClient({
        address: this.options.address,
        token: this.options.token,
        timeout: this.timeoutMs,
        maxRetries: 1,
        logLevel: 'error',
        telemetry: { enabled: false },
        __SKIP_CONNECT__: true,
      });
      this.client.connect(MilvusClient.sdkInfo.version);
    }
    return this.client;
  }

  private async ensureReady(): Promise<MilvusClient> {
    if (this.dimensions === undefined) throw new VectorStoreError('the Milvus store was used before prepare()');
    this.ready ??= this.setUp(this.dimensions).catch((err) => {
      this.ready = undefined;
      this.isReady = false;
      const client = this.client;
      this.client = undefined;
      void client?.closeConnection().catch(() => undefined);
      throw err;
    });
    await this.ready;
    return this.client!;
  }

  private async setUp(dimensions: number): Promise<void> {
    const client = this.connect();
    const { DataType } = loadSdk();
    const collection_name = this.options.collection;
    try {
      await client.connectPromise;
      const described = await client.describeCollection({ collection_name, timeout: this.timeoutMs });
      if (statusOk(described.status)) {
        const vector = described.schema.fields.find((f) => f.name === VECTOR_FIELD) as { dim?: string | number } | undefined;
        const existing = Number(vector?.dim);
        if (!vector || existing !== dimensions) {
          throw new MilvusSchemaError(
            `Milvus collection "${collection_name}" holds ${vector ? `${existing}-dimensional` : 'no'} "${VECTOR_FIELD}" vectors but the embedder makes ${dimensions}; ` +
              'set MILVUS_COLLECTION to a new collection or drop the old one',
          );
        }
      } else {
        const created = await client.createCollection({
          collection_name,
          timeout: this.timeoutMs,
          fields: [
            { name: 'id', data_type: DataType.VarChar, is_primary_key: true, autoID: false, max_length: 64 },
            { name: VECTOR_FIELD, data_type: DataType.FloatVector, dim: dimensions },
            { name: 'wpk_id', data_type: DataType.VarChar, max_length: MAX_VARCHAR },
            { name: 'status', data_type: DataType.VarChar, max_length: 32 },
            { name: 'created_at', data_type: DataType.Int64 },
            { name: 'embedding_key', data_type: DataType.VarChar, max_length: MAX_VARCHAR },
          ],
        });
        if (!statusOk(created)) throw new VectorStoreError(`creating Milvus collection "${collection_name}" failed: ${reasonOf(created)}`);
        const index = await client.createIndex({
          collection_name,
          field_name: VECTOR_FIELD,
          index_type: 'AUTOINDEX',
          metric_type: 'COSINE',
          timeout: this.timeoutMs,
        });
        if (!statusOk(index)) throw new VectorStoreError(`creating the Milvus index failed: ${reasonOf(index)}`);
      }
      const loaded = await client.loadCollection({ collection_name, timeout: this.timeoutMs });
      if (!statusOk(loaded)) throw new VectorStoreError(`loading Milvus collection "${collection_name}" failed: ${reasonOf(loaded)}`);
      this.lastError = undefined;
      this.isReady = true;
    } catch (err) {
      throw this.wrap(err);
    }
  }

  private wrap(err: unknown): Error {
    if (err instanceof MilvusSchemaError || err instanceof VectorStoreError) {
      this.lastError = err.message;
      return err;
    }
    const message = `Milvus at ${this.options.address}: ${err instanceof Error ? err.message : reasonOf(err as never)}`;
    this.lastError = message;
    return new VectorStoreError(message);
  }

  private async call<T>(fn: (client: MilvusClient) => Promise<T>): Promise<T> {
    const client = await this.ensureReady();
    try {
      const result = await fn(client);
      this.lastError = undefined;
      return result;
    } catch (err) {
      throw this.wrap(err);
    }
  }

  async upsert(items: VectorItem[]): Promise<void> {
    if (!items.length) return;
    await this.call(async (client) => {
      const res = await client.upsert({
        collection_name: this.options.collection,
        timeout: this.timeoutMs,
        data: items.map((i) => ({
          id: i.runId,
          [VECTOR_FIELD]: Array.from(i.vector),
          wpk_id: i.wpkId,
          status: i.status,
          created_at: i.runCreatedAt.getTime(),
          embedding_key: i.embeddingKey,
        })),
      });
      if (!statusOk(res.status)) throw new VectorStoreError(`Milvus upsert failed: ${reasonOf(res)}`);
    });
  }

  async remove(runIds: string[]): Promise<void> {
    if (!runIds.length) return;
    await this.call(async (client) => {
      const res = await client.delete({
        collection_name: this.options.collection,
        filter: `id in [${runIds.map(str).join(', ')}]`,
        timeout: this.timeoutMs,
      });
      if (!statusOk(res.status)) throw new VectorStoreError(`Milvus delete failed: ${reasonOf(res)}`);
    });
  }

  async vectorOf(runId: string, embeddingKey: string): Promise<Float32Array | undefined> {
    return this.call(async (client) => {
      const res = await client.query({
        collection_name: this.options.collection,
        filter: `id == ${str(runId)} && embedding_key == ${str(embeddingKey)}`,
        output_fields: ['id', VECTOR_FIELD],
        limit: 1,
        timeout: this.timeoutMs,
      });
      if (!statusOk(res.status)) throw new VectorStoreError(`Milvus query failed: ${reasonOf(res)}`);
      const row = res.data[0] as { [VECTOR_FIELD]?: number[] } | undefined;
      return row?.[VECTOR_FIELD] ? Float32Array.from(row[VECTOR_FIELD]) : undefined;
    });
  }

  /** One query per 500 ids (`id in [...]`) rather than one per run. */
  override async vectorsOf(runIds: readonly string[], embeddingKey: string): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (let i = 0; i < runIds.length; i += 500) {
      const ids = runIds.slice(i, i + 500);
      await this.call(async (client) => {
        const res = await client.query({
          collection_name: this.options.collection,
          filter: `id in [${ids.map(str).join(', ')}] && embedding_key == ${str(embeddingKey)}`,
          output_fields: ['id', VECTOR_FIELD],
          limit: ids.length,
          timeout: this.timeoutMs,
        });
        if (!statusOk(res.status)) throw new VectorStoreError(`Milvus query failed: ${reasonOf(res)}`);
        for (const row of res.data as Array<{ id?: string; [VECTOR_FIELD]?: number[] }>) {
          if (row.id !== undefined && row[VECTOR_FIELD]) out.set(String(row.id), Float32Array.from(row[VECTOR_FIELD]));
        }
      });
    }
    return out;
  }

  async search(query: Float32Array, k: number, filter: VectorFilter): Promise<VectorHit[]> {
    const clauses = [`embedding_key == ${str(filter.embeddingKey)}`];
    if (filter.wpkId !== undefined) clauses.push(`wpk_id == ${str(filter.wpkId)}`);
    if (filter.status !== undefined) clauses.push(`status == ${str(filter.status)}`);
    if (filter.since !== undefined) clauses.push(`created_at >= ${filter.since.getTime()}`);
    if (filter.excludeRunId !== undefined) clauses.push(`id != ${str(filter.excludeRunId)}`);
    return this.call(async (client) => {
      const res = await client.search({
        collection_name: this.options.collection,
        data: Array.from(query),
        anns_field: VECTOR_FIELD,
        limit: k,
        filter: clauses.join(' && '),
        output_fields: ['id'],
        metric_type: 'COSINE',
        timeout: this.timeoutMs,
      });
      if (!statusOk(res.status)) throw new VectorStoreError(`Milvus search failed: ${reasonOf(res)}`);
      const hits = res.results as unknown as Array<{ id: string; score: number }>;
      return hits.map((h) => ({ runId: String(h.id), score: Number(h.score) }));
    });
  }

  async describe(): Promise<DependencyStatus> {
    const base = { required: false, store: this.name, address: this.options.address, collection: this.options.collection };
    // Never connects from here: /health must answer quickly; the worker's calls (re)connect.
    if (this.isReady && !this.lastError) return { ...base, status: 'up' };
    return { ...base, status: 'down', detail: this.lastError ?? 'not connected yet' };
  }

  override async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.ready = undefined;
    this.isReady = false;
    await client?.closeConnection().catch(() => undefined);
  }
}
