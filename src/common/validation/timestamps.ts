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

/** Any ISO-8601 shape with a zone, by regular expression and Date.parse. */
export function parseAnyShape(value: string): Date | undefined {
  const m = ISO_WITH_ZONE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const year = Number(y);
  if (year < 1970 || year > 9999) return undefined;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    return undefined;
  }
  const daysInMonth = new Date(Date.UTC(year, Number(mo), 0)).getUTCDate();
  if (Number(d) > daysInMonth) return undefined;
  const date = new Date(value.trim().replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const TIMESTAMP_MESSAGE = 'must be an ISO-8601 timestamp with a time zone, e.g. 2024-01-15T10:00:00Z';
