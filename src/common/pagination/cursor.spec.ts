import { AppError } from '../errors/app-error';
import { decodeCursor, decodeTimeIdCursor, encodeCursor, encodeTimeIdCursor } from './cursor';

describe('cursors', () => {
  it('round-trips and uses only base64url characters', () => {
    const at = new Date('2026-01-15T10:00:00.123Z');
    const id = '9b2c6f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const cursor = encodeTimeIdCursor(at, id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTimeIdCursor(cursor)).toEqual({ at, id });
    expect(decodeCursor(encodeCursor(['wf-é/ü?&=', 3]), ['string', 'number'])).toEqual(['wf-é/ü?&=', 3]);
  });

  const bad = [
    '',
    'has space',
    'abc+/=',
    Buffer.from('not json').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["2026-01-01T00:00:00Z"]').toString('base64url'),
    Buffer.from('[1, "x"]').toString('base64url'),
    Buffer.from('["not a date", "9b2c6f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"]').toString('base64url'),
    Buffer.from('["2026-01-01T00:00:00Z", "not-an-id"]').toString('base64url'),
    'A'.repeat(3000),
  ];
  it.each(bad)('rejects %p as a 400 naming cursor', (cursor) => {
    let error: unknown;
    try {
      decodeTimeIdCursor(cursor);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details).toEqual([{ field: 'cursor', message: 'is not a cursor this API handed out' }]);
  });
});
