import fc from 'fast-check';
import { parseTimestamp } from './timestamps';

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

/** The instant a canonical timestamp names, worked out field by field, or undefined when a field is out of range. */
function expectedTime(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(s)!;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const oh = m[10] ? Number(m[10]) : 0;
  const om = m[11] ? Number(m[11]) : 0;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // a fraction of at most 9 digits (nanoseconds)
  if ((m[7]?.length ?? 0) > 9) return undefined;
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59 || oh > 23 || om > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return utc < Date.UTC(10000, 0, 1) ? utc : undefined;
}

describe('parseTimestamp', () => {
  it('reads the canonical shape as its fields say, field ranges included', () => {
    fc.assert(
      fc.property(canonical, (s) => {
        expect(time(parseTimestamp(s))).toEqual(expectedTime(s));
      }),
      { numRuns: 30_000 },
    );
  });

  it('reads what clients send, and refuses impossible dates and years before 1970', () => {
    for (const s of ['2026-01-15T10:00:01Z', '2026-01-15T10:00:01.5Z', '2026-01-15T10:00:01.123456Z', '2024-02-29T23:59:59.999+05:30', '2026-01-15T10:00:01-08:00', '2026-01-15 10:00:01+0000']) {
      expect([s, parseTimestamp(s)?.getTime()]).toEqual([s, new Date(s.replace(' ', 'T').replace('+0000', 'Z')).getTime()]);
    }
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseTimestamp('1969-12-31T23:59:59Z')).toBeUndefined();
    expect(parseTimestamp('2026-01-15T10:00:01')).toBeUndefined();
    expect(parseTimestamp(20260115)).toBeUndefined();
  });

  it('refuses a time whose offset carries it past year 9999 in UTC, and keeps the last instant before', () => {
    expect(parseTimestamp('9999-12-31T23:00:00-05:00')).toBeUndefined();
    expect(parseTimestamp('9999-12-31 23:00:00-0500')).toBeUndefined();
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(parseTimestamp('9999-12-31T23:59:59.999+05:00')?.toISOString()).toBe('9999-12-31T18:59:59.999Z');
  });

  it('names the instant Date.parse names for every shape the expression admits (no seconds, lower case, a space, offsets without a colon, whitespace)', () => {
    const shape = fc
      .record({
        year: fc.integer({ min: 1970, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
        fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
        sep: fc.constantFrom('T', 't', ' '),
        zone: fc.oneof(
          fc.constantFrom('Z', 'z'),
          fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean()).map(([s, h, m, colon]) => `${s}${pad(h)}${colon ? ':' : ''}${pad(m)}`),
        ),
        pad: fc.constantFrom('', ' ', '\t'),
      })
      .map((t) => {
        const seconds = t.second === undefined ? '' : `:${pad(t.second)}${t.fraction === undefined ? '' : `.${t.fraction}`}`;
        return `${t.pad}${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}${t.sep}${pad(t.hour)}:${pad(t.minute)}${seconds}${t.zone}${t.pad}`;
      });
    fc.assert(
      fc.property(shape, (s) => {
        const byDate = new Date(s.trim().replace(' ', 'T')).getTime();
        const expected = Number.isNaN(byDate) || byDate >= Date.UTC(10000, 0, 1) ? undefined : byDate;
        expect([s, time(parseTimestamp(s))]).toEqual([s, expected]);
      }),
      { numRuns: 30_000 },
    );
  });
});
