import { MAX_ID_LENGTH } from './run';

/** What a run or a node log spent on models: tokens, and money where the price table knows the model. */
export interface RunUsage {
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  /** USD; null when no model of it is priced (never an invented cost) */
  cost_usd: number | null;
  /** models with tokens but no price, when some are priced; absent when everything is priced */
  unpriced_models?: string[];
}

export const MAX_TOKENS = 1e15;
export const MAX_COST_USD = 1e12;
export const MAX_MODELS = 100;
export const USAGE_FIELDS: ReadonlySet<string> = new Set(['input_tokens', 'output_tokens', 'total_tokens', 'cost_usd', 'unpriced_models']);

const isTokens = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_TOKENS;
const isCost = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_COST_USD;
const absent = (v: unknown) => v === undefined || v === null;

export const TOKENS_MESSAGE = `must be an integer from 0 to ${MAX_TOKENS}`;
export const COST_MESSAGE = `must be a number from 0 to ${MAX_COST_USD}`;
export const MODELS_MESSAGE = `must be an array of at most ${MAX_MODELS} strings of 1 to ${MAX_ID_LENGTH} characters`;

/** Model names: the value `models` and `usage.unpriced_models` take. */
export function modelsProblem(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length > MAX_MODELS) return MODELS_MESSAGE;
  for (const m of v) if (typeof m !== 'string' || m.length < 1 || m.length > MAX_ID_LENGTH) return MODELS_MESSAGE;
  return undefined;
}

/**
 * The first problem of a `usage` value as `[field, message]`, the field relative to the usage
 * object ('' for the object itself), or undefined when it is valid. Null stands for "not given".
 */
export function usageProblem(v: unknown): [string, string] | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return ['', 'must be an object'];
  const u = v as Record<string, unknown>;
  for (const key of Object.keys(u)) if (!USAGE_FIELDS.has(key)) return [key, 'is not a known field'];
  for (const key of ['input_tokens', 'output_tokens', 'total_tokens']) {
    if (!absent(u[key]) && !isTokens(u[key])) return [key, TOKENS_MESSAGE];
  }
  if (!absent(u.cost_usd) && !isCost(u.cost_usd)) return ['cost_usd', COST_MESSAGE];
  if (!absent(u.unpriced_models)) {
    const problem = modelsProblem(u.unpriced_models);
    if (problem) return ['unpriced_models', problem];
  }
  return undefined;
}

/** A valid usage value as stored: every token and cost field present (null when not given). */
export function normalizeUsage(v: Record<string, unknown>): RunUsage {
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  const input = num(v.input_tokens);
  const output = num(v.output_tokens);
  const usage: RunUsage = {
    input_tokens: input,
    output_tokens: output,
    total_tokens: num(v.total_tokens) ?? (input !== null || output !== null ? (input ?? 0) + (output ?? 0) : null),
    cost_usd: num(v.cost_usd),
  };
  if (Array.isArray(v.unpriced_models) && v.unpriced_models.length) usage.unpriced_models = [...(v.unpriced_models as string[])];
  return usage;
}

/** Distinct model names in code-point order, as `models` is stored. */
export function sortedModels(models: Iterable<string>): string[] {
  return [...new Set(models)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
