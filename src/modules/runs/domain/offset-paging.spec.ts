import { AppError } from '../../../common/errors/app-error';
import { MAX_OFFSET_ROWS, offsetOfPage } from './offset-paging';

describe('offsetOfPage', () => {
  it('answers the row offset of every page that ends by row 10,000', () => {
    expect(offsetOfPage(1, 20)).toBe(0);
    expect(offsetOfPage(500, 20)).toBe(9_980);
    expect(offsetOfPage(50, 200)).toBe(9_800);
    expect(offsetOfPage(MAX_OFFSET_ROWS, 1)).toBe(9_999);
  });

  it('refuses a deeper page with a 400 naming page and pointing to cursor', () => {
    const refuse = (page: number, limit: number) => {
      try {
        offsetOfPage(page, limit);
      } catch (err) {
        return err as AppError;
      }
      throw new Error('not refused');
    };
    const err = refuse(501, 20);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual([{ field: 'page', message: expect.stringMatching(/next_cursor of page 500.*cursor/) }]);
    expect(refuse(51, 200).details).toEqual([{ field: 'page', message: expect.stringContaining('the last page of 200 is 50') }]);
    // a page straddling the limit is refused too: it would read past row 10,000
    expect(() => offsetOfPage(34, 300)).toThrow(AppError);
  });
});
