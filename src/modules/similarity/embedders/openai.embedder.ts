import type OpenAI from 'openai';
import type { DependencyStatus } from '../../../common/health/health-indicators';
import { redactCredentials } from '../../../common/security/url-credentials';
import { l2Normalize } from '../domain/hash-embedding';
import type { EmbeddingDocument } from '../domain/run-document';
import { Embedder, EmbeddingError } from './embedder';

type Sdk = typeof import('openai');
let sdk: Sdk | undefined;
/** The SDK is loaded when an OpenAI-compatible embedder is made: the default embedder is local. */
function loadSdk(): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('openai') as Sdk;
  return sdk;
}

export interface OpenAiEmbedderOptions {
  apiKey: string;
  baseUrl?: string;
  model: string;
  dimensions?: number;
  /** SDK retries of 408/409/429/5xx and connection errors, honouring Retry-After */
  maxRetries?: number;
  timeoutMs?: number;
}

/** The sizes of OpenAI's own models, so no request is needed to learn them. */
const KNOWN_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

const FIRST_SEEN = 'the first vector seen';

/** The API's limit on inputs per request. */
const MAX_INPUTS_PER_REQUEST = 2048;
/** Input problems: retrying the same text cannot help. Anything else (keys, outages, limits) may pass. */
const PERMANENT_STATUSES = new Set([400, 413, 422]);

/** An error's message and those of its causes ("Connection error.: fetch failed: connect ECONNREFUSED …"). */
function withCauses(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !parts.includes(message)) parts.push(message);
  }
  return parts.join(': ');
}

/**
 * Any OpenAI-compatible embeddings endpoint (OpenAI, gateways, Ollama, vLLM, LocalAI) through the
 * official SDK, which retries rate limits with backoff. It asks for float arrays: left to itself the
 * SDK asks for base64 and decodes whatever comes back as base64, so a server that ignores
 * `encoding_format` and answers floats (Ollama) would yield a quarter of each vector, silently.
 * Every vector's size is checked against EMBEDDING_DIMENSIONS, the model's known size, or else the
 * first size seen; a batch with another size fails as a whole.
 */
export class OpenAiEmbedder extends Embedder {
  readonly name = 'openai';
  readonly model: string;
  private readonly client: OpenAI;
  private knownDimensions: number | undefined;
  /** where knownDimensions came from, for the error that names a mismatch */
  private dimensionsSource: string;
  private readonly requestedDimensions: number | undefined;
  private readonly baseUrl: string | undefined;
  /** set when no request can ever be made with the configured base URL */
  private readonly unusableBaseUrl: string | undefined;

  constructor(options: OpenAiEmbedderOptions) {
    super();
    this.model = options.model;
    this.requestedDimensions = options.dimensions;
    this.knownDimensions = options.dimensions ?? KNOWN_DIMENSIONS[options.model];
    this.dimensionsSource = options.dimensions ? 'EMBEDDING_DIMENSIONS' : `the size of ${options.model}`;
    this.baseUrl = options.baseUrl === undefined ? undefined : redactCredentials(options.baseUrl);
    this.unusableBaseUrl = carriesCredentials(options.baseUrl)
      ? `embeddings request failed: OPENAI_BASE_URL ${this.baseUrl} carries credentials, which Node's fetch refuses to send; give the key in OPENAI_API_KEY (or put the credentials in a proxy)`
      : undefined;
    this.client = new (loadSdk().OpenAI)({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      maxRetries: options.maxRetries ?? 4,
      timeout: options.timeoutMs ?? 30_000,
    });
  }

  async dimensions(): Promise<number> {
    if (this.knownDimensions === undefined) {
      // One bounded request: a model of unknown size (Ollama, vLLM, …) is asked once.
      const [probe] = await this.request(['dimension probe'], { maxRetries: 0, timeout: 10_000 });
      this.knownDimensions = probe.length;
    }
    return this.knownDimensions;
  }

  async embed(docs: EmbeddingDocument[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < docs.length; start += MAX_INPUTS_PER_REQUEST) {
      out.push(...(await this.request(docs.slice(start, start + MAX_INPUTS_PER_REQUEST).map((d) => d.text || ' '))));
    }
    return out;
  }

  /** Every vector of the answer has the expected size, or the whole answer is refused. */
  private checkDimensions(vectors: Float32Array[]): void {
    const expected = this.knownDimensions ?? vectors[0]?.length;
    const source = this.knownDimensions === undefined ? FIRST_SEEN : this.dimensionsSource;
    for (const vector of vectors) {
      if (vector.length !== expected || vector.length === 0) {
        const hint = source === 'EMBEDDING_DIMENSIONS' ? '; is the server ignoring the requested dimensions?' : '';
        throw new EmbeddingError(`embeddings from ${this.model} have ${vector.length} dimensions, expected ${expected} (${source})${hint}`, false);
      }
    }
    if (this.knownDimensions === undefined && expected) {
      this.knownDimensions = expected;
      this.dimensionsSource = FIRST_SEEN;
    }
  }

  private async request(input: string[], options?: { maxRetries?: number; timeout?: number }): Promise<Float32Array[]> {
    // The SDK would retry a request that cannot even be built, with backoff, on every batch; it
    // stays transient so the runs are embedded once the address is fixed and the server restarted.
    if (this.unusableBaseUrl) throw new EmbeddingError(this.unusableBaseUrl, true);
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await this.client.embeddings.create(
        { model: this.model, input, encoding_format: 'float', ...(this.requestedDimensions ? { dimensions: this.requestedDimensions } : {}) },
        options,
      );
    } catch (err) {
      throw this.toEmbeddingError(err);
    }
    if (!Array.isArray(response.data) || response.data.length !== input.length) {
      throw new EmbeddingError(`embeddings response has ${response.data?.length ?? 0} vectors for ${input.length} inputs`, true);
    }
    const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => this.toVector(item.embedding as unknown));
    this.checkDimensions(vectors);
    return vectors.map(l2Normalize);
  }

  /** A float array as asked; base64 from a server that answers it regardless; anything else is refused. */
  private toVector(embedding: unknown): Float32Array {
    if (typeof embedding === 'string') {
      const bytes = Buffer.from(embedding, 'base64');
      if (bytes.length % 4 === 0) return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    } else if (Array.isArray(embedding) && embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      return Float32Array.from(embedding as number[]);
    }
    throw new EmbeddingError(`embeddings from ${this.model} are not arrays of finite numbers`, false);
  }

  private toEmbeddingError(err: unknown): EmbeddingError {
    if (err instanceof loadSdk().APIError) {
      const status = err.status;
      const transient = status === undefined || !PERMANENT_STATUSES.has(status);
      // The SDK's message carries the server's text, never the key; a connection error says why in its causes.
      return new EmbeddingError(redactCredentials(`embeddings request failed${status ? ` (HTTP ${status})` : ''}: ${withCauses(err)}`), transient);
    }
    return new EmbeddingError(redactCredentials(`embeddings request failed: ${withCauses(err)}`), true);
  }

  async describe(): Promise<DependencyStatus> {
    return {
      status: 'up',
      required: false,
      embedder: this.name,
      model: this.model,
      dimensions: this.knownDimensions ?? null,
      base_url: this.baseUrl ?? 'https://api.openai.com/v1',
    };
  }
}

function carriesCredentials(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}
