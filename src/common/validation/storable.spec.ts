import { findUnstorable, MAX_JSON_DEPTH } from './storable';
import { parseTimestamp } from './timestamps';

describe('findUnstorable', () => {
  it('passes ordinary JSON, including paired surrogates (emoji)', () => {
    expect(findUnstorable({ a: ['x', 1, null, { b: 'héllo 😀' }] })).toBeUndefined();
  });

  it('finds NUL and lone surrogates in values and keys, with their path', () => {
    expect(findUnstorable({ a: [{ b: 'x\u0000' }] })).toEqual({ field: 'a[0].b', message: 'must not contain the NUL character (U+0000)' });
    expect(findUnstorable({ s: 'a\ud83d' })?.field).toBe('s');
    expect(findUnstorable({ s: '\ude00b' })?.field).toBe('s');
    expect(findUnstorable({ ['k\u0000']: 1 })?.message).toMatch(/^key /);
    expect(findUnstorable('\u0000')?.field).toBe('body');
  });

  it('bounds nesting depth', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) deep = [deep];
    expect(findUnstorable({ d: deep })?.message).toMatch(/nested deeper/);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-01-15T10:00:00Z', '2026-01-15T10:00:00.000Z'],
    ['2026-01-15T10:00:00.5+02:00', '2026-01-15T08:00:00.500Z'],
    ['2026-01-15 10:00Z', '2026-01-15T10:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('%s', (input, iso) => expect(parseTimestamp(input)?.toISOString()).toBe(iso));

  it.each(['2026-01-15T10:00:00', '2025-02-29T00:00:00Z', '1969-12-31T23:59:59Z', '2026-01-15', 'now', '', '2026-01-15T24:00:00Z'])(
    'rejects %p',
    (input) => expect(parseTimestamp(input)).toBeUndefined(),
  );
  it('rejects non-strings', () => expect(parseTimestamp(12345)).toBeUndefined());
});
