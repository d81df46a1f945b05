import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type * as grpc from '@grpc/grpc-js';
import { toErrorResponse } from '../../common/errors/error-response';
import { AppError } from '../../common/errors/app-error';
import { StartupError } from '../../common/errors/startup-error';
import { AppConfig } from '../../config/config';
import { ApiKeysService } from '../auth/api-keys.service';
import { roleAllows } from '../auth/domain/api-key';
import { OtlpCodec, OtlpDecodeError } from './otlp-codec';
import { OtlpService } from './otlp.service';

type Grpc = typeof import('@grpc/grpc-js');
let grpcModule: Grpc | undefined;
/** gRPC is loaded when OTLP_GRPC_PORT is set (it is off by default), not at every start. */
function loadGrpc(): Grpc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  grpcModule ??= require('@grpc/grpc-js') as Grpc;
  return grpcModule;
}

/** The gRPC status code for the HTTP status the error filter gives an error. */
function grpcCodeOf(httpStatus: number): grpc.status {
  const { status } = loadGrpc();
  const byHttpStatus: Record<number, grpc.status> = {
    400: status.INVALID_ARGUMENT,
    401: status.UNAUTHENTICATED,
    403: status.PERMISSION_DENIED,
    413: status.INVALID_ARGUMENT,
    429: status.RESOURCE_EXHAUSTED,
    503: status.UNAVAILABLE,
  };
  return byHttpStatus[httpStatus] ?? status.INTERNAL;
}

/** Messages pass through as bytes: the handler decodes them with protobufjs, so a bad one is its own error. */
const TRACE_SERVICE: grpc.ServiceDefinition = {
  Export: {
    path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: Buffer) => value,
    requestDeserialize: (bytes: Buffer) => bytes,
    responseSerialize: (value: Buffer) => value,
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

function keyFrom(metadata: grpc.Metadata): string | undefined {
  const apiKey = metadata.get('x-api-key')[0];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  const auth = metadata.get('authorization')[0];
  const match = typeof auth === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  return match?.[1];
}

/**
 * OTLP/gRPC (opentelemetry.proto.collector.trace.v1.TraceService/Export) on OTLP_GRPC_PORT, off
 * by default: the same export as POST /v1/traces, the same API keys (metadata `x-api-key`, or
 * `authorization: Bearer`), gzip as gRPC negotiates it, MAX_BATCH_BODY_BYTES per message.
 */
@Injectable()
export class OtlpGrpcServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OtlpGrpcServer.name);
  private server: grpc.Server | undefined;
  /** the bound port (OTLP_GRPC_PORT) */
  port: number | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly otlp: OtlpService,
    private readonly codec: OtlpCodec,
    private readonly keys: ApiKeysService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { grpcPort, grpcHost } = this.config.otlp;
    if (grpcPort === undefined) return;
    const grpc = loadGrpc();
    const server = new grpc.Server({ 'grpc.max_receive_message_length': this.config.maxBatchBodyBytes });
    server.addService(TRACE_SERVICE, { Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => void this.export(call, callback) });
    const address = `${grpcHost.includes(':') ? `[${grpcHost}]` : grpcHost}:${grpcPort}`;
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(new StartupError(`OTLP_GRPC_PORT: cannot listen on ${address}: ${err.message}`)) : resolve(port))),
    );
    this.server = server;
    this.logger.log(`OTLP/gRPC listening on ${grpcHost}:${this.port}`);
  }

  private async export(call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>): Promise<void> {
    try {
      const key = await this.keys.authenticateFrom(call.getPeer().replace(/:\d+$/, ''), keyFrom(call.metadata));
      if (!roleAllows(key.role, 'ingest')) throw new AppError('FORBIDDEN', `exports need the ingest role; the key has ${key.role}`);
      const outcome = await this.otlp.admitted(() => {
        let request;
        try {
          request = this.codec.decode(call.request, 'protobuf');
        } catch (err) {
          if (err instanceof OtlpDecodeError) throw new AppError('MALFORMED_OTLP', err.message);
          throw err;
        }
        return this.otlp.export(request);
      });
      callback(null, this.codec.encodeResponse(outcome.rejected, outcome.message, 'protobuf'));
    } catch (err) {
      const out = toErrorResponse(err, undefined);
      if (out.status === 500) this.logger.error({ err }, `OTLP/gRPC export failed: ${err instanceof Error ? err.message : String(err)}`);
      callback({ code: grpcCodeOf(out.status), details: `${out.body.error.code}: ${out.body.error.message}` });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 5_000);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
