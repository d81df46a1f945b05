/**
 * How a trace becomes a run: the one place that reads OpenTelemetry span attributes (GenAI
 * semantic conventions and OpenInference) and the table in the README's "Send OpenTelemetry
 * traces" describes. Two steps: `spanFacts` keeps what each span says that a run can use (stored
 * per span, so later exports of the trace merge with earlier ones), and `traceToRun` turns all
 * the facts of a trace into the run, a pure function of that set, whatever order they came in.
 */
import { ModelCall, PriceTable, usageOf } from '../../runs/domain/pricing';
import { MAX_ID_LENGTH, MAX_NODE_LOGS, RunStatus } from '../../runs/domain/run';
import { RunUsage, sortedModels } from '../../runs/domain/usage';
import type { AttrValue, Attributes, IngestSpan } from './otlp-request';

/** What one span says, as far as the run is concerned. */
export interface SpanFacts {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  start_ms: number;
  end_ms: number;
  /** nothing of the trace is above it: no parent, a remote parent, or a server or consumer span */
  local_top: boolean;
  /** marks an agent or a graph (GenAI invoke_agent / invoke_workflow, OpenInference CHAIN / AGENT) */
  agent: boolean;
  /** OpenInference CHAIN: LangGraph names it after the graph */
  chain: boolean;
  /** GenAI invoke_agent / execute_tool: a node log when it is not the root */
  genai_step?: string;
  /** a LangGraph node (OpenInference metadata langgraph_node + langgraph_step) */
  langgraph?: { node: string; step: number; checkpoint_ns?: string; thread_id?: string };
  /** a model call (GenAI chat / text_completion / embeddings, OpenInference LLM / EMBEDDING) */
  model?: ModelCall;
  failed: boolean;
  error: string | null;
  inputs?: unknown;
  outputs?: unknown;
  /** neuralops.wpk_id, neuralops.run_id, gen_ai.agent.name on the span */
  wpk_id?: string;
  run_id?: string;
  agent_name?: string;
  /** the resource's service.name and neuralops.wpk_id */
  service?: string;
  resource_wpk_id?: string;
}

/** Attribute keys the mapping reads: kept first when a span carries more than the limit. */
const READ_KEYS = new Set([
  'neuralops.wpk_id', 'neuralops.run_id', 'gen_ai.operation.name', 'gen_ai.agent.name', 'gen_ai.tool.name', 'gen_ai.request.model',
  'gen_ai.response.model', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'gen_ai.usage.prompt_tokens', 'gen_ai.usage.completion_tokens',
  'gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.prompt', 'gen_ai.completion', 'gen_ai.tool.call.arguments', 'gen_ai.tool.call.result',
  'gen_ai.conversation.id', 'error.type', 'openinference.span.kind', 'llm.model_name', 'embedding.model_name', 'llm.token_count.prompt',
  'llm.token_count.completion', 'llm.token_count.total', 'input.value', 'input.mime_type', 'output.value', 'output.mime_type', 'metadata',
]);
export const isReadAttribute = (key: string) => READ_KEYS.has(key);

const AGENT_OPERATIONS = new Set(['invoke_agent', 'invoke_workflow']);
const STEP_OPERATIONS = new Set(['invoke_agent', 'execute_tool']);
const MODEL_OPERATIONS = new Set(['chat', 'text_completion', 'embeddings', 'generate_content']);
/** LangGraph's own entry and exit nodes: never logged, as the callback handler never logs them */
const RESERVED_NODES = new Set(['__start__', '__end__']);
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CONSUMER = 5;
const STATUS_ERROR = 2;
const MAX_ERROR_CHARS = 4_000;

