import fc from 'fast-check';
import { parseAnyShape, parseCanonical, parseTimestamp } from './timestamps';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const time = (d: Date | undefined): number | undefined => d?.getTime();

/** Timestamps in the canonical shape, fields deliberately allowed out of range. */
const canonical = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1965, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,11}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`),
    ),
  })
  .map((t) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction === undefined ? '' : `.${t.fraction}`}${t.zone}`);

/** What the general parser reads, within the instants a four-digit year can write (before year 10000 in UTC). */
function generalTime(s: string): number | undefined {
  const t = time(parseAnyShape(s));
  return t !== undefined && t < Date.UTC(10000, 0, 1) ? t : undefined;
}

describe('parseTimestamp', () => {
  it('reads the canonical shape exactly as the general parser does, field ranges included', () => {
    fc.assert(
      fc.property(canonical, (s) => {
        expect(time(parseTimestamp(s))).toEqual(generalTime(s));
      }),
      { numRuns: 30_000 },
    );
  });

  it('agrees with the general parser on other shapes too', () => {
    const others = fc.oneof(
      canonical.map((s) => s.replace('T', ' ')),
      canonical.map((s) => s.toLowerCase()),
      canonical.map((s) => ` ${s} `),
      canonical.map((s) => s.replace(/:(\d\d)$/, '$1')),
      canonical.map((s) => s.slice(0, 16) + s.slice(19)),
      fc.string(),
    );
    fc.assert(
      fc.property(others, (s) => {
        expect(time(parseTimestamp(s))).toEqual(generalTime(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the fast path for what clients send', () => {
    for (const s of ['2026-01-15T10:00:01Z', '2026-01-15T10:00:01.5Z', '2026-01-15T10:00:01.123456Z', '2024-02-29T23:59:59.999+05:30', '2026-01-15T10:00:01-08:00']) {
      expect([s, parseCanonical(s)?.getTime()]).toEqual([s, new Date(s).getTime()]);
    }
    expect(parseCanonical('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseTimestamp('1969-12-31T23:59:59Z')).toBeUndefined();
  });

  it('refuses a time whose offset carries it past year 9999 in UTC, and keeps the last instant before', () => {
    expect(parseTimestamp('9999-12-31T23:00:00-05:00')).toBeUndefined();
    expect(parseTimestamp('9999-12-31 23:00:00-0500')).toBeUndefined();
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(parseTimestamp('9999-12-31T23:59:59.999+05:00')?.toISOString()).toBe('9999-12-31T18:59:59.999Z');
  });
});
