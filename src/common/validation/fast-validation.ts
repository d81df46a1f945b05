import { hotPath } from '../perf/hot-path';

/**
 * Hand-written validation fast paths, kept because they pay: on the ablation of
 * reports/performance.md part 11 (HOT_PATH_OFF=fast-validation against the server as deployed,
 * 5 paired repeats, same run) the first page of `GET /workflows/:id/runs` served +42.6 % more
 * requests (95 % interval +12.8 … +83.9 %) and `POST /runs` +10.4 % (+0.4 … +26.8 %); part 10
 * re-measures it on every bench. The one thing they rely on — that each check accepts exactly
 * what the DTO's decorators accept, and knows every field the DTO has — is held by
 * fast-validation.spec.ts and the agreement tests beside each DTO.
 *
 * A DTO on a hot path may offer a hand-written check of its decorators: it answers true only for a
 * plain object that the decorators accept exactly as it is (no unknown keys, nothing to transform).
 * Such a body becomes the DTO without class-transformer and class-validator; anything else, valid
 * or not, still takes the full validation, which also words every error.
 */
export interface FastValidated {
  fastValidate?(value: Record<string, unknown>): boolean;
}

/**
 * The same for a query DTO, whose values arrive as strings: `fastQuery` answers the converted
 * fields for a query the decorators accept as those fields, or undefined for the full validation.
 */
export interface FastQuery {
  fastQuery?(value: Record<string, unknown>): Record<string, unknown> | undefined;
}

export function fastQueryPath<T extends object>(metatype: unknown, value: unknown): T | undefined {
  const convert = (metatype as FastQuery | undefined)?.fastQuery;
  if (!convert || !hotPath('fast-validation') || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const fields = convert(value as Record<string, unknown>);
  return fields ? Object.assign(new (metatype as new () => T)(), fields) : undefined;
}

export function fastPath<T extends object>(metatype: unknown, value: unknown): T | undefined {
  const check = (metatype as FastValidated | undefined)?.fastValidate;
  if (!check || !hotPath('fast-validation') || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!check(value as Record<string, unknown>)) return undefined;
  return Object.assign(new (metatype as new () => T)(), value);
}
