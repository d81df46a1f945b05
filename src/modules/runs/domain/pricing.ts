import { RunUsage, sortedModels } from './usage';

/** USD per million tokens. */
export interface ModelPrice {
  input_per_million: number;
  output_per_million: number;
}

/** One model call: what a model span, or a run write naming one model, reports. */
export interface ModelCall {
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
}

/** The name a model call without a model name is listed under in `unpriced_models`. */
export const UNNAMED_MODEL = '(unnamed)';

/** Costs keep 10 decimals: sums of float products otherwise differ in the last digits by order. */
const roundCost = (usd: number) => Math.round(usd * 1e10) / 1e10;

/**
 * The price table (MODEL_PRICES_FILE): a model is priced by its exact name, else by the longest
 * name in the table that it starts with (`gpt-4o-mini` prices `gpt-4o-mini-2024-07-18`), both
 * compared without regard to case.
 */
export class PriceTable {
  private readonly exact = new Map<string, ModelPrice>();
  /** longest first */
  private readonly prefixes: Array<[string, ModelPrice]>;

  constructor(entries: Record<string, ModelPrice>) {
    for (const [name, price] of Object.entries(entries)) this.exact.set(name.toLowerCase(), price);
    this.prefixes = [...this.exact].sort(([a], [b]) => b.length - a.length);
  }

  get size(): number {
    return this.exact.size;
  }

  priceOf(model: string): ModelPrice | undefined {
    const name = model.toLowerCase();
    const exact = this.exact.get(name);
    if (exact) return exact;
    for (const [prefix, price] of this.prefixes) if (name.startsWith(prefix)) return price;
    return undefined;
  }

  /** USD for the tokens of one call, or undefined when the model has no price. */
  cost(model: string, inputTokens: number | null, outputTokens: number | null): number | undefined {
    const price = this.priceOf(model);
    if (!price) return undefined;
    return ((inputTokens ?? 0) * price.input_per_million + (outputTokens ?? 0) * price.output_per_million) / 1e6;
  }
}

const hasTokens = (c: ModelCall) => c.input_tokens !== null || c.output_tokens !== null || c.total_tokens !== null;

/**
 * The usage of some model calls: token sums over all of them (null when none reports tokens), the
 * cost of the priced ones (null when none is priced, or without a price table), and with a table
 * the models that have tokens but no price.
 */
export function usageOf(calls: readonly ModelCall[], prices: PriceTable | undefined): RunUsage {
  let input: number | null = null;
  let output: number | null = null;
  let total: number | null = null;
  let cost: number | null = null;
  const unpriced = new Set<string>();
  for (const call of calls) {
    if (!hasTokens(call)) continue;
    if (call.input_tokens !== null) input = (input ?? 0) + call.input_tokens;
    if (call.output_tokens !== null) output = (output ?? 0) + call.output_tokens;
    total = (total ?? 0) + (call.total_tokens ?? (call.input_tokens ?? 0) + (call.output_tokens ?? 0));
    if (!prices) continue;
    const usd = call.model === null ? undefined : prices.cost(call.model, call.input_tokens, call.output_tokens);
    if (usd === undefined) unpriced.add(call.model ?? UNNAMED_MODEL);
    else cost = (cost ?? 0) + usd;
  }
  const usage: RunUsage = { input_tokens: input, output_tokens: output, total_tokens: total, cost_usd: cost === null ? null : roundCost(cost) };
  if (unpriced.size) usage.unpriced_models = sortedModels(unpriced);
  return usage;
}

/** A node log's reported usage with its models, as a run write carries them. */
export interface ReportedUsage {
  usage: RunUsage | null;
  models: string[] | null;
}

/**
 * Prices usage a run write reports without a cost: a usage naming one model is that model's call;
 * a run naming several is the sum of its node logs when their tokens add up to the run's, and
 * otherwise unpriced. A cost the write gives is kept as it is.
 */
export function priceReported(reported: ReportedUsage, nodeLogs: readonly ReportedUsage[], prices: PriceTable | undefined): RunUsage | null {
  const { usage, models } = reported;
  if (!usage || usage.cost_usd !== null || !prices) return usage;
  const call = (model: string | null): ModelCall => ({ model, input_tokens: usage.input_tokens, output_tokens: usage.output_tokens, total_tokens: usage.total_tokens });
  if (!models?.length || models.length === 1) {
    const priced = usageOf([call(models?.[0] ?? null)], prices);
    return { ...usage, cost_usd: priced.cost_usd, ...(priced.unpriced_models ? { unpriced_models: priced.unpriced_models } : {}) };
  }
  const parts = nodeLogs.filter((n): n is { usage: RunUsage; models: string[] | null } => n.usage !== null);
  const sum = (key: 'input_tokens' | 'output_tokens') => parts.reduce((s, p) => s + (p.usage[key] ?? 0), 0);
  const covered = parts.length > 0 && sum('input_tokens') === (usage.input_tokens ?? 0) && sum('output_tokens') === (usage.output_tokens ?? 0);
  if (!covered) return { ...usage, unpriced_models: sortedModels(models) };
  let cost: number | null = null;
  const unpriced = new Set<string>();
  for (const { usage: part, models: names } of parts) {
    if (part.cost_usd !== null) cost = (cost ?? 0) + part.cost_usd;
    const missing = part.unpriced_models ?? (part.cost_usd === null ? (names?.length ? names : [UNNAMED_MODEL]) : []);
    for (const m of missing) unpriced.add(m);
  }
  const out: RunUsage = { ...usage, cost_usd: cost === null ? null : roundCost(cost) };
  if (unpriced.size) out.unpriced_models = sortedModels(unpriced);
  else delete out.unpriced_models;
  return out;
}

/** MODEL_PRICES_FILE's content checked: a JSON object of model name → { input_per_million, output_per_million }. */
export function parsePriceTable(json: unknown): { table?: Record<string, ModelPrice>; error?: string } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { error: 'must hold a JSON object of model name → { input_per_million, output_per_million }' };
  const table: Record<string, ModelPrice> = {};
  for (const [name, price] of Object.entries(json as Record<string, unknown>)) {
    const p = price as Record<string, unknown> | null;
    const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    if (!name || p === null || typeof p !== 'object' || !ok(p.input_per_million) || !ok(p.output_per_million)) {
      return { error: `"${name}" must be { "input_per_million": USD, "output_per_million": USD } with numbers of at least 0` };
    }
    const extra = Object.keys(p).find((k) => k !== 'input_per_million' && k !== 'output_per_million');
    if (extra) return { error: `"${name}" has the unknown field "${extra}"` };
    table[name] = { input_per_million: p.input_per_million as number, output_per_million: p.output_per_million as number };
  }
  return { table };
}
