import { types } from 'pg';
import type { CustomTypesConfig } from 'pg';

/** PostgreSQL's type OID for `timestamptz`. */
export const TIMESTAMPTZ_OID = 1184;

const ZERO = 48;

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

const stockParser = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date | number | null;

/**
 * `timestamptz` text as PostgreSQL writes it in its default ISO DateStyle — `2026-01-15 10:00:01.52+00`,
 * any offset, `+05:30` and seconds included — parsed with character arithmetic instead of the
 * stock parser's three regular expressions. It gives the very Date the stock parser gives (the
 * fraction goes through the same `1000 * parseFloat` and Date.UTC truncation); anything else — BC
 * dates, years before 1000, infinity, another DateStyle — is handed to the stock parser.
 */
export function parseTimestamptz(s: string, fallback: (s: string) => Date | number | null = stockParser): Date | number | null {
  // YYYY-MM-DD HH:MM:SS[.f…]±HH[:MM[:SS]]
  const n = s.length;
  if (n < 22 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return fallback(s);
  }
  const year = digits(s, 0, 4);
  let i = 19;
  let fraction = 0;
  if (s.charCodeAt(i) === 46) {
    let j = i + 1;
    while (j < n && s.charCodeAt(j) >= ZERO && s.charCodeAt(j) <= ZERO + 9) j++;
    fraction = 1000 * parseFloat(s.slice(i, j));
    i = j;
  }
  const sign = s.charCodeAt(i);
  if ((sign !== 43 && sign !== 45) || year < 1000) return fallback(s);
  // the offset: ±HH, ±HH:MM or ±HH:MM:SS and nothing after it
  const rest = n - i - 1;
  if (rest !== 2 && rest !== 5 && rest !== 8) return fallback(s);
  let offsetS = digits(s, i + 1, i + 3) * 3600;
  if (rest >= 5) {
    if (s.charCodeAt(i + 3) !== 58) return fallback(s);
    offsetS += digits(s, i + 4, i + 6) * 60;
  }
  if (rest === 8) {
    if (s.charCodeAt(i + 6) !== 58) return fallback(s);
    offsetS += digits(s, i + 7, i + 9);
  }
  const utc = Date.UTC(year, digits(s, 5, 7) - 1, digits(s, 8, 10), digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19), fraction);
  if (Number.isNaN(utc) || Number.isNaN(offsetS)) return fallback(s);
  return new Date(sign === 43 ? utc - offsetS * 1000 : utc + offsetS * 1000);
}

/** Per-query type parsers for the pool: the fast `timestamptz` parser, every other type as pg parses it. */
export const FAST_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? (s: string) => parseTimestamptz(s) : types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};
