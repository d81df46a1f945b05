/**
 * Offset paging (`?page=`) reads and skips every row before the page, so its cost grows with the
 * depth; it is answered only up to this row, and deeper pages are refused in favour of keyset
 * cursors, whose cost does not grow with the depth.
 */
export const MAX_OFFSET_ROWS = 10_000;
