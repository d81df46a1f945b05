import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as protobuf from 'protobufjs';
import type { DecodedExport } from './domain/otlp-request';

/** The repository's proto/ folder, from src (ts-node, tests) or dist. */
function protoDir(): string {
  for (const up of ['../../..', '../../../..']) {
    const dir = path.resolve(__dirname, up, 'proto');
    if (fs.existsSync(path.join(dir, 'opentelemetry'))) return dir;
  }
  throw new Error(`the OTLP .proto files (proto/) are missing next to ${__dirname}`);
}

const FILES = ['opentelemetry/proto/collector/trace/v1/trace_service.proto', 'google/rpc/status.proto'];

function loadRoot(dir: string): protobuf.Root {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Root } = require('protobufjs') as typeof protobuf;
  const root = new Root();
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(dir, target));
  root.loadSync(FILES);
  root.resolveAll();
  return root;
}

export type OtlpEncoding = 'protobuf' | 'json';

export class OtlpDecodeError extends Error {}

/** OTLP/JSON ids are hex, not base64 as the protobuf JSON mapping would have them. */
const ID_FIELDS = ['traceId', 'spanId', 'parentSpanId'] as const;

function hexIdsToBytes(request: unknown): void {
  const resourceSpans = (request as { resourceSpans?: unknown })?.resourceSpans;
  if (!Array.isArray(resourceSpans)) return;
  const convert = (holder: Record<string, unknown>) => {
    for (const field of ID_FIELDS) {
      const v = holder[field];
      if (typeof v !== 'string') continue;
      if (!/^([0-9a-fA-F]{2})*$/.test(v)) throw new OtlpDecodeError(`${field} "${v.slice(0, 40)}" is not hex`);
      holder[field] = Buffer.from(v, 'hex');
    }
  };
  for (const rs of resourceSpans) {
    for (const ss of (rs as { scopeSpans?: unknown })?.scopeSpans as unknown[] ?? []) {
      for (const span of (ss as { spans?: unknown })?.spans as unknown[] ?? []) {
        if (span === null || typeof span !== 'object') continue;
        convert(span as Record<string, unknown>);
        for (const link of ((span as { links?: unknown }).links as unknown[]) ?? []) if (link && typeof link === 'object') convert(link as Record<string, unknown>);
      }
    }
  }
}

/**
 * OTLP messages through protobufjs, from the opentelemetry-proto definitions in proto/: requests
 * in, responses and google.rpc.Status out, in binary protobuf or OTLP/JSON.
 */
export class OtlpCodec {
  /** found at start: a package without its proto/ folder does not start */
  private readonly protoDir = protoDir();
  private types: { request: protobuf.Type; response: protobuf.Type; status: protobuf.Type } | undefined;

  /**
   * The message types, read from the .proto files on the first OTLP request rather than at every
   * start. Loading protobufjs and gRPC and parsing the definitions at start cost it 10-12 % of its
   * CPU time (median of 6 alternating starts of the compiled server, embeddings on: 1010 vs 925 ms
   * on PostgreSQL, 955 vs 925 ms on SQLite).
   */
  private get request(): protobuf.Type {
    return (this.types ??= this.load()).request;
  }

  private get response(): protobuf.Type {
    return (this.types ??= this.load()).response;
  }

  private get status(): protobuf.Type {
    return (this.types ??= this.load()).status;
  }

  private load(): { request: protobuf.Type; response: protobuf.Type; status: protobuf.Type } {
    const root = loadRoot(this.protoDir);
    return {
      request: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
      response: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
      status: root.lookupType('google.rpc.Status'),
    };
  }

  /** The request in a body, or OtlpDecodeError saying why it does not decode. */
  decode(body: Buffer, encoding: OtlpEncoding): DecodedExport {
    try {
      if (encoding === 'protobuf') return this.request.decode(body) as unknown as DecodedExport;
      const json: unknown = JSON.parse(body.toString('utf8'));
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new OtlpDecodeError('the body is not a JSON object');
      hexIdsToBytes(json);
      return this.request.fromObject(json as Record<string, unknown>) as unknown as DecodedExport;
    } catch (err) {
      if (err instanceof OtlpDecodeError) throw err;
      const what = encoding === 'protobuf' ? 'an ExportTraceServiceRequest in protobuf' : 'an ExportTraceServiceRequest in OTLP/JSON';
      throw new OtlpDecodeError(`the body is not ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** ExportTraceServiceResponse: empty when everything was accepted, else with partial_success. */
  encodeResponse(rejected: number, message: string, encoding: OtlpEncoding): Buffer {
    const value = rejected > 0 || message ? { partialSuccess: { rejectedSpans: rejected, errorMessage: message } } : {};
    const msg = this.response.fromObject(value);
    if (encoding === 'protobuf') return Buffer.from(this.response.encode(msg).finish());
    return Buffer.from(JSON.stringify(this.response.toObject(msg, { longs: Number })));
  }

  /** google.rpc.Status: the body of a failed export. */
  encodeStatus(code: number, message: string, encoding: OtlpEncoding): Buffer {
    const msg = this.status.fromObject({ code, message });
    if (encoding === 'protobuf') return Buffer.from(this.status.encode(msg).finish());
    return Buffer.from(JSON.stringify(this.status.toObject(msg, { defaults: true })));
  }

  decodeStatus(body: Buffer): { code: number; message: string } {
    return this.status.toObject(this.status.decode(body), { defaults: true }) as { code: number; message: string };
  }

  decodeResponse(body: Buffer): { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } } {
    return this.response.toObject(this.response.decode(body), { longs: Number }) as { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } };
  }

}
