import { boundedObject, errorText } from './bounded-json.js';
import { DeliveryQueue, FlushResult } from './delivery-queue.js';
import { NeuralOpsClient } from './neuralops.client.js';
import type { CreateRun, JsonObject, NodeLog, RunStatus } from './types.js';

export interface NeuralOpsCallbackHandlerOptions {
  /** e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** an ingest (or higher) key */
  apiKey?: string;
  /** the workflow id runs are recorded under; default the graph's name */
  wpkId?: string;
  /** also record each run as `running` when it starts; default false */
  postRunning?: boolean;
  tags?: string[];
  metadata?: JsonObject;
  /** cap on each node's (and the run's) serialized inputs and outputs; default 8 KiB */
  maxPayloadChars?: number;
  /** delivery: attempts per run (default 6), first backoff (250 ms) and cap (5 s), per-request timeout (5 s) */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  timeoutMs?: number;
  /** runs waiting for delivery at most (default 1,000); beyond, the oldest is dropped with a warning */
  maxBuffer?: number;
  /** where warnings go; default console.warn */
  onWarning?: (message: string) => void;
  /** a client to post through (else one is built from baseUrl/apiKey) */
  client?: NeuralOpsClient;
}

/** One model call's tokens, as LangChain reported them. */
interface ModelCall {
  model?: string;
  input?: number;
  output?: number;
  total?: number;
}

interface RootState {
  runId: string;
  wpkId: string;
  startedAt: number;
  inputs: unknown;
  nodes: NodeState[];
  calls: ModelCall[];
}

interface NodeState {
  runId: string;
  node: string;
  step?: number;
  startedAt: number;
  endedAt?: number;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  error?: string;
  inputs: unknown;
  outputs?: unknown;
  checkpointNs?: string;
  threadId?: string;
  path?: string[];
  calls: ModelCall[];
}

/** What the handler remembers of each chain run it saw start, until the root run ends. */
interface Tracked {
  rootId: string;
  /** a graph run (the root, or a compiled subgraph): its chain children with langgraph_node are nodes */
  isGraph: boolean;
  node?: NodeState;
  /** the node this run is part of (itself, when it is a node) */
  owner?: NodeState;
}

/** A model call in flight: where its usage goes, and the model it was asked for. */
interface PendingCall {
  rootId: string;
  owner?: NodeState;
  requested?: string;
}

/** The server keeps at most this many node logs per run. */
const MAX_NODE_LOGS = 10_000;

type Serialized = { id?: unknown; name?: unknown } | undefined;

/**
 * A LangChain callback handler that records one NeuralOps run per graph invocation:
 * `graph.invoke(input, { callbacks: [handler] })`. It duck-types LangChain's handler interface
 * (`name`, the `ignore*` flags, `awaitHandlers`) rather than extending BaseCallbackHandler, so the
 * client loads without `@langchain/core` installed. Its callbacks only update memory and queue a
 * delivery; posting happens in the background and never throws into the graph.
 */
export class NeuralOpsCallbackHandler {
  readonly name = 'neuralops_callback_handler';
  readonly ignoreLLM = false;
  readonly ignoreChain = false;
  readonly ignoreAgent = true;
  readonly ignoreRetriever = true;
  readonly ignoreCustomEvent = true;
  readonly raiseError = false;
  /** LangChain awaits the callbacks, so every event is in before invoke returns (they are cheap). */
  readonly awaitHandlers = true;
  readonly lc_serializable = false;

  private readonly client: NeuralOpsClient;
  private readonly queue: DeliveryQueue<CreateRun>;
  private readonly roots = new Map<string, RootState>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly calls = new Map<string, PendingCall>();
  private readonly maxPayload: number;
  private readonly warn: (message: string) => void;

