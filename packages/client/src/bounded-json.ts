import type { JsonObject } from './types.js';

/**
 * Inputs and outputs as a JSON object of bounded size: cycles, functions and bigints made safe,
 * non-objects wrapped as `{ value }`, and anything over `maxBytes` replaced by a truncated preview.
 */
export function boundedObject(value: unknown, maxBytes: number): JsonObject {
  let text: string;
  try {
    text = JSON.stringify(value, safeReplacer()) ?? 'null';
  } catch (err) {
    return { _unserializable: err instanceof Error ? err.message : String(err) };
  }
  if (text.length > maxBytes) {
    return { _truncated: true, _original_chars: text.length, preview: text.slice(0, Math.max(0, maxBytes - 100)) };
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonObject;
  return { value: parsed };
}

function safeReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return function (_key, value) {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function' || typeof value === 'symbol') return undefined;
    if (value instanceof Error) return { name: value.name, message: value.message };
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  };
}

const MAX_ERROR_CHARS = 4_000;

/** `Name: message`, bounded. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}
