import { Transform } from 'class-transformer';
import { AppError } from '../errors/app-error';

const RAW_JSON_FIELDS = Symbol('neuralops:raw-json-fields');

type WithRawFields = { [RAW_JSON_FIELDS]?: string[] };

/**
 * Marks a free-form JSON field. class-transformer walks nested values and breaks on (or rewrites)
 * keys such as `constructor` and `__proto__`, so these fields never go through it: the pipe
 * validates a stand-in of the same shape and then puts the raw value back, untouched.
 */
export function RawJson(): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const ctor = target.constructor as WithRawFields;
    const own = Object.prototype.hasOwnProperty.call(ctor, RAW_JSON_FIELDS) ? ctor[RAW_JSON_FIELDS]! : [...(ctor[RAW_JSON_FIELDS] ?? [])];
    own.push(String(key));
    Object.defineProperty(ctor, RAW_JSON_FIELDS, { value: own, configurable: true });
    Transform(({ value }) => value, { toClassOnly: true })(target, key);
  };
}

export function rawJsonFields(metatype: unknown): string[] {
  return (metatype as WithRawFields | undefined)?.[RAW_JSON_FIELDS] ?? [];
}

function standIn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(() => null);
  if (value !== null && typeof value === 'object') return {};
  return value;
}

const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first object key that class-transformer would misread, outside free-form fields. */
function findHostileKey(value: unknown, path: string, depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [k, v] as const);
  for (const [key, inner] of entries) {
    const at = key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key;
    if (!key.startsWith('[') && HOSTILE_KEYS.has(key)) return at;
    const found = findHostileKey(inner, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Splits the raw JSON fields off a body: `safe` goes through class-transformer, `restore` puts them back. */
export function splitRawJson(
  metatype: unknown,
  value: unknown,
): { safe: unknown; restore: <T extends object>(dto: T) => T } {
  const fields = rawJsonFields(metatype);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { safe: value, restore: (dto) => dto };
  }
  const source = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(source)) {
    if (fields.includes(key)) continue;
    const hostile = HOSTILE_KEYS.has(key) ? key : findHostileKey(inner, key);
    if (hostile) throw AppError.field(hostile, 'is not a known field');
  }
  if (!fields.length) return { safe: value, restore: (dto) => dto };
  const safe: Record<string, unknown> = { ...source };
  const raw: Record<string, unknown> = {};
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(source, field)) continue;
    raw[field] = source[field];
    safe[field] = standIn(source[field]);
  }
  return {
    safe,
    restore: (dto) => {
      for (const field of Object.keys(raw)) (dto as Record<string, unknown>)[field] = raw[field];
      return dto;
    },
  };
}
