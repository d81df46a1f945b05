import type { Response } from 'express';

/**
 * True when the request's `Prefer` header (RFC 7240) asks for `return=minimal`: preferences are
 * comma-separated, names and this value compare case-insensitively, a value may be quoted and
 * parameters after `;` are ignored. Any other or unknown preference leaves the full answer.
 */
export function prefersMinimalReturn(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  for (const line of Array.isArray(header) ? header : [header]) {
    for (const preference of line.split(',')) {
      const [nameValue] = preference.split(';');
      const eq = nameValue.indexOf('=');
      if (eq < 0) continue;
      const name = nameValue.slice(0, eq).trim().toLowerCase();
      const value = nameValue.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
      if (name === 'return' && value === 'minimal') return true;
    }
  }
  return false;
}

/**
 * The answer a write route gives: the full representation, or with `Prefer: return=minimal` the
 * short one, marked by `Preference-Applied`.
 */
export function preferredReturn<Full, Minimal>(prefer: string | string[] | undefined, res: Response, full: () => Full, minimal: () => Minimal): Full | Minimal {
  if (!prefersMinimalReturn(prefer)) return full();
  res.setHeader('Preference-Applied', 'return=minimal');
  return minimal();
}

export const PREFER_HEADER_DOC = {
  name: 'Prefer',
  required: false,
  description: '`return=minimal` (RFC 7240): answer only `{ id, wpk_id, run_id, status }`, with `Preference-Applied: return=minimal`. Status codes are unchanged.',
  // no example: Swagger UI would send it with every try
  schema: { type: 'string' },
};