const str = (v: AttrValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const id = (v: AttrValue | undefined): string | undefined => {
  const s = str(v) ?? (typeof v === 'number' ? String(v) : undefined);
  return s === undefined ? undefined : s.slice(0, MAX_ID_LENGTH);
};
const tokens = (...values: Array<AttrValue | undefined>): number | null => {
  for (const v of values) {
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
  }
  return null;
};

/** A JSON text as its value (objects, arrays and JSON-typed values); anything else stays text. */
function payload(value: AttrValue | undefined, mime?: AttrValue): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return value;
  const t = value.trimStart();
  if (mime === 'application/json' || t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function metadataOf(attributes: Attributes): Record<string, unknown> | undefined {
  const m = payload(attributes.metadata);
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : undefined;
}

/**
 * `Type: message` from an exception event. OpenInference's JavaScript tracer writes no type and a
 * message of "<message>\n\n<stack>", whose stack starts with "<Name>: <message>": that line is it.
 */
export function errorText(type: string | undefined, message: string | undefined): string | null {
  if (!type && !message) return null;
  let text: string;
  const js = message ? /^([\s\S]*?)\n\n([A-Za-z_$][\w$.]*): ([\s\S]*)$/.exec(message) : null;
  if (!type && js && js[3].startsWith(js[1])) text = `${js[2]}: ${js[1]}`;
  else text = type && message ? `${type}: ${message}` : (type ?? message!);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

export function spanFacts(span: IngestSpan): SpanFacts {
  const a = span.attributes;
  const operation = str(a['gen_ai.operation.name']);
  const oiKind = str(a['openinference.span.kind'])?.toUpperCase();
  const meta = metadataOf(a);
  const node = typeof meta?.langgraph_node === 'string' ? meta.langgraph_node : undefined;
  const step = typeof meta?.langgraph_step === 'number' ? meta.langgraph_step : undefined;
  const exception = span.exceptions[0];
  const failed = span.status_code === STATUS_ERROR;
  const error = failed || exception
    ? errorText(str(exception?.['exception.type']) ?? str(a['error.type']), str(exception?.['exception.message']) ?? (span.status_message || undefined))
    : null;
  const facts: SpanFacts = {
    span_id: span.span_id,
    parent_span_id: span.parent_span_id,
    name: span.name.slice(0, MAX_ID_LENGTH),
    start_ms: span.start_ms,
    end_ms: span.end_ms,
    local_top: span.parent_span_id === null || span.parent_is_remote || span.kind === SPAN_KIND_SERVER || span.kind === SPAN_KIND_CONSUMER,
    agent: (operation !== undefined && AGENT_OPERATIONS.has(operation)) || oiKind === 'CHAIN' || oiKind === 'AGENT',
    chain: oiKind === 'CHAIN',
    failed,
    error: failed ? error : null,
  };
  if (operation !== undefined && STEP_OPERATIONS.has(operation)) {
    facts.genai_step = (operation === 'execute_tool' ? str(a['gen_ai.tool.name']) : str(a['gen_ai.agent.name'])) ?? facts.name;
    facts.genai_step = facts.genai_step.slice(0, MAX_ID_LENGTH) || 'agent';
  }
  if (node !== undefined && step !== undefined && (oiKind === 'CHAIN' || oiKind === undefined) && node.length >= 1) {
    facts.langgraph = { node: node.slice(0, MAX_ID_LENGTH), step };
    const ns = typeof meta?.checkpoint_ns === 'string' ? meta.checkpoint_ns : typeof meta?.langgraph_checkpoint_ns === 'string' ? meta.langgraph_checkpoint_ns : undefined;
    if (ns) facts.langgraph.checkpoint_ns = ns.slice(0, 1000);
    const thread = typeof meta?.thread_id === 'string' ? meta.thread_id : str(a['gen_ai.conversation.id']);
    if (thread) facts.langgraph.thread_id = thread.slice(0, MAX_ID_LENGTH);
  }
  if ((operation !== undefined && MODEL_OPERATIONS.has(operation)) || oiKind === 'LLM' || oiKind === 'EMBEDDING') {
    const model = str(a['gen_ai.response.model']) ?? str(a['gen_ai.request.model']) ?? str(a['llm.model_name']) ?? str(a['embedding.model_name']);
    facts.model = {
      model: model ? model.slice(0, MAX_ID_LENGTH) : null,
      input_tokens: tokens(a['gen_ai.usage.input_tokens'], a['gen_ai.usage.prompt_tokens'], a['llm.token_count.prompt']),
      output_tokens: tokens(a['gen_ai.usage.output_tokens'], a['gen_ai.usage.completion_tokens'], a['llm.token_count.completion']),
      total_tokens: tokens(a['llm.token_count.total']),
    };
  }
  const inputs = payload(a['input.value'], a['input.mime_type']) ?? payload(a['gen_ai.input.messages']) ?? payload(a['gen_ai.prompt']) ?? payload(a['gen_ai.tool.call.arguments']);
  const outputs = payload(a['output.value'], a['output.mime_type']) ?? payload(a['gen_ai.output.messages']) ?? payload(a['gen_ai.completion']) ?? payload(a['gen_ai.tool.call.result']);
  if (inputs !== undefined) facts.inputs = inputs;
  if (outputs !== undefined) facts.outputs = outputs;
  const wpk = id(a['neuralops.wpk_id']);
  const run = id(a['neuralops.run_id']);
  const agentName = id(a['gen_ai.agent.name']);
  if (wpk) facts.wpk_id = wpk;
  if (run) facts.run_id = run;
  if (agentName) facts.agent_name = agentName;
  const service = id(span.resource['service.name']);
  const resourceWpk = id(span.resource['neuralops.wpk_id']);
  if (service) facts.service = service;
  if (resourceWpk) facts.resource_wpk_id = resourceWpk;
  return facts;
}

/** A node log as the callback handler writes it, plus the node's own model usage. */
export interface TraceNodeLog {
  node: string;
  step?: number;
  status: 'completed' | 'failed' | 'interrupted';
  started_at: string;
  ended_at: string;
  duration_ms: number;
  error: string | null;
  inputs?: unknown;
  outputs?: unknown;
  path?: string[];
  checkpoint_ns?: string;
  thread_id?: string;
  usage?: RunUsage;
  models?: string[];
}

export interface TraceRun {
  wpk_id: string;
  run_id: string;
  /** false until the root span arrived: the key and status may still change */
  rooted: boolean;
  status: RunStatus;
  error: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  duration_ms: number | null;
  inputs: unknown;
  outputs: unknown;
  node_logs: TraceNodeLog[];
  usage: RunUsage | null;
  models: string[] | null;
  spans: number;
}

const MAX_DURATION_MS = 2_147_483_647;
const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();
const durationMs = (f: SpanFacts) => Math.min(MAX_DURATION_MS, Math.max(0, Math.round(f.end_ms - f.start_ms)));
const byStart = (x: SpanFacts, y: SpanFacts) => x.start_ms - y.start_ms || (x.span_id < y.span_id ? -1 : x.span_id > y.span_id ? 1 : 0);
const isInterrupt = (error: string | null) => error !== null && /^(GraphInterrupt|NodeInterrupt)\b/.test(error);

/**
 * The run of a trace from the facts of all its spans seen so far. `traceId` is the run_id unless
 * the root says otherwise; `prices` prices the model calls.
 */
export function traceToRun(traceId: string, all: readonly SpanFacts[], prices: PriceTable | undefined): TraceRun {
  const byId = new Map(all.map((f) => [f.span_id, f]));
  const parentOf = (f: SpanFacts) => (f.parent_span_id === null ? undefined : byId.get(f.parent_span_id));
  const ancestors = function* (f: SpanFacts) {
    const seen = new Set<string>([f.span_id]);
    for (let p = parentOf(f); p && !seen.has(p.span_id); p = parentOf(p)) {
      seen.add(p.span_id);
      yield p;
    }
  };
  // by start; at the same instant (a node and the subgraph it runs often share one) the outer span first
  const depth = new Map(all.map((f) => [f.span_id, [...ancestors(f)].length]));
  const sorted = [...all].sort((x, y) => x.start_ms - y.start_ms || depth.get(x.span_id)! - depth.get(y.span_id)! || byStart(x, y));

  // the root: the outermost agent or graph span (LangGraph node spans are never one), once the
  // spans above it are known up to the trace's top, so a sub-agent whose parent has not arrived
  // is not taken for it; without any, the trace's top span when the trace called a model
  const reachesTop = (f: SpanFacts) => {
    let top = f;
    for (const p of ancestors(f)) top = p;
    return top.local_top;
  };
  const candidates = sorted.filter((f) => f.agent && !f.langgraph);
  const isCandidate = new Set(candidates.map((f) => f.span_id));
  let root = candidates.find((f) => ![...ancestors(f)].some((p) => isCandidate.has(p.span_id)) && reachesTop(f));
  if (!root && !candidates.length && sorted.some((f) => f.model)) root = sorted.find((f) => f.local_top && !parentOf(f));

  // node logs: LangGraph node spans (one per node run: a span inside a node with the same node,
  // step and checkpoint is that node's own work, e.g. a compiled subgraph) and GenAI steps below the root
  const nodeSpans = new Map<string, string>();
  // outer spans first, so a span's enclosing node is known when it is looked at, whatever the clocks say
  const outerFirst = [...sorted].sort((x, y) => depth.get(x.span_id)! - depth.get(y.span_id)!);
  for (const f of outerFirst) {
    if (f === root) continue;
    if (f.langgraph) {
      if (RESERVED_NODES.has(f.langgraph.node)) continue;
      const enclosing = [...ancestors(f)].find((p) => nodeSpans.has(p.span_id));
      const same = enclosing?.langgraph && enclosing.langgraph.node === f.langgraph.node && enclosing.langgraph.step === f.langgraph.step && enclosing.langgraph.checkpoint_ns === f.langgraph.checkpoint_ns;
      if (!same) nodeSpans.set(f.span_id, f.langgraph.node);
    } else if (f.genai_step !== undefined && !f.model) {
      nodeSpans.set(f.span_id, f.genai_step);
    }
  }

  // model calls: each counted once, the outermost of nested model spans (two instrumentations of
  // one call); it adds to the nearest node log above it, else to the run alone
  const calls: ModelCall[] = [];
  const models = new Set<string>();
  const callsByNode = new Map<string, ModelCall[]>();
  const modelsByNode = new Map<string, Set<string>>();
  for (const f of sorted) {
    if (!f.model) continue;
    const up = [...ancestors(f)];
    const node = up.find((p) => nodeSpans.has(p.span_id));
    if (f.model.model) {
      models.add(f.model.model);
      if (node) modelsByNode.set(node.span_id, (modelsByNode.get(node.span_id) ?? new Set()).add(f.model.model));
    }
    if (up.some((p) => p.model)) continue;
    calls.push(f.model);
    if (node) callsByNode.set(node.span_id, [...(callsByNode.get(node.span_id) ?? []), f.model]);
  }

  const node_logs: TraceNodeLog[] = [];
  for (const f of sorted) {
    const name = nodeSpans.get(f.span_id);
    if (name === undefined) continue;
    if (node_logs.length >= MAX_NODE_LOGS) break;
    const path = [...ancestors(f)].filter((p) => nodeSpans.has(p.span_id)).map((p) => nodeSpans.get(p.span_id)!).reverse();
    const log: TraceNodeLog = {
      node: name,
      ...(f.langgraph ? { step: f.langgraph.step } : {}),
      status: f.failed ? (isInterrupt(f.error) ? 'interrupted' : 'failed') : 'completed',
      started_at: iso(f.start_ms),
      ended_at: iso(f.end_ms),
      duration_ms: durationMs(f),
      error: f.error,
    };
    if (f.inputs !== undefined) log.inputs = f.inputs;
    if (f.outputs !== undefined) log.outputs = f.outputs;
    if (path.length) log.path = path;
    if (f.langgraph?.checkpoint_ns) log.checkpoint_ns = f.langgraph.checkpoint_ns;
    if (f.langgraph?.thread_id) log.thread_id = f.langgraph.thread_id;
    const own = callsByNode.get(f.span_id);
    if (own) log.usage = usageOf(own, prices);
    const ownModels = modelsByNode.get(f.span_id);
    if (ownModels) log.models = sortedModels(ownModels);
    node_logs.push(log);
  }

  const first = sorted[0];
  const wpk_id =
    root?.wpk_id ?? first?.resource_wpk_id ?? root?.agent_name ?? (root?.chain ? root.name || undefined : undefined) ?? first?.service ?? 'unknown_service';
  return {
    wpk_id,
    run_id: root?.run_id ?? traceId,
    rooted: root !== undefined,
    status: root ? (root.failed ? 'failed' : 'completed') : 'running',
    error: root?.failed ? root.error : null,
    started_at: root ? new Date(Math.floor(root.start_ms)) : first ? new Date(Math.floor(first.start_ms)) : null,
    ended_at: root ? new Date(Math.floor(root.end_ms)) : null,
    duration_ms: root ? durationMs(root) : null,
    inputs: root?.inputs ?? null,
    outputs: root?.outputs ?? null,
    node_logs,
    usage: calls.length ? usageOf(calls, prices) : null,
    models: models.size ? sortedModels(models) : null,
    spans: all.length,
  };
}
