/* eslint-disable @typescript-eslint/no-require-imports */
import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';

/**
 * An in-process Milvus speaking the real gRPC protocol, built from the SDK's own descriptors. It
 * keeps collections in memory and implements what the NeuralOps store and the SDK call: Connect,
 * DescribeCollection, CreateCollection (schema as protobuf bytes), CreateIndex, LoadCollection,
 * GetLoadingProgress, Insert, Upsert, Search (float32 little-endian placeholder bytes; the primary
 * key comes back in fields_data), Query, Delete and Flush. Filters: `field op literal` clauses
 * joined by `&&` and `field in [..]`, which is what the store sends.
 */

const LOADER = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
const milvusJson = require('@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus').default;
const schemaBaseJson = require('@zilliz/milvus2-sdk-node/dist/milvus/proto-json/schema.base').default;
const milvusBaseJson = require('@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.base').default;

const OK = { error_code: 'Success', reason: '', code: 0, retriable: false, detail: '', extra_info: {} };
const fail = (reason: string, code = 65535) => ({ ...OK, error_code: 'UnexpectedError', reason, code });

type Scalar = string | number | boolean;
type Row = Record<string, Scalar | number[]>;

interface FieldSchema {
  name: string;
  data_type: string;
  is_primary_key?: boolean;
  type_params?: Array<{ key: string; value: string }>;
  [k: string]: unknown;
}

interface Collection {
  name: string;
  schema: { name: string; description?: string; fields: FieldSchema[]; enable_dynamic_field?: boolean; [k: string]: unknown };
  rows: Map<string, Row>;
  indexes: Array<{ field_name: string; extra_params: Array<{ key: string; value: string }> }>;
  loaded: boolean;
  id: number;
}

export interface MilvusCall {
  method: string;
  collection?: string;
  authorization?: string;
}

type Clause = (row: Row) => boolean;

function literal(raw: string): Scalar {
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : Number(raw);
}

/** Parses the filter subset the store uses. Unknown syntax throws, so a test fails loudly. */
export function parseFilter(expr: string): (row: Row) => boolean {
  const clauses: Clause[] = [];
  const str = '"(?:[^"\\\\]|\\\\.)*"';
  const lit = `(?:${str}|-?\\d+(?:\\.\\d+)?)`;
  const re = new RegExp(`\\s*(\\w+)\\s*(?:(==|!=|>=|<=|>|<)\\s*(${lit})|in\\s*\\[((?:\\s*${lit}\\s*,?)*)\\])\\s*(&&|$)`, 'y');
  let at = 0;
  const text = expr.trim();
  if (!text) return () => true;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new Error(`fake Milvus cannot parse filter at ${at}: ${text}`);
    at = re.lastIndex;
    const [, field, op, value, list] = m;
    if (op) {
      const v = literal(value);
      clauses.push((row) => {
        const x = row[field] as Scalar;
        switch (op) {
          case '==': return x === v;
          case '!=': return x !== v;
          case '>=': return x >= v;
          case '<=': return x <= v;
          case '>': return x > v;
          default: return x < v;
        }
      });
    } else {
      const values = new Set((list.match(new RegExp(lit, 'g')) ?? []).map(literal));
      clauses.push((row) => values.has(row[field] as Scalar));
    }
  }
  return (row) => clauses.every((c) => c(row));
}

export class FakeMilvus {
  readonly collections = new Map<string, Collection>();
  readonly calls: MilvusCall[] = [];
  private server: grpc.Server | undefined;
  private port = 0;
  private unavailable = false;
  private nextId = 1000;
  private readonly collectionSchema: protobuf.Type;
  private readonly placeholderGroup: protobuf.Type;

  constructor() {
    this.collectionSchema = protobuf.Root.fromJSON(schemaBaseJson).lookupType('milvus.proto.schema.CollectionSchema');
    this.placeholderGroup = protobuf.Root.fromJSON(milvusBaseJson).lookupType('milvus.proto.common.PlaceholderGroup');
  }

  /** host:port for MILVUS_ADDRESS */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Every call fails with UNAVAILABLE until `up()`, as when Milvus is unreachable. */
  down(): void {
    this.unavailable = true;
  }

