import OpenAI, { APIError } from 'openai';
import type { DependencyStatus } from '../../../common/health/health-indicators';
import { redactCredentials } from '../../../common/security/url-credentials';
import { l2Normalize } from '../domain/hash-embedding';
import type { EmbeddingDocument } from '../domain/run-document';
import { Embedder, EmbeddingError } from './embedder';

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
 * official SDK, which asks for base64 and decodes it, and retries rate limits with backoff.
 */
export class OpenAiEmbedder extends Embedder {
  readonly name = 'openai';
  readonly model: string;
  private readonly client: OpenAI;
  private knownDimensions: number | undefined;
  private readonly requestedDimensions: number | undefined;
  private readonly baseUrl: string | undefined;

  constructor(options: OpenAiEmbedderOptions) {
    super();
    this.model = options.model;
    this.requestedDimensions = options.dimensions;
    this.knownDimensions = options.dimensions ?? KNOWN_DIMENSIONS[options.model];
    this.baseUrl = options.baseUrl === undefined ? undefined : redactCredentials(options.baseUrl);
    this.client = new OpenAI({
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
      const vectors = await this.request(docs.slice(start, start + MAX_INPUTS_PER_REQUEST).map((d) => d.text || ' '));
      for (const vector of vectors) {
        if (this.knownDimensions !== undefined && vector.length !== this.knownDimensions) {
          throw new EmbeddingError(`model ${this.model} answered ${vector.length} dimensions, expected ${this.knownDimensions}`, false);
        }
        out.push(vector);
      }
    }
    return out;
  }

  private async request(input: string[], options?: { maxRetries?: number; timeout?: number }): Promise<Float32Array[]> {
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await this.client.embeddings.create(
        { model: this.model, input, ...(this.requestedDimensions ? { dimensions: this.requestedDimensions } : {}) },
        options,
      );
    } catch (err) {
      throw this.toEmbeddingError(err);
    }
    if (!Array.isArray(response.data) || response.data.length !== input.length) {
      throw new EmbeddingError(`embeddings response has ${response.data?.length ?? 0} vectors for ${input.length} inputs`, true);
    }
    return [...response.data].sort((a, b) => a.index - b.index).map((item) => l2Normalize(Float32Array.from(item.embedding as number[])));
  }

  private toEmbeddingError(err: unknown): EmbeddingError {
    if (err instanceof APIError) {
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
