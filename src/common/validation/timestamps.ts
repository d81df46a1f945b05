import { hotPath } from '../perf/hot-path';

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
  const date = (hotPath('timestamp-parsers') ? parseCanonical(value) : null) ?? parseAnyShape(value);
  return date && date.getTime() < YEAR_10000 ? date : undefined;
}

const ZERO = 48;

/** The number in value[from, to), or -1 unless every character there is a digit. */
export function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The shape clients send nearly always — `2024-01-15T10:00:00.123Z` or with `±HH:MM` — read with
 * character arithmetic; the very Date `parseAnyShape` gives (a property test holds it to it). Null
 * for any other shape or any field out of range, which `parseAnyShape` then decides.
 */
export function parseCanonical(v: string): Date | null {
  const n = v.length;
  if (n < 20 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return null;
  const year = digitsAt(v, 0, 4);
  const month = digitsAt(v, 5, 7);
  const day = digitsAt(v, 8, 10);
  const hour = digitsAt(v, 11, 13);
  const minute = digitsAt(v, 14, 16);
  const second = digitsAt(v, 17, 19);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return null;
  }
  let i = 19;
  let ms = 0;
  if (v.charCodeAt(i) === 46) {
    // milliseconds: the first three digits of the fraction, the rest dropped (as Date.parse does)
    const end = i + 1 + Math.min(9, n - i - 1);
    let j = i + 1;
    let scale = 100;
    while (j < end) {
      const d = v.charCodeAt(j) - ZERO;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
      j++;
    }
    if (j === i + 1) return null;
    ms = Math.floor(ms);
    i = j;
  }
  let offsetMinutes = 0;
  const zone = v.charCodeAt(i);
  if (zone === 90 && i + 1 === n) {
    // Z
  } else if ((zone === 43 || zone === 45) && i + 6 === n && v.charCodeAt(i + 3) === 58) {
    const oh = digitsAt(v, i + 1, i + 3);
    const om = digitsAt(v, i + 4, i + 6);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
    offsetMinutes = (zone === 43 ? 1 : -1) * (oh * 60 + om);
  } else {
    return null;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

/** Any ISO-8601 shape with a zone, by regular expression and Date.parse; exported for the property test. */
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