  constructor(private readonly options: NeuralOpsCallbackHandlerOptions) {
    this.client = options.client ?? new NeuralOpsClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs ?? 5_000 });
    this.maxPayload = options.maxPayloadChars ?? 8_192;
    this.warn = options.onWarning ?? ((m) => console.warn(m));
    // the handler never reads the answer: only the reference comes back
    this.queue = new DeliveryQueue<CreateRun>(async (run) => void (await this.client.recordRun(run, { return: 'minimal' })), {
      maxAttempts: options.maxAttempts ?? 6,
      retryBaseMs: options.retryBaseMs ?? 250,
      retryMaxMs: options.retryMaxMs ?? 5_000,
      maxBuffer: options.maxBuffer ?? 1_000,
      warn: this.warn,
    });
  }

  /**
   * Waits until every recorded run was delivered or given up on (bounded by `timeoutMs` when given)
   * and resolves what became of the runs since the previous flush: `{ delivered, failed, dropped,
   * pending }` (failed: refused or still failing after maxAttempts; dropped: out of a full buffer;
   * pending: still waiting at the timeout).
   */
  flush(timeoutMs?: number): Promise<FlushResult> {
    return this.queue.flush(timeoutMs);
  }

  /** Delivery counters since the handler was made: runs pending, delivered, failed and dropped. */
  get stats(): { pending: number; delivered: number; failed: number; dropped: number } {
    return this.queue.stats;
  }

  /** LangChain copies handlers when it forks callback managers; this one keeps shared state. */
  copy(): this {
    return this;
  }

  toJSON(): { lc: number; type: 'not_implemented'; id: string[] } {
    return { lc: 1, type: 'not_implemented', id: ['neuralops', 'NeuralOpsCallbackHandler'] };
  }

  // Runtime argument order (not the one in the .d.ts): see CallbackManager.handleChainStart.
  handleChainStart(
    chain: Serialized,
    inputs: unknown,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    try {
      this.onStart(chain, inputs, runId, parentRunId, tags, metadata, runName);
    } catch (err) {
      this.warn(`NeuralOps: ignored a callback error: ${String(err)}`);
    }
  }

  handleChainEnd(outputs: unknown, runId: string): void {
    try {
      this.onEnd(runId, 'completed', outputs, undefined);
    } catch (err) {
      this.warn(`NeuralOps: ignored a callback error: ${String(err)}`);
    }
  }

  handleChainError(err: unknown, runId: string): void {
    try {
      this.onEnd(runId, 'failed', undefined, err);
    } catch (e) {
      this.warn(`NeuralOps: ignored a callback error: ${String(e)}`);
    }
  }

  // Runtime argument order: (llm, prompts|messages, runId, parentRunId, extraParams, tags, metadata, runName).
  handleLLMStart(_llm: Serialized, _prompts: unknown, runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): void {
    try {
      this.onModelStart(runId, parentRunId, extraParams, metadata);
    } catch (err) {
      this.warn(`NeuralOps: ignored a callback error: ${String(err)}`);
    }
  }

  handleChatModelStart(_llm: Serialized, _messages: unknown, runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): void {
    this.handleLLMStart(_llm, _messages, runId, parentRunId, extraParams, _tags, metadata);
  }

  handleLLMEnd(output: unknown, runId: string): void {
    try {
      this.onModelEnd(runId, output);
    } catch (err) {
      this.warn(`NeuralOps: ignored a callback error: ${String(err)}`);
    }
  }

  handleLLMError(_err: unknown, runId: string): void {
    this.calls.delete(runId);
  }

  private onModelStart(runId: string, parentRunId: string | undefined, extraParams: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined): void {
    const parent = parentRunId === undefined ? undefined : this.tracked.get(parentRunId);
    if (!parent) return;
    const params = (extraParams?.invocation_params ?? {}) as Record<string, unknown>;
    this.calls.set(runId, { rootId: parent.rootId, owner: parent.owner, requested: str(params.model) ?? str(params.model_name) ?? str(metadata?.ls_model_name) });
  }

  /** Tokens as LangChain reports them: the message's usage_metadata, else the llmOutput's token usage. */
  private onModelEnd(runId: string, output: unknown): void {
    const pending = this.calls.get(runId);
    this.calls.delete(runId);
    const root = pending && this.roots.get(pending.rootId);
    if (!pending || !root) return;
    const result = (output ?? {}) as { generations?: Array<Array<{ message?: { usage_metadata?: Record<string, unknown>; response_metadata?: Record<string, unknown> } }>>; llmOutput?: Record<string, unknown> };
    const message = result.generations?.flat().find((g) => g.message?.usage_metadata)?.message ?? result.generations?.[0]?.[0]?.message;
    const llmOutput = result.llmOutput ?? {};
    const usage = message?.usage_metadata;
    const legacy = (llmOutput.tokenUsage ?? llmOutput.estimatedTokenUsage) as Record<string, unknown> | undefined;
    const call: ModelCall = {
      model: str(message?.response_metadata?.model_name) ?? str(llmOutput.model_name) ?? pending.requested,
      input: count(usage?.input_tokens) ?? count(legacy?.promptTokens),
      output: count(usage?.output_tokens) ?? count(legacy?.completionTokens),
      total: count(usage?.total_tokens) ?? count(legacy?.totalTokens),
    };
    root.calls.push(call);
    pending.owner?.calls.push(call);
  }

  private onStart(
    chain: Serialized,
    inputs: unknown,
    runId: string,
    parentRunId: string | undefined,
    tags: string[] | undefined,
    metadata: Record<string, unknown> | undefined,
    runName: string | undefined,
  ): void {
    const parent = parentRunId === undefined ? undefined : this.tracked.get(parentRunId);
    if (!parent) {
      // a root: the graph invocation this handler was given to
      const wpkId = this.options.wpkId ?? runName ?? chainName(chain) ?? 'langgraph';
      const root: RootState = { runId, wpkId, startedAt: Date.now(), inputs, nodes: [], calls: [] };
      this.roots.set(runId, root);
      this.tracked.set(runId, { rootId: runId, isGraph: true });
      if (this.options.postRunning) this.queue.push(runId, this.payload(root, 'running'));
      return;
    }
    const hidden = tags?.includes('langsmith:hidden') ?? false;
    const nodeName = typeof metadata?.langgraph_node === 'string' ? metadata.langgraph_node : undefined;
    const root = this.roots.get(parent.rootId);
    if (parent.isGraph && nodeName !== undefined && !hidden && root) {
      const checkpointNs = str(metadata?.checkpoint_ns) ?? str(metadata?.langgraph_checkpoint_ns);
      const path = checkpointNs?.split('|').map((part) => part.split(':')[0]);
      const node: NodeState = {
        runId,
        node: nodeName,
        step: typeof metadata?.langgraph_step === 'number' ? metadata.langgraph_step : undefined,
        startedAt: Date.now(),
        status: 'running',
        inputs,
        checkpointNs,
        threadId: str(metadata?.thread_id),
        path: path && path.length > 1 ? path.slice(0, -1) : undefined,
        calls: [],
      };
      root.nodes.push(node);
      this.tracked.set(runId, { rootId: parent.rootId, isGraph: false, node, owner: node });
      return;
    }
    // anything else inside the root (hidden steps, runnables within a node, a compiled subgraph)
    this.tracked.set(runId, { rootId: parent.rootId, isGraph: !hidden && isGraphChain(chain), owner: parent.owner });
  }

  private onEnd(runId: string, status: 'completed' | 'failed', outputs: unknown, err: unknown): void {
    const tracked = this.tracked.get(runId);
    if (!tracked) return;
    if (tracked.node) {
      tracked.node.endedAt = Date.now();
      // interrupt() pauses the graph by throwing GraphInterrupt out of the node; the root completes
      tracked.node.status = status === 'failed' && isInterrupt(err) ? 'interrupted' : status;
      tracked.node.outputs = outputs;
      if (err !== undefined) tracked.node.error = errorText(err);
    }
    if (tracked.rootId !== runId) return;
    const root = this.roots.get(runId);
    this.roots.delete(runId);
    for (const [id, t] of this.tracked) if (t.rootId === runId) this.tracked.delete(id);
    for (const [id, c] of this.calls) if (c.rootId === runId) this.calls.delete(id);
    if (!root) return;
    this.queue.push(runId, this.payload(root, status, outputs, err));
  }

  private payload(root: RootState, status: RunStatus, outputs?: unknown, err?: unknown): CreateRun {
    const ended = status === 'running' ? undefined : Date.now();
    const run: CreateRun = {
      wpk_id: root.wpkId,
      run_id: root.runId,
      status,
      inputs: boundedObject(root.inputs, this.maxPayload),
      started_at: new Date(root.startedAt).toISOString(),
      node_logs: root.nodes.slice(0, MAX_NODE_LOGS).map((n) => this.nodeLog(n)),
    };
    if (ended !== undefined) {
      run.ended_at = new Date(ended).toISOString();
      run.duration_ms = ended - root.startedAt;
    }
    if (outputs !== undefined) run.outputs = boundedObject(outputs, this.maxPayload);
    if (err !== undefined) run.error = errorText(err);
    Object.assign(run, usageOf(root.calls));
    if (this.options.tags) run.tags = this.options.tags;
    const interrupted = root.nodes.some((n) => n.status === 'interrupted');
    if (this.options.metadata || interrupted) run.metadata = { ...this.options.metadata, ...(interrupted ? { langgraph_interrupted: true } : {}) };
    return run;
  }

  private nodeLog(n: NodeState): NodeLog {
    const log: NodeLog = {
      node: n.node,
      status: n.status,
      started_at: new Date(n.startedAt).toISOString(),
      inputs: boundedObject(n.inputs, this.maxPayload),
    };
    if (n.step !== undefined) log.step = n.step;
    if (n.endedAt !== undefined) {
      log.ended_at = new Date(n.endedAt).toISOString();
      log.duration_ms = n.endedAt - n.startedAt;
    }
    if (n.outputs !== undefined) log.outputs = boundedObject(n.outputs, this.maxPayload);
    log.error = n.error ?? null;
    if (n.checkpointNs !== undefined) log.checkpoint_ns = n.checkpointNs;
    if (n.threadId !== undefined) log.thread_id = n.threadId;
    if (n.path) log.path = n.path;
    Object.assign(log, usageOf(n.calls));
    return log;
  }
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * `usage` (token sums; the server prices them from its price table) and `models` over some model
 * calls, or nothing when none reported tokens or a model name.
 */
