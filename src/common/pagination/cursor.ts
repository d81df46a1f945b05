import { AppError } from '../errors/app-error';

/**
 * Opaque keyset cursors: base64url (A–Z a–z 0–9 - _, no padding) of a small JSON array holding the
 * sort key of the last item handed out. Safe unencoded in a query string.
 */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]{1,2048}$/;

/** Decodes a cursor whose items must match `kinds` ('string' | 'number'); anything else is a 400 on `field`. */
export function decodeCursor(
  cursor: string,
  kinds: ReadonlyArray<'string' | 'number'>,
  field = 'cursor',
): Array<string | number> {
  const invalid = () => AppError.field(field, 'is not a cursor this API handed out');
  if (!BASE64URL.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length) throw invalid();
  parsed.forEach((v, i) => {
    if (typeof v !== kinds[i]) throw invalid();
    if (typeof v === 'number' && !Number.isFinite(v)) throw invalid();
  });
  return parsed as Array<string | number>;
}

/** Keyset page of a (created_at DESC, id DESC) listing: the created_at ISO string and the id. */
export function decodeTimeIdCursor(cursor: string, field = 'cursor'): { at: Date; id: string } {
  const [at, id] = decodeCursor(cursor, ['string', 'string'], field) as [string, string];
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw AppError.field(field, 'is not a cursor this API handed out');
  }
  return { at: date, id };
}

export function encodeTimeIdCursor(at: Date, id: string): string {
  return encodeCursor([at.toISOString(), id]);
}
