import { FieldError } from '../errors/app-error';

/** Deeper JSON than this is refused: nobody's run log needs it, and recursion elsewhere must stay bounded. */
export const MAX_JSON_DEPTH = 64;

// U+0000 (PostgreSQL text and JSONB cannot hold it) and UTF-16 surrogates that are not paired.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function describe(s: string): string | undefined {
  if (!UNSTORABLE.test(s)) return undefined;
  return s.includes('\u0000') ? 'must not contain the NUL character (U+0000)' : 'must not contain unpaired UTF-16 surrogates';
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Finds the first string (value or object key) that a database cannot store faithfully, or JSON
 * nested deeper than MAX_JSON_DEPTH. Returns the field path of the offender. The walk keeps the
 * path as a stack of keys and only spells it out for an offender.
 */
export function findUnstorable(value: unknown, path = '', depth = 0): FieldError | undefined {
  const trail: Array<string | number> = [];
  const message = scan(value, trail, depth);
  if (message === undefined) return undefined;
  return { field: trail.reduce<string>(join, path) || 'body', message };
}

function scan(value: unknown, trail: Array<string | number>, depth: number): string | undefined {
  if (typeof value === 'string') return describe(value);
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      trail.push(i);
      const found = scan(value[i], trail, depth + 1);
      if (found !== undefined) return found;
      trail.pop();
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    trail.push(key);
    const keyMessage = describe(key);
    if (keyMessage) return `key ${keyMessage}`;
    const found = scan((value as Record<string, unknown>)[key], trail, depth + 1);
    if (found !== undefined) return found;
    trail.pop();
  }
  return undefined;
}