function usageOf(calls: ModelCall[]): { usage?: NonNullable<CreateRun['usage']>; models?: string[] } {
  const out: { usage?: NonNullable<CreateRun['usage']>; models?: string[] } = {};
  const models = [...new Set(calls.map((c) => c.model).filter((m): m is string => m !== undefined))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (models.length) out.models = models.slice(0, 100).map((m) => m.slice(0, 200));
  const counted = calls.filter((c) => c.input !== undefined || c.output !== undefined || c.total !== undefined);
  if (counted.length) {
    const sum = (pick: (c: ModelCall) => number | undefined) => (counted.some((c) => pick(c) !== undefined) ? counted.reduce((s, c) => s + (pick(c) ?? 0), 0) : null);
    out.usage = {
      input_tokens: sum((c) => c.input),
      output_tokens: sum((c) => c.output),
      total_tokens: counted.reduce((s, c) => s + (c.total ?? (c.input ?? 0) + (c.output ?? 0)), 0),
    };
  }
  return out;
}

function isInterrupt(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'GraphInterrupt' || name === 'NodeInterrupt';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function chainName(chain: Serialized): string | undefined {
  if (typeof chain?.name === 'string') return chain.name;
  const id = chain?.id;
  return Array.isArray(id) && typeof id[id.length - 1] === 'string' ? (id[id.length - 1] as string) : undefined;
}

/** LangGraph serializes compiled graphs as ['langgraph', 'pregel', <class>]. */
function isGraphChain(chain: Serialized): boolean {
  const id = chain?.id;
  return Array.isArray(id) && id.includes('pregel');
}
