export const REDACTED = '[REDACTED]';

/**
 * Returns a copy of `value` where the value of every object key named in `keys` (lower-case,
 * compared case-insensitively) is replaced by "[REDACTED]", at any depth.
 */
export function redact(value: unknown, keys: ReadonlySet<string>): unknown {
  if (keys.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, keys));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const replaced = keys.has(key.toLowerCase()) ? REDACTED : redact(inner, keys);
    // defineProperty keeps a literal "__proto__" key as data instead of changing the prototype
    Object.defineProperty(out, key, { value: replaced, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
