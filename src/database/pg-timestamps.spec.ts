import fc from 'fast-check';
import { types } from 'pg';
import { parseTimestamptz, TIMESTAMPTZ_OID, timestamptzToIso } from './pg-timestamps';

const stock = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date | number | null;

function same(a: Date | number | null, b: Date | number | null): boolean {
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  return Object.is(a, b);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** timestamptz text the way PostgreSQL writes it in the ISO DateStyle, with any offset. */
const pgText = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
    sign: fc.constantFrom('+', '-'),
    offH: fc.integer({ min: 0, max: 15 }),
    offM: fc.option(fc.constantFrom(0, 15, 30, 45), { nil: undefined }),
    offS: fc.option(fc.integer({ min: 1, max: 59 }), { nil: undefined }),
    bc: fc.boolean(),
  })
  .map((t) => {
    let offset = `${t.sign}${pad(t.offH)}`;
    if (t.offM !== undefined || t.offS !== undefined) offset += `:${pad(t.offM ?? 0)}`;
    if (t.offS !== undefined) offset += `:${pad(t.offS)}`;
    const fraction = t.fraction === undefined ? '' : `.${t.fraction}`;
    const year = pad(t.year, 4);
    return `${year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${fraction}${offset}${t.bc ? ' BC' : ''}`;
  });

describe('parseTimestamptz', () => {
  it('gives the Date the stock pg parser gives for every ISO-DateStyle timestamptz', () => {
    fc.assert(
      fc.property(pgText, (s) => {
        expect(same(parseTimestamptz(s), stock(s))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the stock parser on the shapes PostgreSQL writes and on anything else', () => {
    const cases = [
      '2026-01-15 10:00:01.52+00',
      '2026-01-15 10:00:01+00',
      '2026-01-15 10:00:01.123456+00',
      '2026-01-15 05:30:01.999-05',
      '2026-01-15 15:30:01.001+05:30',
      '1883-11-18 12:00:00-04:56:02',
      '0099-01-01 00:00:00+00',
      '0044-03-15 12:00:00+00 BC',
      'infinity',
      '-infinity',
      '2026-01-15',
      '2026-01-15T10:00:01Z',
      '2026-01-15 10:00:01.+00',
      '2026-02-30 10:00:01+00',
      'not a date',
      '',
    ];
    for (const s of cases) expect([s, same(parseTimestamptz(s), stock(s))]).toEqual([s, true]);
  });

  it('parses the shapes PostgreSQL writes without the stock parser', () => {
    const refuse = (s: string): never => {
      throw new Error(`fell back on ${s}`);
    };
    const fast = (s: string): string => (parseTimestamptz(s, refuse) as Date).toISOString();
    expect(fast('2026-01-15 10:00:01.52+00')).toBe('2026-01-15T10:00:01.520Z');
    expect(fast('2026-01-15 10:00:01+00')).toBe('2026-01-15T10:00:01.000Z');
    expect(fast('2026-01-15 15:30:01.123456+05:30')).toBe('2026-01-15T10:00:01.123Z');
    expect(fast('2026-01-15 05:00:01.5-05')).toBe('2026-01-15T10:00:01.500Z');
    expect(fast('1883-11-18 12:00:00-04:56:02')).toBe('1883-11-18T16:56:02.000Z');
  });
});

describe('timestamptzToIso', () => {
  /** only dates that exist, as PostgreSQL only writes those; UTC ones in good number, as a UTC session writes */
  const valid = pgText.filter((s) => {
    const [y, m, d] = s.slice(0, 10).split('-').map(Number);
    return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  });
  const utc = valid.map((s) => s.replace(/[+-]\d\d(:\d\d){0,2}( BC)?$/, '+00'));

  it("writes what toISOString writes for the stock parser's Date, for any offset and fraction", () => {
    fc.assert(
      fc.property(fc.oneof(valid, utc), (s) => {
        expect([s, timestamptzToIso(s)]).toEqual([s, (stock(s) as Date).toISOString()]);
      }),
      { numRuns: 30_000 },
    );
  });

  it('fills PostgreSQL\'s shortened fractions to milliseconds and cuts longer ones', () => {
    expect(timestamptzToIso('2026-01-15 10:00:01+00')).toBe('2026-01-15T10:00:01.000Z');
    expect(timestamptzToIso('2026-01-15 10:00:01.5+00')).toBe('2026-01-15T10:00:01.500Z');
    expect(timestamptzToIso('2026-01-15 10:00:01.52+00')).toBe('2026-01-15T10:00:01.520Z');
    expect(timestamptzToIso('2026-01-15 10:00:01.523+00')).toBe('2026-01-15T10:00:01.523Z');
    expect(timestamptzToIso('2026-01-15 10:00:01.523999+00')).toBe('2026-01-15T10:00:01.523Z');
    expect(timestamptzToIso('2026-01-15 15:30:01.52+05:30')).toBe('2026-01-15T10:00:01.520Z');
    expect(timestamptzToIso('0999-01-15 10:00:01+00')).toBe('0999-01-15T10:00:01.000Z');
  });
});
