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
 * nested deeper than MAX_JSON_DEPTH. Returns the field path of the offender.
 */
export function findUnstorable(value: unknown, path = '', depth = 0): FieldError | undefined {
  if (typeof value === 'string') {
    const message = describe(value);
    return message ? { field: path || 'body', message } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return { field: path || 'body', message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], join(path, i), depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const keyMessage = describe(key);
    if (keyMessage) return { field: join(path, key), message: `key ${keyMessage}` };
    const found = findUnstorable((value as Record<string, unknown>)[key], join(path, key), depth + 1);
    if (found) return found;
  }
  return undefined;
}
