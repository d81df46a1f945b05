const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The first instant past year 9999 in UTC: ISO-8601's four-digit years end before it. */
const YEAR_10000 = Date.UTC(10000, 0, 1);

/**
 * Parses an ISO-8601 timestamp that names its time zone (`Z` or an offset). Returns undefined for
 * anything else, including impossible dates like 2024-02-30, years outside 1970–9999, and a late
 * 9999 whose offset puts it in year 10000 in UTC (which no four-digit timestamp can write back).
 */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = parseAnyShape(value);
  return date && date.getTime() < YEAR_10000 ? date : undefined;
}

/** Days in the month (1–12) of the year, Gregorian. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Any ISO-8601 shape with a zone, by regular expression; the instant is computed from the fields
 * the expression matched (a fraction keeps its first three digits, as Date.parse does), so the
 * string is not parsed a second time.
 */
export function parseAnyShape(value: string): Date | undefined {
  const m = ISO_WITH_ZONE.exec(value.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const zone = m[8];
  let offsetMs = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(-2));
    if (hours > 23 || minutes > 59) return undefined;
    offsetMs = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}

export const TIMESTAMP_MESSAGE = 'must be an ISO-8601 timestamp with a time zone, e.g. 2024-01-15T10:00:00Z';
