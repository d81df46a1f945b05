import { types } from 'pg';
import type { CustomTypesConfig } from 'pg';
import { hotPath } from '../common/perf/hot-path';
import { digitsAt } from '../common/validation/timestamps';

/** PostgreSQL's type OID for `timestamptz`. */
export const TIMESTAMPTZ_OID = 1184;
const JSON_OID = 114;
const JSONB_OID = 3802;

const ZERO = 48;

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
  const year = digitsAt(s, 0, 4);
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
  const hours = digitsAt(s, i + 1, i + 3);
  const minutes = rest >= 5 ? digitsAt(s, i + 4, i + 6) : 0;
  const seconds = rest === 8 ? digitsAt(s, i + 7, i + 9) : 0;
  if ((rest >= 5 && s.charCodeAt(i + 3) !== 58) || (rest === 8 && s.charCodeAt(i + 6) !== 58) || hours < 0 || minutes < 0 || seconds < 0) return fallback(s);
  const offsetS = hours * 3600 + minutes * 60 + seconds;
  const month = digitsAt(s, 5, 7);
  const day = digitsAt(s, 8, 10);
  const hour = digitsAt(s, 11, 13);
  const minute = digitsAt(s, 14, 16);
  const second = digitsAt(s, 17, 19);
  // digitsAt answers -1 for a non-digit, and any -1 makes the OR negative
  if ((month | day | hour | minute | second) < 0) return fallback(s);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  if (Number.isNaN(utc)) return fallback(s);
  return new Date(sign === 43 ? utc - offsetS * 1000 : utc + offsetS * 1000);
}

const fastTimestamptz = (s: string): Date | number | null => (hotPath('timestamp-parsers') ? parseTimestamptz(s) : stockParser(s));

/** Per-query type parsers for the pool: the fast `timestamptz` parser, every other type as pg parses it. */
export const FAST_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? fastTimestamptz : types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};

/** Per-query type parsers for reads rendered straight to JSON: `timestamptz`, `json` and `jsonb` stay text. */
export const TEXT_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (oid === TIMESTAMPTZ_OID || oid === JSONB_OID || oid === JSON_OID) && format !== 'binary'
      ? (s: string) => s
      : types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};

/**
 * `timestamptz` text as toISOString would write its Date: in UTC (`+00`) with at most three
 * fraction digits — PostgreSQL drops trailing zeros — by slicing; any other offset, precision or
 * shape through parseTimestamptz, so the answer is always the Date's own ISO text.
 */
export function timestamptzToIso(s: string): string {
  if (!hotPath('timestamp-parsers')) {
    const stock = stockParser(s);
    return (stock instanceof Date ? stock : new Date(stock as number)).toISOString();
  }
  const n = s.length;
  const digits = n - 23;
  if (
    n >= 22 && n <= 26 && digits !== 0 && s.charCodeAt(n - 3) === 43 && s.charCodeAt(n - 2) === ZERO && s.charCodeAt(n - 1) === ZERO &&
    s.charCodeAt(4) === 45 && s.charCodeAt(10) === 32 && s.charCodeAt(0) !== ZERO && (n === 22 || s.charCodeAt(19) === 46)
  ) {
    // "YYYY-MM-DD HH:MM:SS+00" or with ".f", ".ff", ".fff" before the offset
    return n === 22 ? `${s.slice(0, 10)}T${s.slice(11, 19)}.000Z` : `${s.slice(0, 10)}T${s.slice(11, n - 3)}${'00'.slice(0, 3 - digits)}Z`;
  }
  const date = parseTimestamptz(s);
  return (date instanceof Date ? date : new Date(date as number)).toISOString();
}