  up(): void {
    this.unavailable = false;
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async start(port = 0): Promise<this> {
    const definition = fromJSON(milvusJson, LOADER);
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      milvus: { proto: { milvus: { MilvusService: { service: grpc.ServiceDefinition } } } };
    };
    const service = loaded.milvus.proto.milvus.MilvusService.service;
    const impl: grpc.UntypedServiceImplementation = {};
    const handlers = this.handlers();
    for (const method of Object.keys(service)) {
      impl[method] = (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const auth = call.metadata.get('authorization')[0];
        this.calls.push({ method, collection: call.request?.collection_name as string | undefined, authorization: auth ? String(auth) : undefined });
        if (this.unavailable) {
          callback({ code: grpc.status.UNAVAILABLE, details: 'fake Milvus is down' });
          return;
        }
        const handler = handlers[method];
        if (!handler) {
          callback({ code: grpc.status.UNIMPLEMENTED, details: `fake Milvus does not implement ${method}` });
          return;
        }
        try {
          callback(null, handler(call.request));
        } catch (err) {
          callback({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) });
        }
      };
    }
    this.server = new grpc.Server();
    this.server.addService(service, impl);
    this.port = await new Promise<number>((resolve, reject) =>
      this.server!.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
    );
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) server.forceShutdown();
  }

  private collection(name: unknown): Collection | undefined {
    return this.collections.get(String(name));
  }

  private handlers(): Record<string, (req: Record<string, any>) => unknown> {
    return {
      Connect: () => ({ status: OK, server_info: { build_tags: 'fake', deploy_mode: 'STANDALONE', reserved: {} }, identifier: String(this.nextId++) }),
      DescribeCollection: (req) => {
        const c = this.collection(req.collection_name);
        if (!c) return { status: fail(`can't find collection[database=default][collection=${req.collection_name}]`, 100) };
        return {
          status: OK,
          schema: c.schema,
          collectionID: String(c.id),
          collection_name: c.name,
          db_name: 'default',
          consistency_level: 'Bounded',
          shards_num: 1,
          properties: [],
          aliases: [],
          virtual_channel_names: [],
          physical_channel_names: [],
          created_timestamp: '0',
          created_utc_timestamp: '0',
          num_partitions: '1',
          start_positions: [],
        };
      },
      CreateCollection: (req) => {
        if (this.collections.has(req.collection_name)) return fail(`collection ${req.collection_name} already exists`);
        const decoded = snakeKeys(this.collectionSchema.toObject(this.collectionSchema.decode(req.schema as Uint8Array), LOADER)) as Collection['schema'];
        decoded.fields.forEach((f, i) => (f.fieldID = String(100 + i)));
        this.collections.set(req.collection_name, { name: req.collection_name, schema: decoded, rows: new Map(), indexes: [], loaded: false, id: this.nextId++ });
        return OK;
      },
      CreateIndex: (req) => {
        const c = this.collection(req.collection_name);
        if (!c) return fail('collection not found', 100);
        c.indexes.push({ field_name: req.field_name, extra_params: req.extra_params });
        return OK;
      },
      LoadCollection: (req) => {
        const c = this.collection(req.collection_name);
        if (!c) return fail('collection not found', 100);
        c.loaded = true;
        return OK;
      },
      GetLoadingProgress: (req) => (this.collection(req.collection_name) ? { status: OK, progress: '100', refresh_progress: '100' } : { status: fail('collection not found', 100) }),
      GetLoadState: (req) => ({ status: OK, state: this.collection(req.collection_name)?.loaded ? 'LoadStateLoaded' : 'LoadStateNotLoad' }),
      Insert: (req) => this.write(req, false),
      Upsert: (req) => this.write(req, true),
      Delete: (req) => {
        const c = this.collection(req.collection_name);
        if (!c) return { status: fail('collection not found', 100) };
        const match = parseFilter(String(req.expr));
        const gone = [...c.rows.entries()].filter(([, row]) => match(row)).map(([id]) => id);
        gone.forEach((id) => c.rows.delete(id));
        return { status: OK, IDs: { str_id: { data: gone } }, delete_cnt: String(gone.length), succ_index: [], err_index: [], insert_cnt: '0', upsert_cnt: '0', timestamp: '0' };
      },
      Flush: (req) => ({ status: OK, db_name: 'default', coll_segIDs: {}, flush_coll_segIDs: {}, coll_seal_times: {}, coll_flush_ts: {}, collection_names: req.collection_names }),
      Query: (req) => {
        const c = this.collection(req.collection_name);
        if (!c) return { status: fail('collection not found', 100) };
        const match = parseFilter(String(req.expr));
        const limit = Number((req.query_params as Array<{ key: string; value: string }>).find((p) => p.key === 'limit')?.value ?? 16384);
        const rows = [...c.rows.values()].filter(match).slice(0, limit);
        const fields = (req.output_fields as string[]).length ? (req.output_fields as string[]) : c.schema.fields.map((f) => f.name);
        return { status: OK, fields_data: fields.map((f) => this.column(c, f, rows)), collection_name: c.name, output_fields: fields };
      },
      Search: (req) => {
        const c = this.collection(req.collection_name);
        if (!c) return { status: fail('collection not found', 100), results: { scores: [], topks: [], fields_data: [] } };
        const params = Object.fromEntries((req.search_params as Array<{ key: string; value: string }>).map((p) => [p.key, p.value]));
        const topk = Number(params.topk ?? params.limit ?? 10);
        const annsField = params.anns_field;
        const group = this.placeholderGroup.decode(req.placeholder_group as Uint8Array) as unknown as { placeholders: Array<{ values: Uint8Array[] }> };
        const match = parseFilter(String(req.dsl ?? ''));
        const candidates = [...c.rows.values()].filter(match);
        const pk = c.schema.fields.find((f) => f.is_primary_key)!.name;
        const outputs = (req.output_fields as string[]).filter((f) => f !== '*');
        if (!outputs.includes(pk)) outputs.unshift(pk);
        const scores: number[] = [];
        const topks: string[] = [];
        const hits: Row[] = [];
        for (const bytes of group.placeholders[0].values) {
          const buf = Buffer.from(bytes);
          const q = Array.from({ length: buf.length / 4 }, (_, i) => buf.readFloatLE(i * 4));
          const ranked = candidates
            .map((row) => ({ row, score: cosine(q, row[annsField] as number[]) }))
            .sort((a, b) => b.score - a.score || String(a.row[pk]).localeCompare(String(b.row[pk])))
            .slice(0, topk);
          topks.push(String(ranked.length));
          for (const r of ranked) {
            scores.push(r.score);
            hits.push(r.row);
          }
        }
        return {
          status: OK,
          collection_name: c.name,
          results: {
            num_queries: String(group.placeholders[0].values.length),
            top_k: String(topk),
            fields_data: outputs.map((f) => this.column(c, f, hits)),
            scores,
            ids: { str_id: { data: hits.map((h) => String(h[pk])) } },
            topks,
            output_fields: outputs,
            recalls: [],
          },
        };
      },
    };
  }

  private write(req: Record<string, any>, upsert: boolean): unknown {
    const c = this.collection(req.collection_name);
    if (!c) return { status: fail('collection not found', 100) };
    const n = Number(req.num_rows);
    const rows: Row[] = Array.from({ length: n }, () => ({}));
    for (const fd of req.fields_data as Array<Record<string, any>>) {
      const values = this.values(fd, n);
      values.forEach((v, i) => (rows[i][fd.field_name] = v));
    }
    const pk = c.schema.fields.find((f) => f.is_primary_key)!.name;
    const dimField = c.schema.fields.find((f) => f.data_type === 'FloatVector')!;
    const dim = Number(dimField.type_params?.find((p) => p.key === 'dim')?.value);
    for (const row of rows) {
      if ((row[dimField.name] as number[]).length !== dim) return { status: fail(`the dim (${(row[dimField.name] as number[]).length}) of field data(${dimField.name}) is not equal to schema dim (${dim})`) };
      if (!upsert && c.rows.has(String(row[pk]))) return { status: fail(`duplicate primary key ${row[pk]}`) };
    }
    for (const row of rows) c.rows.set(String(row[pk]), row);
    const ids = rows.map((r) => String(r[pk]));
    return { status: OK, IDs: { str_id: { data: ids } }, succ_index: ids.map((_, i) => i), err_index: [], insert_cnt: upsert ? '0' : String(n), upsert_cnt: upsert ? String(n) : '0', delete_cnt: '0', timestamp: '0' };
  }

  private values(fd: Record<string, any>, n: number): Array<Scalar | number[]> {
    if (fd.vectors) {
      const dim = Number(fd.vectors.dim);
      const data: number[] = fd.vectors.float_vector.data;
      return Array.from({ length: n }, (_, i) => data.slice(i * dim, (i + 1) * dim));
    }
    const scalars = fd.scalars;
    const kind = scalars.data as string;
    return (scalars[kind].data as Array<string | number | boolean>).map((v) => (kind === 'long_data' || kind === 'int_data' ? Number(v) : v));
  }

  private column(c: Collection, field: string, rows: Row[]): Record<string, unknown> {
    const schema = c.schema.fields.find((f) => f.name === field);
    if (!schema) throw new Error(`unknown field ${field}`);
    const type = schema.data_type;
    if (type === 'FloatVector') {
      const dim = Number(schema.type_params?.find((p) => p.key === 'dim')?.value);
      return { type, field_name: field, field_id: schema.fieldID, vectors: { dim: String(dim), float_vector: { data: rows.flatMap((r) => r[field] as number[]) } } };
    }
    const key = type === 'VarChar' ? 'string_data' : type === 'Int64' ? 'long_data' : type === 'Bool' ? 'bool_data' : type === 'Double' ? 'double_data' : 'int_data';
    return { type, field_name: field, field_id: schema.fieldID, scalars: { [key]: { data: rows.map((r) => r[field]) } }, valid_data: [] };
  }
}

/** The SDK's protobufjs descriptors use camelCase names; the gRPC side (keepCase) uses the proto's. */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [/ID$/.test(k) ? k : k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]),
  );
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
