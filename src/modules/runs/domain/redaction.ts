export const REDACTED = '[REDACTED]';

/**
 * `value` with the value of every object key named in `keys` (lower-case, compared
 * case-insensitively) replaced by "[REDACTED]", at any depth. Only the objects and arrays on the
 * way to a replaced value are copied; a value with nothing to redact comes back as it is.
 */
export function redact(value: unknown, keys: ReadonlySet<string>): unknown {
  if (keys.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const replaced = redact(value[i], keys);
      if (replaced !== value[i]) (copy ??= value.slice())[i] = replaced;
    }
    return copy ?? value;
  }
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const inner = source[key];
    const replaced = keys.has(key.toLowerCase()) ? REDACTED : redact(inner, keys);
    if (replaced === inner) continue;
    copy ??= copyOwn(source);
    define(copy, key, replaced);
  }
  return copy ?? value;
}

/** Keys such as `__proto__` are data in a request body: defined, never assigned. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function copyOwn(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) define(out, key, source[key]);
  return out;
}
