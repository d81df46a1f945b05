import { AppError } from '../../../common/errors/app-error';

/**
 * Offset paging (`?page=`) reads and skips every row before the page, so its cost grows with the
 * depth; it is answered only up to this row, and deeper pages are refused in favour of keyset
 * cursors, whose cost does not grow with the depth. `total` is counted exactly up to the same row
 * (a bounded count); past it, it is an estimate (see RunsRepository.countUpTo).
 */
export const MAX_OFFSET_ROWS = 10_000;

/** The row offset of a 1-based page, or a 400 naming `page` when the page ends past MAX_OFFSET_ROWS. */
export function offsetOfPage(page: number, limit: number): number {
  const offset = (page - 1) * limit;
  if (offset + limit > MAX_OFFSET_ROWS) {
    const last = Math.floor(MAX_OFFSET_ROWS / limit);
    throw AppError.field(
      'page',
      `page ${page} of ${limit} runs ends past run ${MAX_OFFSET_ROWS.toLocaleString('en')}, the deepest offset paging reaches (the last page of ${limit} is ${last}); page deeper with cursor: pass the next_cursor of page ${last}, or page with cursor from the start`,
    );
  }
  return offset;
}

/** A total: exact, or estimated when more rows match than the bounded count reads. */
export interface PageTotal {
  total: number;
  estimated: boolean;
}
