import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { hashEmbed } from '../../src/modules/similarity/domain/hash-embedding';
import { queryDocument } from '../../src/modules/similarity/domain/run-document';

export interface EmbeddingsRequest {
  model: string;
  input: string[];
  encoding_format?: string;
  dimensions?: number;
  authorization?: string;
}

export interface FakeFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeOpenAiOptions {
  /** vector size when the request names none */
  dimensions?: number;
  /** text → vector; by default the local hashing embedder, so related texts are near */
  embed?: (text: string, dimensions: number) => number[];
  /** answer float arrays whatever `encoding_format` asks, as Ollama does */
  ignoreEncodingFormat?: boolean;
  /** answer `dimensions` (or the default) whatever the request asks for, as servers without Matryoshka models do */
  ignoreDimensions?: boolean;
}

/**
 * A local server speaking the OpenAI embeddings API (`POST /v1/embeddings`): base64 answers when
 * asked (the SDK's default), float arrays otherwise, or always (`ignoreEncodingFormat`, like Ollama). Failures can be queued (429 with Retry-After,
 * 500, …), inputs can be refused with 400, and the whole service can be taken down.
 */
export class FakeOpenAi {
  readonly requests: EmbeddingsRequest[] = [];
  private readonly failures: FakeFailure[] = [];
  private server: http.Server | undefined;
  private downStatus: number | undefined;
  private rejectInput: ((text: string) => boolean) | undefined;
  private port = 0;

  constructor(private readonly options: FakeOpenAiOptions = {}) {}

  /** The base URL to hand to the SDK (OPENAI_BASE_URL). */
  get url(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Answers the next `times` requests with this failure (after which normal service resumes). */
  failNext(failure: FakeFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  /** Answers every request with `status` (default 503) until `up()`. */
  down(status = 503): void {
    this.downStatus = status;
  }

  up(): void {
    this.downStatus = undefined;
    this.failures.length = 0;
  }

  /** 400 invalid_request_error for any request carrying a matching input. */
  refuse(predicate: ((text: string) => boolean) | undefined): void {
    this.rejectInput = predicate;
  }

  /** How many inputs were embedded in total. */
  get embeddedInputs(): number {
    return this.requests.reduce((n, r) => n + r.input.length, 0);
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/embeddings')) {
        this.send(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
        return;
      }
      let body: { model?: string; input?: string | string[]; encoding_format?: string; dimensions?: number };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        this.send(res, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } });
        return;
      }
      const input = Array.isArray(body.input) ? body.input : [String(body.input ?? '')];
      this.requests.push({
        model: String(body.model),
        input,
        encoding_format: body.encoding_format,
        dimensions: body.dimensions,
        authorization: req.headers.authorization,
      });
      // Fast retries: the SDK honours retry-after-ms.
      const retry = { 'retry-after-ms': '5' };
      if (this.downStatus !== undefined) {
        this.send(res, this.downStatus, { error: { message: 'service unavailable', type: 'server_error' } }, retry);
        return;
      }
      const failure = this.failures.shift();
      if (failure) {
        this.send(res, failure.status, failure.body ?? { error: { message: `fake failure ${failure.status}`, type: failure.status === 429 ? 'rate_limit_exceeded' : 'server_error' } }, { ...retry, ...failure.headers });
        return;
      }
      if (this.rejectInput && input.some((t) => this.rejectInput!(t))) {
        this.send(res, 400, { error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', code: 'context_length_exceeded' } });
        return;
      }
      const dims = (this.options.ignoreDimensions ? undefined : body.dimensions) ?? this.options.dimensions ?? 64;
      const embed = this.options.embed ?? ((text: string, d: number) => Array.from(hashEmbed(queryDocument(text), d)));
      const data = input.map((text, index) => {
        const vector = embed(text, dims);
        const embedding =
          body.encoding_format === 'base64' && !this.options.ignoreEncodingFormat ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector;
        return { object: 'embedding', index, embedding };
      });
      const tokens = input.reduce((n, t) => n + t.split(/\s+/).length, 0);
      this.send(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
    });
  }
}
