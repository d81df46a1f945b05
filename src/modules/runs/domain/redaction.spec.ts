import { redact } from './redaction';

describe('redact', () => {
  const keys = new Set(['api_key', 'password', 'token']);

  it('replaces values of named keys at any depth, case-insensitively', () => {
    const input = { API_KEY: 'k', user: { Password: { nested: 'p' }, name: 'n' }, list: [{ token: 1 }, 'token'] };
    expect(redact(input, keys)).toEqual({ API_KEY: '[REDACTED]', user: { Password: '[REDACTED]', name: 'n' }, list: [{ token: '[REDACTED]' }, 'token'] });
    expect(input.API_KEY).toBe('k');
  });

  it('leaves scalars and unmatched structures unchanged; no keys, no copy', () => {
    expect(redact('token', keys)).toBe('token');
    expect(redact(null, keys)).toBeNull();
    const obj = { a: 1 };
    expect(redact(obj, new Set())).toBe(obj);
  });

  it('keeps a literal __proto__ key as data', () => {
    const input = JSON.parse('{"__proto__": {"token": "t"}, "b": 1}');
    const out = redact(input, keys) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"token":"[REDACTED]"},"b":1}');
  });
});
